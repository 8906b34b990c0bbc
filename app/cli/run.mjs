/**
 * `node app/cli/run.mjs <name> [args]` runs `app/cli/<name>.ts` bundled with
 * its dependencies into one file by esbuild. Node then loads one module
 * instead of resolving some four hundred, and nothing compiles TypeScript at
 * start: `npm run check` costs about half the CPU time it does through tsx.
 * The bundle is rebuilt only when a file it was built from changed since.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [name, ...args] = process.argv.slice(2);
const entry = `app/cli/${name}.ts`;
const bundle = path.resolve(`node_modules/.cache/counterpoint/${name}.mjs`);
const inputsFile = `${bundle}.inputs.json`;

/** Whether the bundle was built after its inputs last changed. */
function isFresh() {
  try {
    const { builtAt, inputs } = JSON.parse(readFileSync(inputsFile, "utf8"));
    return inputs.every((input) => statSync(input).mtimeMs < builtAt);
  } catch {
    return false;
  }
}

if (!isFresh()) {
  const { build } = await import("esbuild");
  const builtAt = Date.now();
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: bundle,
    write: false,
    metafile: true,
    logLevel: "warning",
    // Bundled CommonJS dependencies call require(); an ES module has none of its own.
    banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
  });
  // Written aside and renamed, so that a check started meanwhile never reads half a bundle.
  mkdirSync(path.dirname(bundle), { recursive: true });
  writeFileSync(`${bundle}.${process.pid}`, result.outputFiles[0].contents);
  renameSync(`${bundle}.${process.pid}`, bundle);
  writeFileSync(inputsFile, JSON.stringify({ builtAt, inputs: Object.keys(result.metafile.inputs) }));
}

process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(bundle).href);
