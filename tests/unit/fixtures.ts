import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compileFolder } from "~/compiler/compile";

export const FIXTURES = fileURLToPath(new URL("../fixtures", import.meta.url));
/** A fixture may list, one a line, files of the valid sample it removes. */
const REMOVED = "REMOVE";

/**
 * Compiles the valid sample with a fixture's files laid over it, so each
 * fixture holds only what it breaks. The files are copied to a folder and
 * read by the real loader, byte for byte.
 */
export async function compileFixture(name?: string) {
  const directory = await mkdtemp(path.join(tmpdir(), "counterpoint-fixture-"));
  try {
    await cp(path.join(FIXTURES, "valid"), directory, { recursive: true });
    if (name) {
      const fixture = path.join(FIXTURES, "rules", name);
      await cp(fixture, directory, { recursive: true, filter: (source) => path.basename(source) !== REMOVED });
      const removed = await readFile(path.join(fixture, REMOVED), "utf8").catch(() => "");
      for (const file of removed.split("\n").filter(Boolean)) await rm(path.join(directory, file));
    }
    return await compileFolder(directory);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
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
