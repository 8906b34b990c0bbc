/**
 * `npm run bench:compile`: compiles synthetic corpora of 1,000 and 10,000
 * claims and compares, in the same run, the full compile (cache empty) with
 * bare parsing by the same remark plugins (remark-parse, frontmatter, gfm),
 * and the recompile after an edit to one file with the full compile.
 * A benchmark, not a test: it prints numbers.
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { VFile } from "vfile";
import { clearCache, compile } from "~/compiler/compile";

const TOPICS = 10;
const CLAIMS_PER_FILE = 50;

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
        body += `\n### Claim ${fileIndex} ${topic} ${claim}\n\nStance: yes\nID: ${claimId}\n\nA statement of the claim with *some* emphasis.\n\nAn explanation paragraph that says why, in a few more words than the statement.\n\n#### Evidence\n\n- **study:** A study found something notable [@smith2020, Results › Table 2, "something notable"].\n- **statistic:** A figure of 27% was reported [@smith2020, p. 4].\n\n#### Counter-evidence\n\n- **expert-opinion:** Others disagree with the reading [@smith2020, Discussion]. See [the other view](${other}).\n`;
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

function time(run: () => void, repeats: number): number {
  run(); // warm up the JIT and caches
  const samples: number[] = [];
  for (let index = 0; index < repeats; index++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const parser = unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]).use(remarkGfm).freeze();
const fresh = (files: VFile[]) => files.map((file) => new VFile({ path: file.path, value: file.value }));
console.log(`Machine: ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, Node ${process.version}`);
console.log("claims   bytes       compile (ms)  per claim (µs)  bare parse (ms)  ratio   recompile after one edit");
for (const claims of [1_000, 10_000]) {
  const files = corpus(claims);
  const texts = files.map((file) => String(file.value));
  const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  const repeats = claims > 5_000 ? 3 : 7;
  const compileMs = time(() => {
    clearCache();
    const result = compile(fresh(files));
    if (result.errors > 0) throw new Error("the synthetic corpus should compile cleanly");
  }, repeats);
  const parseMs = time(() => {
    for (const text of texts) parser.runSync(parser.parse(text));
  }, repeats);
  // The author's loop: the cache holds every file, one file changes.
  let edit = 0;
  const edited = files.length - 1;
  const recompileMs = time(() => {
    const next = fresh(files);
    next[edited]!.value = String(files[edited]!.value).replace("A statement of the claim", `Edited statement ${edit++} of the claim`);
    if (compile(next).errors > 0) throw new Error("the edited corpus should compile cleanly");
  }, repeats);
  const share = claims === 10_000 ? `${recompileMs.toFixed(0)} ms, ${((100 * recompileMs) / compileMs).toFixed(1)}% of the full compile` : "";
  console.log(
    `${String(claims).padEnd(8)} ${String(bytes).padEnd(11)} ${compileMs.toFixed(0).padEnd(13)} ${((compileMs * 1000) / claims).toFixed(0).padEnd(15)} ${parseMs.toFixed(0).padEnd(16)} ${`${(compileMs / parseMs).toFixed(2)}×`.padEnd(7)} ${share}`,
  );
}
