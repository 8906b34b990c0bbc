/**
 * The compiler, top to bottom. Each file on its own: screen its bytes, parse
 * it, read its outline, check its content. Then all files together: link them
 * to each other and to the bibliography, and render the model. Every stage
 * reports problems on the files; none stops at the first, and a stage that
 * fails on one file costs only that file.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { unified } from "unified";
import type { VFile } from "vfile";
import { statistics } from "vfile-statistics";
import { readBibliography, type Bibliography } from "./bibliography";
import { remarkCheck } from "./check";
import { formatReferences, withReferences } from "./citations-format";
import { link } from "./link";
import { BIBLIOGRAPHY, loadFolder } from "./load";
import type { Debate, References } from "./model";
import { remarkOutline, type DraftFile } from "./outline";
import { parse } from "./parse";
import { render, type RenderMemo } from "./render";
import { report } from "./rules";
import { screen } from "./screen";

export interface CompileResult {
  debate: Debate;
  files: VFile[];
  errors: number;
  warnings: number;
  /** The files read this time (the others came from the cache), by path. */
  read: string[];
}

const processor = unified().use(parse).use(remarkOutline).use(remarkCheck).freeze();

/** Reports a stage's failure on `file` as a message, never as a stack trace. */
function internalError(file: VFile, stage: string, error: unknown) {
  const reason = error instanceof Error ? error.message : String(error);
  report(file, "internal-error", `Unexpected failure while ${stage} this file (${reason.split("\n")[0]}), expected the compiler to handle any input; please report it`, { line: 1, column: 1 });
}

/**
 * Per-file results by path and content hash: in the author's loop an edit
 * re-reads only the edited file, links all files again, and renders again
 * only what the edit changed (see `RenderMemo`).
 */
interface Cached {
  hash: string;
  draft: DraftFile | undefined;
  messages: VFile["messages"];
}

/** The bibliography as read, and its works' formatted entries once a clean compile needed them. */
interface CachedBibliography {
  path: string;
  hash: string;
  bibliography: Bibliography;
  messages: VFile["messages"];
  references?: Map<string, References>;
}

interface Store {
  files: Map<string, Cached>;
  bibliography?: CachedBibliography;
  rendered: RenderMemo;
}

// The dev server re-imports the build after every edit; kept on globalThis, the
// cache outlives that, so the author's loop re-reads only the edited file.
const global = globalThis as { counterpointCompileStore?: Store };
const store: Store = (global.counterpointCompileStore ??= { files: new Map(), rendered: new WeakMap() });

/** Forgets every cached result, so that the next compile reads, formats and renders everything. */
export function clearCache() {
  store.files.clear();
  store.bibliography = undefined;
  store.rendered = new WeakMap();
}

function hashOf(value: VFile["value"]): string {
  return createHash("sha1").update(value).digest("base64url");
}

function readOne(file: VFile, read: string[]): DraftFile | undefined {
  if (file.messages.some((message) => message.ruleId === "unreadable-file")) return undefined;
  try {
    const hash = hashOf(file.value);
    const cached = store.files.get(file.path);
    if (cached?.hash === hash) {
      file.messages.push(...cached.messages);
      return cached.draft && ({ ...cached.draft, file } as DraftFile);
    }
    read.push(file.path);
    let draft: DraftFile | undefined;
    if (screen(file) !== undefined) {
      processor.runSync(processor.parse(file), file);
      draft = file.data.draft;
    }
    store.files.set(file.path, { hash, draft, messages: [...file.messages] });
    return draft;
  } catch (error) {
    internalError(file, "reading", error);
    return undefined;
  }
}

function readBibliographyFile(file: VFile, read: string[]): CachedBibliography | undefined {
  try {
    const hash = hashOf(file.value);
    const cached = store.bibliography;
    if (cached?.path === file.path && cached.hash === hash) {
      file.messages.push(...cached.messages);
      return cached;
    }
    read.push(file.path);
    const bibliography = screen(file) === undefined ? { sources: [], entries: new Map() } : readBibliography(file);
    store.bibliography = { path: file.path, hash, bibliography, messages: [...file.messages] };
    return store.bibliography;
  } catch (error) {
    internalError(file, "reading", error);
    return undefined;
  }
}

export function compile(files: VFile[]): CompileResult {
  const read: string[] = [];
  const bibliographyFile = files.find((file) => file.basename === BIBLIOGRAPHY);
  const markdown = files.filter((file) => file !== bibliographyFile);
  const drafts = markdown.map((file) => readOne(file, read)).filter((draft): draft is DraftFile => draft !== undefined);

  let cachedBibliography: CachedBibliography | undefined;
  if (bibliographyFile) {
    cachedBibliography = readBibliographyFile(bibliographyFile, read);
  } else if (markdown[0]) {
    report(markdown[0], "bibliography-missing", `Unexpected folder without ${BIBLIOGRAPHY}, expected the bibliography beside the Markdown files`, { line: 1, column: 1 });
  }
  const bibliography = cachedBibliography?.bibliography ?? { sources: [], entries: new Map() };

  // A topics.md that could not be read has its own errors.
  if (!markdown.some((file) => file.basename === "topics.md") && markdown[0]) {
    report(markdown[0], "topics-missing", "Unexpected folder without topics.md, expected the shared questions in topics.md", { line: 1, column: 1 });
  }

  let debate: Debate = render(link([], bibliography), bibliography, store.rendered);
  try {
    const drafted = new Set(drafts.map((draft) => draft.file));
    const withoutDraft = markdown.filter((file) => !drafted.has(file));
    debate = render(link(drafts, bibliography, { bibliographyFile, withoutDraft }), bibliography, store.rendered);
    // Content with errors is never served, so its works need no entries; citeproc is the slowest step.
    if (statistics(files).fatal === 0 && cachedBibliography) {
      cachedBibliography.references ??= formatReferences(bibliography.sources.map((source) => ({ ...source.csl, id: source.key })));
      debate.sources = withReferences(debate.sources, cachedBibliography.references);
    }
  } catch (error) {
    // Linking spans files, so its failure is told on the first one.
    if (files[0]) internalError(files[0], "linking and rendering", error);
  }
  const { fatal, warn } = statistics(files);
  return { debate, files, errors: fatal, warnings: warn, read };
}

export async function compileFolder(directory: string): Promise<CompileResult> {
  const result = compile(await loadFolder(directory));
  // The author's loop: `npm run dev` tells which files each compile read, the others came from the cache.
  if (process.env.NODE_ENV === "development") {
    const names = result.read.map((file) => path.basename(file)).join(", ");
    console.log(`Counterpoint compiled ${result.read.length} of ${result.files.length} content files${names ? `: ${names}` : ""}`);
  }
  return result;
}
