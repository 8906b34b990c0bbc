/**
 * The author's loop: `npm run dev` on a copy of the project and its content.
 * An edited statement shows in the open tab with no manual reload (the dev
 * server's live reload brings it), and the compiler re-read only the edited
 * file (it says so in development); a broken frontmatter shows the
 * compiler's report, which stays after hydration; restoring the file brings
 * the page back.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser } from "playwright-core";
import { CHROMIUM } from "./browser";
import { content } from "./content";
import { freePort } from "./server";

const root = fileURLToPath(new URL("../..", import.meta.url));

let project = "";
let dev: ChildProcess | undefined;
let browser: Browser | undefined;
let log = "";
let baseUrl = "";

async function waitFor(check: () => Promise<boolean>, what: string, timeout = 90_000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (dev?.exitCode !== null) throw new Error(`npm run dev exited:\n${log}`);
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Timed out waiting for ${what}:\n${log.slice(-3000)}`);
}

beforeAll(async () => {
  project = await mkdtemp(path.join(tmpdir(), "counterpoint-dev-"));
  for (const entry of ["app", "public", "perspectives", "remix.config.js", "package.json", "tsconfig.json"]) {
    await cp(path.join(root, entry), path.join(project, entry), { recursive: true, filter: (source) => !source.includes(`${path.sep}public${path.sep}build`) });
  }
  await symlink(path.join(root, "node_modules"), path.join(project, "node_modules"));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  dev = spawn("npm", ["run", "dev"], {
    cwd: project,
    env: { ...process.env, NODE_ENV: "development", PORT: String(port), HOST: "127.0.0.1", COUNTERPOINT_CONTENT: undefined },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  dev.stdout?.on("data", (chunk) => (log += chunk));
  dev.stderr?.on("data", (chunk) => (log += chunk));
  await waitFor(async () => (await fetch(baseUrl)).ok, "the dev server");
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  // npm starts remix, which starts the server in a group of its own: end
  // our group, then every process still running from the temporary copy.
  if (dev?.pid) process.kill(-dev.pid, "SIGTERM");
  const left = execFileSync("ps", ["-eo", "pid=,args="], { encoding: "utf8" })
    .split("\n")
    .filter((line) => project && line.includes(project))
    .map((line) => Number.parseInt(line.trim(), 10));
  for (const pid of left) if (pid && pid !== process.pid) process.kill(pid, "SIGTERM");
  if (project) await rm(project, { recursive: true, force: true });
});

/** What each compile since `mark` in the log read, as the compiler tells it in development. */
function compiledSince(mark: number): string[] {
  return [...log.slice(mark).matchAll(/^Counterpoint compiled (\d+ of \d+ content files.*)$/gm)].map((match) => match[1]!);
}

describe("npm run dev", () => {
  it("updates the open tab on an edit, shows a broken file's report, and recovers", async () => {
    const debate = await content();
    const perspective = debate.perspectives[0]!;
    const claim = perspective.claims[0]!;
    const file = path.join(project, "perspectives", perspective.position.file);
    const original = await readFile(file, "utf8");
    const names = (await readdir(path.join(project, "perspectives"))).filter((name) => name !== "README.md").sort();
    // The server's start read every file.
    const [count, read = ""] = compiledSince(0)[0]?.split(": ") ?? [];
    expect(count).toBe(`${names.length} of ${names.length} content files`);
    expect(read.split(", ").sort()).toEqual(names);
    const onlyEdited = `1 of ${names.length} content files: ${perspective.position.file}`;
    /** A compile since `mark` read the edited file alone, and every other read nothing (a re-import with nothing new). */
    const expectOnlyEditedRead = async (mark: number) => {
      await waitFor(async () => compiledSince(mark).includes(onlyEdited), "the compile's report of what it read", 10_000);
      expect(compiledSince(mark).filter((line) => line !== onlyEdited && !line.startsWith("0 of "))).toEqual([]);
    };

    const page = await browser!.newPage({ baseURL: baseUrl });
    await page.goto(`/claims/${claim.id}`);
    await page.locator("html.js").waitFor({ state: "attached" });
    const edited = `An edited statement ${Date.now()} for the dev-loop test.`;
    const lines = original.split("\n");
    const line = claim.position.line - 1;
    // The statement is the first paragraph after the claim's fields.
    let index = line + 1;
    while (lines[index]?.trim() === "" || /^[A-Za-z-]+:/.test(lines[index] ?? "")) index++;
    const statementLines: number[] = [];
    while (lines[index]?.trim()) statementLines.push(index++);
    lines.splice(statementLines[0]!, statementLines.length, edited);
    let mark = log.length;
    await writeFile(file, lines.join("\n"));
    await page.getByText(edited).waitFor({ timeout: 30_000 });
    await expectOnlyEditedRead(mark);

    mark = log.length;
    await writeFile(file, original.replace(/^id: .*$/m, "id: [unclosed"));
    const report = page.locator(".content-report");
    await report.waitFor({ timeout: 30_000 });
    // Hydration used to throw the server's HTML, and the report with it, away.
    const hydrationErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") hydrationErrors.push(message.text());
    });
    await page.reload();
    // root adds the class in an effect, which runs after hydration's commit, where React has logged any hydration error.
    await page.locator("html.js").waitFor({ state: "attached" });
    expect(hydrationErrors.filter((error) => /hydrat/i.test(error))).toEqual([]);
    const text = await report.textContent();
    expect(text).toMatch(new RegExp(`${perspective.position.file}[\\s\\S]*\\d+:\\d+[\\s\\S]*frontmatter-invalid`));
    await expectOnlyEditedRead(mark);

    mark = log.length;
    await writeFile(file, original);
    await page.getByRole("heading", { level: 1, name: claim.title }).waitFor({ timeout: 30_000 });
    await expectOnlyEditedRead(mark);
    expect(await page.getByText(claim.statement).count()).toBeGreaterThan(0);
  }, 120_000);
});
