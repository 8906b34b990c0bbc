/**
 * `npm run bench:search`: the search index's build time, and p50 / p95 per
 * query, on the real content and on a synthetic corpus of 10,000 claims made
 * from the real claims' words. The baseline, measured in the same run, is a
 * plain substring scan over the same documents. A benchmark, not a test.
 */
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { compileFolder } from "~/compiler/compile";
import type { Claim, Debate, Item } from "~/compiler/model";
import { buildSearchIndex, type SearchIndex } from "~/search/index";

const QUERIES = [
  "Nordic model",
  "Swedish",
  "prostitusion",
  "decriminalisation",
  "labour exploitation",
  "Palermo Protocol",
  "FOSTA",
  "Operation Independence Day",
  "Kempadoo",
  "end demand",
  "raids",
  "john school",
];
const RUNS = 200;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function time(run: () => void, runs = RUNS): number[] {
  for (let warm = 0; warm < 10; warm++) run();
  return Array.from({ length: runs }, () => {
    const start = performance.now();
    run();
    return performance.now() - start;
  });
}

/** A deterministic pseudo-random sequence (mulberry32), so every run measures the same corpus. */
function random(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 10,000 claims whose texts are the real claims' words, reshuffled. */
function synthetic(debate: Debate, claims: number): Pick<Debate, "perspectives" | "sources" | "glossary"> {
  const next = random(42);
  const real = debate.perspectives.flatMap((perspective) => perspective.claims);
  const words = real.flatMap((claim) => `${claim.statement} ${claim.evidence.map((item) => item.text).join(" ")}`.split(/\s+/));
  const sentence = (length: number) => Array.from({ length }, () => words[Math.floor(next() * words.length)]).join(" ");
  const perspectives = debate.perspectives.map((perspective, index) => ({
    ...perspective,
    claims: Array.from({ length: Math.ceil(claims / debate.perspectives.length) }, (_, claimIndex): Claim => {
      const template = real[(index * 7 + claimIndex) % real.length]!;
      const item = (source: Item): Item => ({ ...source, text: sentence(30) });
      return {
        ...template,
        id: `${template.id}-${index}-${claimIndex}`,
        perspective: perspective.id,
        title: sentence(6),
        statement: sentence(25),
        explanationHtml: `<p>${sentence(40)}</p>`,
        evidence: template.evidence.map(item),
        counterEvidence: template.counterEvidence.map(item),
      };
    }),
  }));
  return { perspectives, sources: debate.sources, glossary: debate.glossary };
}

function naiveScan(index: SearchIndex) {
  const texts = [...index.documents.values()].map((document) => Object.values(document).join(" ").toLowerCase());
  return (query: string) => {
    const words = query.toLowerCase().split(/\s+/);
    return texts.filter((text) => words.every((word) => text.includes(word))).length;
  };
}

function report(label: string, corpus: Pick<Debate, "perspectives" | "sources" | "glossary">) {
  const started = performance.now();
  const index = buildSearchIndex(corpus);
  const build = performance.now() - started;
  const scan = naiveScan(index);
  console.log(`\n${label}: ${index.documents.size} claims, index built in ${build.toFixed(0)} ms`);
  console.log("query".padEnd(30), "results".padStart(8), "p50 ms".padStart(8), "p95 ms".padStart(8), "scan p95".padStart(9), "ratio".padStart(7));
  const all: number[] = [];
  for (const query of QUERIES) {
    const results = index.search(query).length;
    const timings = time(() => index.search(query), label.startsWith("synthetic") ? 50 : RUNS);
    const baseline = time(() => scan(query), label.startsWith("synthetic") ? 20 : RUNS);
    all.push(...timings);
    const p95 = percentile(timings, 95);
    console.log(
      query.padEnd(30),
      String(results).padStart(8),
      percentile(timings, 50).toFixed(2).padStart(8),
      p95.toFixed(2).padStart(8),
      percentile(baseline, 95).toFixed(2).padStart(9),
      `${(p95 / percentile(baseline, 95)).toFixed(2)}×`.padStart(7),
    );
  }
  console.log(`all queries: p50 ${percentile(all, 50).toFixed(2)} ms, p95 ${percentile(all, 95).toFixed(2)} ms (target p95 < 5 ms)`);
}

const result = await compileFolder(path.resolve(process.env.COUNTERPOINT_CONTENT ?? "perspectives"));
console.log(`Node ${process.version}, ${os.cpus().length} cores; ratio = search p95 / substring-scan p95 (scan: no fuzziness, no prefixes, no ranking)`);
report("real content", result.debate);
report("synthetic corpus", synthetic(result.debate, 10_000));
