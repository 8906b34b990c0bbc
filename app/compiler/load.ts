import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { VFile } from "vfile";
import { report } from "./rules";

export const BIBLIOGRAPHY = "references.bib";
/** The authoring guide lives beside the content but is not part of it. */
const NOT_CONTENT = new Set(["README.md"]);

/**
 * Reads the content folder: every Markdown file and the bibliography, as
 * bytes, so that the screen stage can tell invalid UTF-8 from text.
 */
export async function loadFolder(directory: string): Promise<VFile[]> {
  const names = (await readdir(directory)).filter(
    (name) => (name.endsWith(".md") && !NOT_CONTENT.has(name)) || name === BIBLIOGRAPHY,
  );
  return Promise.all(
    names.sort().map(async (name) => {
      const filePath = path.join(directory, name);
      const file = new VFile({ path: path.relative(process.cwd(), filePath) });
      try {
        file.value = new Uint8Array(await readFile(filePath));
      } catch (error) {
        file.value = "";
        const code = (error as NodeJS.ErrnoException).code ?? "";
        report(file, "unreadable-file", `Unexpected ${code === "EISDIR" ? "folder" : `unreadable file (${code})`} \`${name}\`, expected a readable text file`, { line: 1, column: 1 });
      }
      return file;
    }),
  );
}
