/**
 * Reads `references.bib` into sources. BibTeX is parsed by citation-js; the
 * entries' own text is kept too, so "cite this" can hand students the entry
 * exactly as written.
 */
import { Cite } from "@citation-js/core";
import "@citation-js/plugin-bibtex";
import type { Point } from "unist";
import type { VFile } from "vfile";
import { location } from "vfile-location";
import type { Source } from "./model";
import { report } from "./rules";

export interface Bibliography {
  sources: Source[];
  /** Each key's entry as written in the file. */
  entries: Map<string, { text: string; start: Point }>;
}

/** The parts of a CSL-JSON item (as citation-js produces it) that Counterpoint reads. */
export type CslName = { family?: string; given?: string; literal?: string };
export type CslItem = Record<string, unknown> & {
  id: string;
  type?: string;
  title?: string;
  author?: CslName[];
  editor?: CslName[];
  issued?: { "date-parts"?: number[][]; literal?: string };
  "container-title"?: string;
  publisher?: string;
  "publisher-place"?: string;
  volume?: string;
  issue?: string;
  page?: string;
  URL?: string;
  note?: string;
};

const ENTRY_START = /@([A-Za-z]+)\s*\{\s*([^,\s]+)\s*,/g;

/** Each entry's text and start, found by its `@type{key,` opening. */
function locateEntries(text: string, pointAt: (offset: number) => Point | undefined): Map<string, { text: string; start: Point }> {
  const starts = [...text.matchAll(ENTRY_START)].filter((match) => match[1]!.toLowerCase() !== "comment");
  const entries = new Map<string, { text: string; start: Point }>();
  starts.forEach((match, index) => {
    const end = starts[index + 1]?.index ?? text.length;
    entries.set(match[2]!, { text: text.slice(match.index, end).trim(), start: pointAt(match.index) ?? { line: 1, column: 1 } });
  });
  return entries;
}

/** BibTeX's `and others` arrives as an author named "others". */
const isOthers = (name: CslName) => name.family === "others" && !name.given;

function formatNames(names: CslName[] | undefined): string {
  if (names?.some(isOthers)) return `${formatNames(names.filter((name) => !isOthers(name)))} et al.`;
  const list = (names ?? []).map((name) => name.literal ?? [name.given, name.family].filter(Boolean).join(" "));
  if (list.length <= 2) return list.join(" and ");
  return `${list.slice(0, -1).join(", ")}, and ${list[list.length - 1]}`;
}

/** Family names as an in-text citation gives them: "Smith", "Smith and Lee", "Smith et al.". */
function shortNames(names: CslName[] | undefined): string {
  const list = (names ?? []).map((name) => name.literal ?? name.family ?? name.given ?? "");
  if (list.length > 2 || names?.some(isOthers)) return `${list[0]} et al.`;
  return list.join(" and ");
}

function yearOf(item: CslItem): string {
  return String(item.issued?.["date-parts"]?.[0]?.[0] ?? item.issued?.literal ?? "");
}

/** Reads the bibliography file, reporting unreadable BibTeX and incomplete entries. */
export function readBibliography(file: VFile): Bibliography {
  const text = String(file.value);
  const place = location(file);
  const entries = locateEntries(text, (offset) => place.toPoint(offset));
  let items: CslItem[] = [];
  try {
    items = new Cite(text).data as CslItem[];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /at line (\d+) col (\d+)/.exec(message);
    report(
      file,
      "bibliography-syntax",
      `Unexpected BibTeX: ${message.split("\n")[0]!.replace(/ at line \d+ col \d+:?$/, "")}; check the entry's braces and commas`,
      at ? { line: Number(at[1]), column: Number(at[2]) } : { line: 1, column: 1 },
    );
    return { sources: [], entries };
  }
  const seen = new Set<string>();
  const sources: Source[] = [];
  for (const item of items) {
    const key = String(item.id);
    const start = entries.get(key)?.start;
    if (seen.has(key)) {
      report(file, "duplicate-source-key", `Unexpected second entry \`${key}\`, expected each key once`, start);
      continue;
    }
    seen.add(key);
    // An unsigned or undated work leaves author or year out: the styles list it by title and print "n.d.".
    if (!item.title) report(file, "source-incomplete", `Unexpected entry \`${key}\` without title, expected a title`, start);
    if (/^n\.?d\.?$/i.test(item.issued?.literal ?? "")) {
      report(file, "source-incomplete", `Unexpected year \`${item.issued!.literal}\` in \`${key}\`, expected the year field left out for an undated work`, start);
    }
    const { _graph, ...csl } = item;
    sources.push({
      type: "source",
      key,
      kind: item.type ?? "document",
      title: item.title ?? key,
      author: formatNames(item.author?.length ? item.author : item.editor),
      citeName: shortNames(item.author?.length ? item.author : item.editor),
      year: yearOf(item) || "n.d.",
      ...(item["container-title"] ? { container: item["container-title"] } : {}),
      ...(item.publisher ? { publisher: item.publisher } : {}),
      ...(item.URL ? { url: item.URL } : {}),
      ...(item.note ? { note: item.note } : {}),
      bibtex: entries.get(key)?.text ?? "",
      csl,
    });
  }
  return { sources: withDistinctCiteNames(sources), entries };
}

const NO_AUTHOR = new Set(["anonymous", ""]);

/** Names works by title where their authors and year would not tell them apart. */
function withDistinctCiteNames(sources: Source[]): Source[] {
  const count = new Map<string, number>();
  for (const source of sources) count.set(`${source.citeName} ${source.year}`, (count.get(`${source.citeName} ${source.year}`) ?? 0) + 1);
  return sources.map((source) =>
    NO_AUTHOR.has(source.citeName.toLowerCase()) || (count.get(`${source.citeName} ${source.year}`) ?? 0) > 1
      ? { ...source, citeName: source.title }
      : source,
  );
}
