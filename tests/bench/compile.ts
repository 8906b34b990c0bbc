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
import { readdirSync, readFileSync } from "node:fs";
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

/**
 * Wall-clock and CPU time (this process's threads, the collector's included)
 * of `run`. On a shared machine the CPU time moves less with the load.
 */
function measured(run: () => void): Sample {
  collect();
  const cpu = process.cpuUsage();
  const start = performance.now();
  run();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
}

interface Sample {
  wall: number;
  cpu: number;
}

const medianSample = (samples: Sample[]): Sample => ({ wall: median(samples.map((sample) => sample.wall)), cpu: median(samples.map((sample) => sample.cpu)) });

/** Runs `a` and `b` in turn, `repeats` times each after one warm-up round; medians. */
function alternate(a: () => void, b: () => void, repeats: number): [Sample, Sample] {
  const samples: [Sample[], Sample[]] = [[], []];
  for (let round = 0; round <= repeats; round++) {
    const first = measured(a);
    const second = measured(b);
    if (round === 0) continue; // warm-up: the JIT and the files' pages
    samples[0].push(first);
    samples[1].push(second);
  }
  return [medianSample(samples[0]), medianSample(samples[1])];
}

const ms = (value: number) => `${value >= 10_000 ? (value / 1000).toFixed(1) : value.toFixed(0)}${value >= 10_000 ? " s" : " ms"}`;
const fresh = (files: VFile[]) => files.map((file) => new VFile({ path: file.path, value: file.value }));
const parser = unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]).use(remarkGfm).freeze();

console.log(`Machine: ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)} at start`);
console.log("\nFull compile against bare parsing (remark-parse, frontmatter, gfm), in turn, medians");
console.log("claims   bytes      compile    per claim  bare parse  ratio   CPU time: compile  bare parse  ratio");
let tenThousand: { files: VFile[]; compile: Sample } | undefined;
for (const claims of [1_000, 10_000]) {
  const files = corpus(claims);
  const texts = files.map((file) => String(file.value));
  const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  const [full, floor] = alternate(
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
    [
      claims.toLocaleString("en").padEnd(8),
      `${(bytes / 1e6).toFixed(1)} MB`.padEnd(10),
      ms(full.wall).padEnd(10),
      `${((full.wall * 1000) / claims).toFixed(0)} µs`.padEnd(10),
      ms(floor.wall).padEnd(11),
      `${(full.wall / floor.wall).toFixed(2)}×`.padEnd(17),
      ms(full.cpu).padEnd(8),
      ms(floor.cpu).padEnd(11),
      `${(full.cpu / floor.cpu).toFixed(2)}×`,
    ].join(" "),
  );
  if (claims === 10_000) tenThousand = { files, compile: full };
}

// The author's loop: the cache holds every file of the last full compile, and
// one file changes. Each edit is to another file and the earlier edits stay,
// as in an author's session.
const EDITS = 9;
const { files, compile: full } = tenThousand!;
const texts = files.map((file) => String(file.value));
const recompiles: Sample[] = [];
for (let edit = 0; edit <= EDITS; edit++) {
  const target = 2 + Math.floor(((files.length - 2) * edit) / (EDITS + 1));
  texts[target] = texts[target]!.replace(STATEMENT, `Edited statement ${edit} of the claim`);
  const next = files.map((file, index) => new VFile({ path: file.path, value: texts[index] }));
  const sample = measured(() => {
    const result = compile(next);
    if (result.errors > 0 || result.read.length !== 1) throw new Error("an edit should recompile one file cleanly");
  });
  if (edit > 0) recompiles.push(sample); // the first edit warms up
}
const recompile = medianSample(recompiles);
console.log(`\nRecompile after an edit to one file of the 10,000-claim corpus (median of ${EDITS} edits, each to another file):`);
console.log(`  ${ms(recompile.wall)}, ${((100 * recompile.wall) / full.wall).toFixed(1)}% of the full compile (${ms(full.wall)}); CPU time ${ms(recompile.cpu)}, ${((100 * recompile.cpu) / full.cpu).toFixed(1)}%`);

// `npm run check` as an author runs it, on each malformed input; `node -e ''`
// is the floor no command can go under.
const run = promisify(execFile);

/**
 * CPU time of the children this process has waited for, their own children
 * included, from /proc/self/stat (Linux; clock ticks of 10 ms); undefined elsewhere.
 */
function childrenCpu(): number | undefined {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

async function child(command: string, args: string[]): Promise<Sample & { code: number }> {
  const cpu = childrenCpu();
  const start = performance.now();
  const code = await run(command, args, { maxBuffer: 64 * 1024 * 1024 }).then(
    () => 0,
    (error: { code?: number }) => error.code ?? -1,
  );
  const wall = performance.now() - start;
  const after = childrenCpu();
  return { wall, cpu: cpu === undefined || after === undefined ? Number.NaN : after - cpu, code };
}

const inputs: Array<{ name: string; rule: RuleId; folder: () => Promise<string> }> = [
  ...WORST_INPUTS.map((input) => ({ name: input.name, rule: input.rule, folder: () => worstInputFolder(input.name) })),
  ...readdirSync(path.join(FIXTURES, "rules")).map((name) => ({ name, rule: name.split("--")[0] as RuleId, folder: () => fixtureFolder(name) })),
];
const nodeSamples: Sample[] = [];
const results: Array<{ name: string; fixture: boolean; rule: RuleId; code: number } & Sample> = [];
for (const input of inputs) {
  const folder = await input.folder();
  const samples: Sample[] = [];
  let code = 0;
  for (let repeat = 0; repeat < 3; repeat++) {
    nodeSamples.push(await child(process.execPath, ["-e", ""]));
    const result = await child("npm", ["run", "-s", "check", "--", folder]);
    samples.push(result);
    code = result.code;
  }
  await rm(folder, { recursive: true, force: true });
  results.push({ name: input.name, fixture: !WORST_INPUTS.some((worst) => worst.name === input.name), rule: input.rule, code, ...medianSample(samples) });
}
const node = medianSample(nodeSamples);
const against = (sample: Sample) =>
  `${ms(sample.wall).padStart(7)} ${`${(sample.wall / node.wall).toFixed(1)}×`.padEnd(6)} CPU ${ms(sample.cpu).padStart(7)} ${(sample.cpu / node.cpu).toFixed(1)}×`;
console.log(`\n\`npm run check\` on malformed input (median of 3 each), against \`node -e ''\` run in turn (${ms(node.wall)}, CPU ${ms(node.cpu)}; median of ${nodeSamples.length})`);
for (const result of results.filter((candidate) => !candidate.fixture)) {
  console.log(`  ${result.name.padEnd(48)} exit ${result.code}  ${against(result)}`);
}
// A fixture of an error's rule must exit 1; a warning's exits 0 and formats the works, as valid content does.
const fixtures = results.filter((result) => result.fixture && RULES[result.rule].severity === "error");
const slowest = fixtures.reduce((a, b) => (b.wall > a.wall ? b : a));
console.log(`  ${`${fixtures.length} error fixtures, slowest (${slowest.name})`.padEnd(48)} exit ${slowest.code}  ${against(slowest)}`);
const misexits = results.filter((result) => result.code !== (RULES[result.rule].severity === "error" || !result.fixture ? 1 : 0));
console.log(`  ${misexits.length === 0 ? "every input exits 1, or 0 for a warning's fixture" : `wrong exit code: ${misexits.map((result) => result.name).join(", ")}`}`);
const worst = results.filter((result) => !result.fixture || RULES[result.rule].severity === "error").reduce((a, b) => (b.wall > a.wall ? b : a));
console.log(`Slowest with errors: ${worst.name}, ${against(worst)} \`node -e ''\``);
