/**
 * `npm run bench:bundle`: the JavaScript the compare page loads, gzipped,
 * split into framework (React, Remix: code from node_modules) and our own
 * (app/), read from the production build's manifest and esbuild metafile.
 * Run `npm run build` first.
 */
import { readdir, readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";

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
