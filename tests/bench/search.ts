/**
 * `npm run bench:search`: the search index's build time, and p50 / p95 per
 * query, on the real content and on a synthetic corpus of 10,000 claims made
 * from the real claims' words. "search" is the index finding every match and
 * ranking the shown ones; "page" is the search page's whole view model (search,
 * facet counts, snippets of the shown results). The baseline, measured in the
 * same run, is a plain substring scan over the same documents. A benchmark,
 * not a test.
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import type { Claim, Debate, Item } from "~/compiler/model";
import { buildIndex } from "~/models/content-index";
import { getContent, type Index } from "~/models/content.server";
import { loadSearch, searchIndexOf, SHOWN } from "~/models/search.server";
import type { SearchIndex } from "~/search/index";

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
function synthetic(debate: Debate, claims: number): Index {
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
  return buildIndex({ ...debate, perspectives });
}

function naiveScan(index: SearchIndex) {
  const texts = [...index.documents.values()].map((document) => Object.values(document).join(" ").toLowerCase());
  return (query: string) => {
    const words = query.toLowerCase().split(/\s+/);
    return texts.filter((text) => words.every((word) => text.includes(word))).length;
  };
}

function report(label: string, content: Index) {
  const started = performance.now();
  const index = searchIndexOf(content);
  const build = performance.now() - started;
  const scan = naiveScan(index);
  console.log(`\n${label}: ${index.documents.size} claims, index built in ${build.toFixed(0)} ms`);
  console.log(
    "query".padEnd(28),
    "results".padStart(8),
    "search p50".padStart(11),
    "p95".padStart(6),
    "page p50".padStart(9),
    "p95".padStart(6),
    "scan p95".padStart(9),
    "page/scan".padStart(10),
  );
  const searches: number[] = [];
  const pages: number[] = [];
  for (const query of QUERIES) {
    const url = new URL(`http://localhost/search?q=${encodeURIComponent(query)}`);
    const search = time(() => index.match(query).best(SHOWN));
    const page = time(() => loadSearch(content, url));
    const baseline = time(() => scan(query), label.startsWith("synthetic") ? 20 : RUNS);
    searches.push(...search);
    pages.push(...page);
    const pageP95 = percentile(page, 95);
    console.log(
      query.padEnd(28),
      String(loadSearch(content, url).total).padStart(8),
      percentile(search, 50).toFixed(2).padStart(11),
      percentile(search, 95).toFixed(2).padStart(6),
      percentile(page, 50).toFixed(2).padStart(9),
      pageP95.toFixed(2).padStart(6),
      percentile(baseline, 95).toFixed(2).padStart(9),
      `${(pageP95 / percentile(baseline, 95)).toFixed(3)}×`.padStart(10),
    );
  }
  const summary = (values: number[]) => `p50 ${percentile(values, 50).toFixed(2)} ms, p95 ${percentile(values, 95).toFixed(2)} ms`;
  console.log(`all queries: search ${summary(searches)}; page ${summary(pages)} (target p95 < 5 ms)`);
}

const content = getContent();
console.log(`Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, load ${os.loadavg().map((load) => load.toFixed(2)).join(" ")}`);
console.log("page/scan = page p95 / substring-scan p95 (the scan: no fuzziness, no prefixes, no ranking, no facets)");
report("real content", content);
report("synthetic corpus", synthetic(content.debate, 10_000));
