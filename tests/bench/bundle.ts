/**
 * `npm run bench:bundle`: the JavaScript the compare page loads, gzipped,
 * split into framework (React, Remix: code from node_modules) and our own
 * (app/), read from the production build's manifest and esbuild metafile;
 * then Lighthouse's mobile performance and accessibility scores for home and
 * compare against the production server, in Debian's Chromium.
 * Run `npm run build` first.
 */
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { readdir, readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { startServer } from "../e2e/server";

const TARGET_KB = 110;
type Manifest = { entry: { module: string; imports?: string[] }; routes: Record<string, { module: string; imports?: string[] }> };
type Metafile = { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };

const manifestName = (await readdir("public/build")).find((name) => /^manifest-.*\.js$/.test(name));
if (!manifestName) throw new Error("No build found: run `npm run build` first");
const manifestText = await readFile(`public/build/${manifestName}`, "utf8");
const manifest = JSON.parse(manifestText.replace(/^window\.__remixManifest=/, "").replace(/;\s*$/, "")) as Manifest;
const metafile = JSON.parse(await readFile("build/metafile.js.json", "utf8")) as Metafile;

const route = (id: string) => [manifest.routes[id]!.module, ...(manifest.routes[id]!.imports ?? [])];
const urls = [...new Set([manifest.entry.module, ...(manifest.entry.imports ?? []), ...route("root"), ...route("routes/compare")])];

const totals = { framework: 0, own: 0 };
console.log("file                                      gzip (KB)  framework  own");
for (const url of urls) {
  const file = `public${url}`;
  const gzip = gzipSync(await readFile(file), { level: 9 }).byteLength;
  // Split each file's gzip size by the share of its bytes that come from node_modules.
  const inputs = Object.entries(metafile.outputs[file]?.inputs ?? {});
  const all = inputs.reduce((sum, [, input]) => sum + input.bytesInOutput, 0) || 1;
  const framework = inputs.filter(([name]) => name.includes("node_modules/")).reduce((sum, [, input]) => sum + input.bytesInOutput, 0) / all;
  totals.framework += gzip * framework;
  totals.own += gzip * (1 - framework);
  console.log(`${url.padEnd(41)} ${(gzip / 1024).toFixed(1).padStart(9)}  ${(framework * 100).toFixed(0).padStart(8)}%  ${((1 - framework) * 100).toFixed(0).padStart(3)}%`);
}
const total = (totals.framework + totals.own) / 1024;
console.log(`\nframework ${(totals.framework / 1024).toFixed(1)} KB + own ${(totals.own / 1024).toFixed(1)} KB = ${total.toFixed(1)} KB gzip`);
console.log(`target ${TARGET_KB} KB: ${total <= TARGET_KB ? "within" : "OVER"} (${((total / TARGET_KB) * 100).toFixed(0)}% of the budget)`);

const SCORE_TARGETS = { performance: 95, accessibility: 100 };
const { baseUrl, stop } = await startServer();
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const model = await (await fetch(`${baseUrl}/api/perspectives.json`)).json();
  const [first, second] = model.perspectives as Array<{ id: string }>;
  const pages = { home: "/", "compare (2)": `/compare?topic=${model.topics[0].id}&p=${first!.id}&p=${second!.id}` };
  console.log(`\nLighthouse ${(await import("lighthouse/package.json", { with: { type: "json" } })).default.version}, mobile (default throttling)`);
  let met = total <= TARGET_KB;
  for (const [name, path] of Object.entries(pages)) {
    const result = await lighthouse(`${baseUrl}${path}`, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"] });
    const categories = result!.lhr.categories;
    const performance = Math.round((categories.performance?.score ?? 0) * 100);
    const accessibility = Math.round((categories.accessibility?.score ?? 0) * 100);
    met &&= performance >= SCORE_TARGETS.performance && accessibility >= SCORE_TARGETS.accessibility;
    console.log(`${name.padEnd(12)} performance ${performance}, accessibility ${accessibility}`);
  }
  console.log(`targets (JS ≤ ${TARGET_KB} KB, performance ≥ ${SCORE_TARGETS.performance}, accessibility ${SCORE_TARGETS.accessibility}): ${met ? "met" : "NOT met"}`);
} finally {
  chrome.kill();
  await stop();
}
