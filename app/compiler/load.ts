import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { VFile } from "vfile";

export const BIBLIOGRAPHY = "references.bib";
/** The authoring guide lives beside the content but is not part of it. */
const NOT_CONTENT = new Set(["README.md"]);

/** Reads the content folder: every Markdown file and the bibliography. */
export async function loadFolder(directory: string): Promise<VFile[]> {
  const names = (await readdir(directory)).filter(
    (name) => (name.endsWith(".md") && !NOT_CONTENT.has(name)) || name === BIBLIOGRAPHY,
  );
  return Promise.all(
    names.sort().map(async (name) => {
      const filePath = path.join(directory, name);
      return new VFile({ path: path.relative(process.cwd(), filePath), value: await readFile(filePath, "utf8") });
    }),
  );
}
