import { normalizeTerm, type ClaimDocument, type SearchField } from "./index";

/** A run of plain text, marked where it matched. Rendered as text, never as HTML. */
export interface Segment {
  text: string;
  mark: boolean;
}

export interface Snippet {
  field: SearchField;
  segments: Segment[];
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
const SNIPPET_FIELDS: SearchField[] = ["statement", "explanation", "evidence", "counter", "sources", "title", "viewpoint"];
const CONTEXT = 90;

/** Splits `text` into marked and unmarked runs: a word is marked when its normalized form matched. */
export function highlight(text: string, terms: Set<string>): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(WORD)) {
    if (!terms.has(normalizeTerm(match[0]))) continue;
    if (match.index > last) segments.push({ text: text.slice(last, match.index), mark: false });
    segments.push({ text: match[0], mark: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), mark: false });
  return segments;
}

/**
 * The passage around the first matched word, in the first field (statement
 * first) that holds one; cut at word boundaries.
 */
export function snippetFor(document: ClaimDocument, matchedTerms: string[]): Snippet | undefined {
  const terms = new Set(matchedTerms);
  for (const field of SNIPPET_FIELDS) {
    const text = document[field].replace(/\s+/g, " ");
    const first = [...text.matchAll(WORD)].find((match) => terms.has(normalizeTerm(match[0])));
    if (!first) continue;
    if (field === "statement" || text.length <= CONTEXT * 2) return { field, segments: highlight(text, terms) };
    let start = Math.max(0, first.index - CONTEXT);
    let end = Math.min(text.length, first.index + CONTEXT * 1.5);
    if (start > 0) start = text.indexOf(" ", start) + 1;
    if (end < text.length) end = Math.max(text.lastIndexOf(" ", end), first.index + first[0].length);
    const excerpt = `${start > 0 ? "… " : ""}${text.slice(start, end)}${end < text.length ? " …" : ""}`;
    return { field, segments: highlight(excerpt, terms) };
  }
  return undefined;
}
