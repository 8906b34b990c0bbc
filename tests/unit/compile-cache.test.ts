/**
 * The per-file cache of the author's loop, on a copy of the real content: an
 * edit re-reads only the edited file, and the model and the messages are
 * those a compile from scratch gives.
 */
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearCache, compileFolder, type CompileResult } from "~/compiler/compile";

let folder = "";
let names: string[] = [];

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "counterpoint-cache-"));
  await cp("perspectives", folder, { recursive: true });
  names = (await readdir(folder)).filter((name) => name !== "README.md").sort();
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const read = (result: CompileResult) => result.read.map((file) => path.basename(file)).sort();
const messages = (result: CompileResult) => result.files.flatMap((file) => file.messages.map((message) => `${file.basename}:${message.line}:${message.column} ${message.ruleId}`));

/** Edits a file of the copy, then compiles twice: with the cache, and from scratch. */
async function editAndCompile(name: string, edit: (text: string) => string) {
  const file = path.join(folder, name);
  await writeFile(file, edit(await readFile(file, "utf8")));
  const cached = await compileFolder(folder);
  clearCache();
  const fresh = await compileFolder(folder);
  return { cached, fresh };
}

describe("the compile cache", () => {
  it("reads every file once, then none while nothing changes", async () => {
    clearCache();
    const first = await compileFolder(folder);
    expect(first.errors).toBe(0);
    expect(read(first)).toEqual(names);
    const again = await compileFolder(folder);
    expect(read(again)).toEqual([]);
    expect(again.debate).toEqual(first.debate);
  });

  it("re-reads only an edited viewpoint, and renders what a compile from scratch renders", async () => {
    const before = await compileFolder(folder);
    const perspective = before.debate.perspectives[0]!;
    const claim = perspective.claims[0]!;
    const statement = `An edited statement of ${claim.id}.`;
    const { cached, fresh } = await editAndCompile(perspective.position.file, (text) => text.replace(claim.statement.slice(0, 40), statement.slice(0, -1)));
    expect(read(cached)).toEqual([perspective.position.file]);
    expect(read(fresh)).toEqual(names);
    expect(cached.debate.perspectives[0]!.claims[0]!.statement).toContain("An edited statement of");
    expect(cached.debate).toEqual(fresh.debate);
    expect(messages(cached)).toEqual(messages(fresh));
  });

  it("reports, in a file taken from the cache, a cross-link that an edit to another file broke", async () => {
    const before = await compileFolder(folder);
    const claims = before.debate.perspectives.flatMap((perspective) => perspective.claims);
    const source = claims.find((claim) => claim.counterEvidence.some((item) => item.claim))!;
    const target = claims.find((claim) => claim.id === source.counterEvidence.find((item) => item.claim)!.claim)!;
    const targetFile = before.debate.perspectives.find((perspective) => perspective.id === target.perspective)!.position.file;
    const sourceFile = before.debate.perspectives.find((perspective) => perspective.id === source.perspective)!.position.file;

    // A claim's id is its `ID:` field, or its title's slug; an `ID:` line renames it either way.
    const { cached, fresh } = await editAndCompile(targetFile, (text) => {
      const lines = text.split("\n");
      const fields = lines.findIndex((line, index) => index >= target.position.line && line.startsWith("Stance:"));
      const id = lines.findIndex((line, index) => index > fields && index < fields + 3 && line.startsWith("ID:"));
      if (id >= 0) lines.splice(id, 1);
      lines.splice(fields + 1, 0, `ID: ${target.id}-renamed`);
      return lines.join("\n");
    });
    expect(read(cached)).toEqual([targetFile]);
    expect(messages(cached).filter((message) => message.endsWith("broken-cross-link")).map((message) => message.split(":")[0])).toContain(sourceFile);
    expect(messages(cached)).toEqual(messages(fresh));
    expect(cached.errors).toBeGreaterThan(0);
    // The cached file's link no longer leads to a claim page.
    expect(cached.debate).toEqual(fresh.debate);
  });

  it("re-renders every citation of a work whose year changed in references.bib", async () => {
    await cp("perspectives", folder, { recursive: true });
    const before = await compileFolder(folder);
    expect(before.errors).toBe(0);
    // A work cited in prose, where citations read "(Author Year)".
    const model = JSON.stringify(before.debate);
    const source = before.debate.sources.find((candidate) => /year\s*=\s*\{\d{4}\}/.test(candidate.bibtex) && model.includes(`>${candidate.citeName} ${candidate.year}</a>`))!;
    const { cached, fresh } = await editAndCompile("references.bib", (text) =>
      text.replace(source.bibtex, source.bibtex.replace(/year\s*=\s*\{\d{4}\}/, "year = {1901}")),
    );
    expect(read(cached)).toEqual(["references.bib"]);
    expect(JSON.stringify(cached.debate)).toContain(`>${source.citeName} 1901</a>`);
    expect(cached.debate).toEqual(fresh.debate);
  });
});
