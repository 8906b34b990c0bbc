import { execFile } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { MODEL_VERSION } from "~/compiler/model";
import { WORST_INPUTS, worstInputFolder } from "../unit/fixtures";

const run = promisify(execFile);

describe("machine-readable output", () => {
  it("serves the same model as `npm run -s export`, with caching headers", async () => {
    const { stdout } = await run("npm", ["run", "-s", "export"], { maxBuffer: 64 * 1024 * 1024 });
    const exported = JSON.parse(stdout);
    expect(exported.version).toBe(MODEL_VERSION);
    const response = await fetch(`${inject("baseUrl")}/api/perspectives.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(response.headers.get("cache-control")).toMatch(/max-age=\d+/);
    expect(await response.json()).toEqual(exported);

    const etag = response.headers.get("etag");
    expect(etag).toMatch(/^".+"$/);
    const revalidated = await fetch(`${inject("baseUrl")}/api/perspectives.json`, { headers: { "If-None-Match": etag! } });
    expect(revalidated.status).toBe(304);
  });

  it("has the documented shape", async () => {
    const model = await (await fetch(`${inject("baseUrl")}/api/perspectives.json`)).json();
    expect(Object.keys(model)).toEqual(expect.arrayContaining(["version", "topics", "perspectives", "sources"]));
    expect(Object.keys(model.topics[0])).toEqual(expect.arrayContaining(["id", "question", "framing"]));
    const claim = model.perspectives[0].claims[0];
    expect(Object.keys(claim)).toEqual(
      expect.arrayContaining(["id", "topic", "stance", "statement", "evidence", "counterEvidence", "contestedBy"]),
    );
    expect(Object.keys(claim.evidence[0])).toEqual(expect.arrayContaining(["kind", "text", "citations"]));
    expect(Object.keys(claim.evidence[0].citations[0])).toEqual(expect.arrayContaining(["key"]));
    expect(Object.keys(model.sources[0])).toEqual(expect.arrayContaining(["key", "title", "author", "year"]));
  });

  it("serves one viewpoint at /api/perspectives/:id.json and 404 for an unknown one", async () => {
    const model = await (await fetch(`${inject("baseUrl")}/api/perspectives.json`)).json();
    const first = model.perspectives[0];
    const response = await fetch(`${inject("baseUrl")}/api/perspectives/${first.id}.json`);
    expect(response.status).toBe(200);
    expect((await response.json()).perspective).toEqual(first);
    expect((await fetch(`${inject("baseUrl")}/api/perspectives/nobody.json`)).status).toBe(404);
  });
});

describe("npm run check", () => {
  const check = (folder: string) => run("npm", ["run", "-s", "check", "--", folder], { maxBuffer: 64 * 1024 * 1024 }).catch((error) => error);

  it("exits 0 on valid content and 1 with file:line:column on invalid content", async () => {
    const valid = await check("tests/fixtures/valid");
    expect(valid.stderr).toContain("no problems");

    const folder = await mkdtemp(path.join(tmpdir(), "counterpoint-"));
    await cp("tests/fixtures/valid", folder, { recursive: true });
    await cp("tests/fixtures/rules/raw-html/supporters.md", path.join(folder, "supporters.md"));
    const invalid = await check(folder);
    await rm(folder, { recursive: true });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/supporters\.md\n\s*23:29-23:32\s+error\s+Unexpected raw HTML `<b>`/);
    expect(invalid.stderr).toMatch(/3 errors/);
  });

  // How long these take is bench:compile's to report; here, that each ends the same way.
  for (const input of WORST_INPUTS) {
    it(`refuses ${input.name} with its rule at ${input.at}, exit 1 and no stack trace`, async () => {
      const folder = await worstInputFolder(input.name);
      const result = await check(folder);
      await rm(folder, { recursive: true });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`supporters\\.md\\n(?:.+\\n)*?\\s*${input.at}(?:-\\S+)?\\s+error\\s+.*${input.rule}`));
      expect(result.stderr).not.toMatch(/^\s+at .+[(:]\d+|internal-error/m);
    });
  }
});

describe("the production server", () => {
  it("refuses to start on invalid content, printing the compiler's report", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "counterpoint-"));
    await cp("tests/fixtures/valid", folder, { recursive: true });
    await cp("tests/fixtures/rules/raw-html/supporters.md", path.join(folder, "supporters.md"));
    const started = await run(process.execPath, ["app/cli/serve.mjs", "build/index.js"], {
      env: { ...process.env, NODE_ENV: "production", PORT: "0", COUNTERPOINT_CONTENT: folder },
      timeout: 30_000,
    }).catch((error) => error);
    await rm(folder, { recursive: true });
    expect(started.code).toBe(1);
    expect(started.stderr).toContain("Counterpoint refuses to serve invalid content");
    expect(started.stderr).toMatch(/23:29-23:32\s+error\s+Unexpected raw HTML `<b>`/);
  });
});
