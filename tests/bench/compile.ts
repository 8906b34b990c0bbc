/**
 * `npm run bench:compile`, in one run:
 * - synthetic corpora of 1,000 and 10,000 claims: the full compile (cache
 *   empty) against its floor, bare parsing by the same remark plugins
 *   (remark-parse, frontmatter, gfm);
 * - the recompile after an edit to one file of the 10,000-claim corpus, as a
 *   share of the full compile;
 * - `npm run check` on each worst malformed input and each rule fixture,
 *   against `node -e ''`, the cost of starting Node at all.
 * Other work may share the machine: the two sides of each ratio run in turn,
 * so that both see the same load, and each figure is a median.
 * A benchmark, not a test: it prints numbers.
 */
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { VFile } from "vfile";
import { clearCache, compile } from "~/compiler/compile";
import { RULES, type RuleId } from "~/compiler/rules";
import { FIXTURES, fixtureFolder, WORST_INPUTS, worstInputFolder } from "../unit/fixtures";

const TOPICS = 10;
const CLAIMS_PER_FILE = 50;
const STATEMENT = "A statement of the claim";

function corpus(claims: number): VFile[] {
  const files: VFile[] = [];
  const topics = Array.from({ length: TOPICS }, (_, index) => `## Topic ${index}\n\nQuestion: Is question ${index} answered?\n\nA neutral framing paragraph for question ${index}.\n`);
  files.push(new VFile({ path: "bench/topics.md", value: `---\ntitle: Bench\ndescription: Synthetic.\n---\n\n${topics.join("\n")}` }));
  files.push(new VFile({ path: "bench/references.bib", value: "@article{smith2020, author = {Smith, Jane}, title = {A Study}, journal = {J}, year = {2020}}\n" }));
  const fileCount = Math.ceil(claims / CLAIMS_PER_FILE);
  for (let fileIndex = 0; fileIndex < fileCount; fileIndex++) {
    const id = `view-${fileIndex}`;
    let body = `---\nid: ${id}\nname: View ${fileIndex}\nsummary: A summary.\ntradition: A tradition.\nproponents:\n  - Someone\npolicy: A policy.\n---\n\n# View ${fileIndex}\n`;
    for (let topic = 0; topic < TOPICS; topic++) {
      body += `\n## Topic ${topic}\n`;
      for (let claim = 0; claim < CLAIMS_PER_FILE / TOPICS; claim++) {
        const claimId = `claim-${fileIndex}-${topic}-${claim}`;
        const other = `view-${(fileIndex + 1) % fileCount}.md#claim-${(fileIndex + 1) % fileCount}-${topic}-${claim}`;
        body += `\n### Claim ${fileIndex} ${topic} ${claim}\n\nStance: yes\nID: ${claimId}\n\n${STATEMENT} with *some* emphasis.\n\nAn explanation paragraph that says why, in a few more words than the statement.\n\n#### Evidence\n\n- **study:** A study found something notable [@smith2020, Results › Table 2, "something notable"].\n- **statistic:** A figure of 27% was reported [@smith2020, p. 4].\n\n#### Counter-evidence\n\n- **expert-opinion:** Others disagree with the reading [@smith2020, Discussion]. See [the other view](${other}).\n`;
      }
    }
    files.push(new VFile({ path: `bench/${id}.md`, value: body }));
  }
  return files;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** With `--expose-gc`, each run starts on a collected heap instead of paying for the garbage of the run before. */
const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});

async function timed(run: () => unknown): Promise<number> {
  collect();
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** Runs `a` and `b` in turn, `repeats` times each after one warm-up round; medians. */
async function alternate(a: () => unknown, b: () => unknown, repeats: number): Promise<[number, number]> {
  const samples: [number[], number[]] = [[], []];
  for (let round = 0; round <= repeats; round++) {
    const first = await timed(a);
    const second = await timed(b);
    if (round === 0) continue; // warm-up: the JIT and the files' pages
    samples[0].push(first);
    samples[1].push(second);
  }
  return [median(samples[0]), median(samples[1])];
}

const ms = (value: number) => `${value >= 10_000 ? (value / 1000).toFixed(1) : value.toFixed(0)}${value >= 10_000 ? " s" : " ms"}`;
const fresh = (files: VFile[]) => files.map((file) => new VFile({ path: file.path, value: file.value }));
const parser = unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]).use(remarkGfm).freeze();

console.log(`Machine: ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)} at start`);
console.log("\nFull compile against bare parsing (remark-parse, frontmatter, gfm), in turn, medians");
console.log("claims   bytes      compile    per claim  bare parse  ratio");
let tenThousand: { files: VFile[]; compileMs: number } | undefined;
for (const claims of [1_000, 10_000]) {
  const files = corpus(claims);
  const texts = files.map((file) => String(file.value));
  const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  const [compileMs, parseMs] = await alternate(
    () => {
      clearCache();
      if (compile(fresh(files)).errors > 0) throw new Error("the synthetic corpus should compile cleanly");
    },
    () => {
      for (const text of texts) parser.runSync(parser.parse(text));
    },
    claims > 5_000 ? 3 : 7,
  );
  console.log(
    `${claims.toLocaleString("en").padEnd(8)} ${`${(bytes / 1e6).toFixed(1)} MB`.padEnd(10)} ${ms(compileMs).padEnd(10)} ${`${((compileMs * 1000) / claims).toFixed(0)} µs`.padEnd(10)} ${ms(parseMs).padEnd(11)} ${(compileMs / parseMs).toFixed(2)}×`,
  );
  if (claims === 10_000) tenThousand = { files, compileMs };
}

// The author's loop: the cache holds every file of the last full compile, and
// one file changes. Each edit is to another file and the earlier edits stay,
// as in an author's session.
const EDITS = 9;
const { files, compileMs } = tenThousand!;
const texts = files.map((file) => String(file.value));
const recompiles: number[] = [];
for (let edit = 0; edit <= EDITS; edit++) {
  const target = 2 + Math.floor(((files.length - 2) * edit) / (EDITS + 1));
  texts[target] = texts[target]!.replace(STATEMENT, `Edited statement ${edit} of the claim`);
  const next = files.map((file, index) => new VFile({ path: file.path, value: texts[index] }));
  const elapsed = await timed(() => {
    const result = compile(next);
    if (result.errors > 0 || result.read.length !== 1) throw new Error("an edit should recompile one file cleanly");
  });
  if (edit > 0) recompiles.push(elapsed); // the first edit warms up
}
const recompileMs = median(recompiles);
console.log(
  `\nRecompile after an edit to one file of the 10,000-claim corpus (median of ${EDITS} edits, each to another file): ${ms(recompileMs)}, ${((100 * recompileMs) / compileMs).toFixed(1)}% of the full compile (${ms(compileMs)})`,
);

// `npm run check` as an author runs it, on each malformed input; `node -e ''`
// is the floor no command can go under.
const run = promisify(execFile);
async function check(folder: string): Promise<{ ms: number; code: number }> {
  const start = performance.now();
  const code = await run("npm", ["run", "-s", "check", "--", folder], { maxBuffer: 64 * 1024 * 1024 }).then(
    () => 0,
    (error: { code?: number }) => error.code ?? -1,
  );
  return { ms: performance.now() - start, code };
}
const nodeSamples: number[] = [];
const inputs: Array<{ name: string; folder: () => Promise<string> }> = [
  ...WORST_INPUTS.map((input) => ({ name: input.name, folder: () => worstInputFolder(input.name) })),
  ...readdirSync(path.join(FIXTURES, "rules")).map((name) => ({ name: `fixture ${name}`, folder: () => fixtureFolder(name) })),
];
const results: Array<{ name: string; ms: number; code: number }> = [];
for (const input of inputs) {
  const folder = await input.folder();
  const samples: number[] = [];
  let code = 0;
  for (let repeat = 0; repeat < 3; repeat++) {
    nodeSamples.push(await timed(() => run(process.execPath, ["-e", ""])));
    const result = await check(folder);
    samples.push(result.ms);
    code = result.code;
  }
  await rm(folder, { recursive: true, force: true });
  results.push({ name: input.name, ms: median(samples), code });
}
const nodeMs = median(nodeSamples);
const times = (value: number) => `${ms(value).padStart(7)}  ${(value / nodeMs).toFixed(1)}×`;
console.log(`\n\`npm run check\` on malformed input (median of 3 each), against \`node -e ''\` (${ms(nodeMs)}, median of ${nodeSamples.length}, run in turn)`);
for (const result of results.filter((candidate) => !candidate.name.startsWith("fixture "))) {
  console.log(`  ${result.name.padEnd(48)} exit ${result.code}  ${times(result.ms)}`);
}
const fixtures = results.filter((result) => result.name.startsWith("fixture "));
const slowest = fixtures.reduce((a, b) => (b.ms > a.ms ? b : a));
// A fixture of a warning's rule exits 0; every other exits 1.
const misexits = fixtures.filter((result) => result.code !== (RULES[result.name.slice("fixture ".length).split("--")[0] as RuleId].severity === "error" ? 1 : 0));
console.log(`  ${`${fixtures.length} rule fixtures, slowest (${slowest.name.slice("fixture ".length)})`.padEnd(48)} exit ${slowest.code}  ${times(slowest.ms)}`);
console.log(`  ${misexits.length === 0 ? "every fixture exits 1, or 0 for a warning's rule" : `wrong exit code: ${misexits.map((result) => result.name).join(", ")}`}`);
const worst = results.reduce((a, b) => (b.ms > a.ms ? b : a));
console.log(`Slowest: ${worst.name}, ${ms(worst.ms)}, ${(worst.ms / nodeMs).toFixed(1)}× \`node -e ''\``);
