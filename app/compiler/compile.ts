/**
 * The compiler, top to bottom: parse each file, validate its outline, link the
 * files to each other and to the bibliography, render the model. Every stage
 * reports problems on the files; none stops at the first.
 */
import type { VFile } from "vfile";
import { statistics } from "vfile-statistics";
import { readBibliography, type Bibliography } from "./bibliography";
import { withReferences } from "./citations-format";
import { link } from "./link";
import { BIBLIOGRAPHY, loadFolder } from "./load";
import type { Debate } from "./model";
import { parse } from "./parse";
import { render } from "./render";
import { report } from "./rules";
import { validate, type DraftFile } from "./validate";

export interface CompileResult {
  debate: Debate;
  files: VFile[];
  errors: number;
  warnings: number;
}

export function compile(files: VFile[]): CompileResult {
  const bibliographyFile = files.find((file) => file.basename === BIBLIOGRAPHY);
  const markdown = files.filter((file) => file !== bibliographyFile);

  const drafts = markdown
    .map((file) => validate(file, parse(file)))
    .filter((draft): draft is DraftFile => draft !== undefined);

  let bibliography: Bibliography = { sources: [], entries: new Map() };
  if (bibliographyFile) bibliography = readBibliography(bibliographyFile);
  else if (markdown[0]) report(markdown[0], "bibliography-invalid", `Unexpected missing ${BIBLIOGRAPHY}, expected the bibliography beside the Markdown files`);

  if (!drafts.some((draft) => draft.kind === "topics") && markdown[0]) {
    report(markdown[0], "unknown-topic", "Unexpected folder without topics.md, expected the shared questions in topics.md");
  }

  const linked = link(drafts, bibliography, bibliographyFile);
  const debate = render(linked, bibliography);
  debate.sources = withReferences(debate.sources);
  const { fatal, warn } = statistics(files);
  return { debate, files, errors: fatal, warnings: warn };
}

export async function compileFolder(directory: string): Promise<CompileResult> {
  return compile(await loadFolder(directory));
}
