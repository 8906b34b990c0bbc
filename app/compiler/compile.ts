/**
 * The compiler, top to bottom. Each file on its own: screen its bytes, parse
 * it, read its outline, check its content. Then all files together: link them
 * to each other and to the bibliography, and render the model. Every stage
 * reports problems on the files; none stops at the first, and a stage that
 * fails on one file costs only that file.
 */
import { createHash } from "node:crypto";
import { unified } from "unified";
import type { VFile } from "vfile";
import { statistics } from "vfile-statistics";
import { readBibliography, type Bibliography } from "./bibliography";
import { remarkCheck } from "./check";
import { withReferences } from "./citations-format";
import { link } from "./link";
import { BIBLIOGRAPHY, loadFolder } from "./load";
import type { Debate } from "./model";
import { remarkOutline, type DraftFile } from "./outline";
import { parse } from "./parse";
import { render } from "./render";
import { report } from "./rules";
import { screen } from "./screen";

export interface CompileResult {
  debate: Debate;
  files: VFile[];
  errors: number;
  warnings: number;
}

const processor = unified().use(parse).use(remarkOutline).use(remarkCheck).freeze();

/** Reports a stage's failure on `file` as a message, never as a stack trace. */
function internalError(file: VFile, stage: string, error: unknown) {
  const reason = error instanceof Error ? error.message : String(error);
  report(file, "internal-error", `Unexpected failure while ${stage} this file (${reason.split("\n")[0]}), expected the compiler to handle any input; please report it`, { line: 1, column: 1 });
}

/**
 * Per-file results by path and content hash: in the author's loop an edit
 * re-reads only the edited file, then links and renders again.
 */
interface Cached {
  hash: string;
  draft: DraftFile | undefined;
  messages: VFile["messages"];
}
// The dev server re-imports the build after every edit; kept on globalThis, the
// cache outlives that, so the author's loop re-reads only the edited file.
const store = globalThis as { counterpointCompileCache?: Map<string, Cached> };
const cache = (store.counterpointCompileCache ??= new Map<string, Cached>());

/** Forgets every cached file, so that the next compile reads all of them. */
export function clearCache() {
  cache.clear();
}

function hashOf(value: VFile["value"]): string {
  return createHash("sha1").update(value).digest("base64url");
}

function readOne(file: VFile): DraftFile | undefined {
  if (file.messages.some((message) => message.ruleId === "unreadable-file")) return undefined;
  try {
    const hash = hashOf(file.value);
    const cached = cache.get(file.path);
    if (cached?.hash === hash) {
      file.messages.push(...cached.messages);
      return cached.draft && ({ ...cached.draft, file } as DraftFile);
    }
    let draft: DraftFile | undefined;
    if (screen(file) !== undefined) {
      processor.runSync(processor.parse(file), file);
      draft = file.data.draft;
    }
    cache.set(file.path, { hash, draft, messages: [...file.messages] });
    return draft;
  } catch (error) {
    internalError(file, "reading", error);
    return undefined;
  }
}

export function compile(files: VFile[]): CompileResult {
  const bibliographyFile = files.find((file) => file.basename === BIBLIOGRAPHY);
  const markdown = files.filter((file) => file !== bibliographyFile);
  const drafts = markdown.map(readOne).filter((draft): draft is DraftFile => draft !== undefined);

  let bibliography: Bibliography = { sources: [], entries: new Map() };
  if (bibliographyFile) {
    try {
      const text = screen(bibliographyFile);
      if (text !== undefined) bibliography = readBibliography(bibliographyFile);
    } catch (error) {
      internalError(bibliographyFile, "reading", error);
    }
  } else if (markdown[0]) {
    report(markdown[0], "bibliography-missing", `Unexpected folder without ${BIBLIOGRAPHY}, expected the bibliography beside the Markdown files`, { line: 1, column: 1 });
  }

  if (!drafts.some((draft) => draft.kind === "topics") && markdown[0]) {
    report(markdown[0], "topics-missing", "Unexpected folder without topics.md, expected the shared questions in topics.md", { line: 1, column: 1 });
  }

  let debate: Debate = render(link([], bibliography), bibliography);
  try {
    debate = render(link(drafts, bibliography, bibliographyFile), bibliography);
    debate.sources = withReferences(debate.sources);
  } catch (error) {
    // Linking spans files, so its failure is told on the first one.
    if (files[0]) internalError(files[0], "linking and rendering", error);
  }
  const { fatal, warn } = statistics(files);
  return { debate, files, errors: fatal, warnings: warn };
}

export async function compileFolder(directory: string): Promise<CompileResult> {
  return compile(await loadFolder(directory));
}
