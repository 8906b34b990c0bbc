import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { VFile } from "vfile";
import { compile } from "~/compiler/compile";

export const FIXTURES = fileURLToPath(new URL("../fixtures", import.meta.url));

async function readFolder(directory: string): Promise<Map<string, string>> {
  const names = await readdir(directory);
  const files = new Map<string, string>();
  for (const name of names) {
    if (name.endsWith(".md") || name.endsWith(".bib")) files.set(name, await readFile(path.join(directory, name), "utf8"));
  }
  return files;
}

/**
 * Compiles the valid sample with a fixture's files laid over it, so each
 * fixture holds only what it breaks.
 */
export async function compileFixture(name?: string) {
  const files = await readFolder(path.join(FIXTURES, "valid"));
  if (name) for (const [file, text] of await readFolder(path.join(FIXTURES, "rules", name))) files.set(file, text);
  const vfiles = [...files.keys()].sort().map((file) => new VFile({ path: `content/${file}`, value: files.get(file) }));
  return compile(vfiles);
}

/** Every message as `file:line:column severity rule: reason`, in file order. */
export function formatMessages(result: Awaited<ReturnType<typeof compileFixture>>): string {
  return result.files
    .flatMap((file) =>
      [...file.messages]
        .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
        .map((message) => `${file.basename}:${message.line}:${message.column} ${message.fatal ? "error" : "warning"} ${message.ruleId}: ${message.reason}`),
    )
    .join("\n");
}
