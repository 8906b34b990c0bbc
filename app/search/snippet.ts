import type { ClaimDocument, Marks, SearchField } from "./index";

/** A run of plain text, marked where it matched. Rendered as text, never as HTML. */
export interface Segment {
  text: string;
  mark: boolean;
}

export interface Snippet {
  field: SearchField;
  segments: Segment[];
}

const SNIPPET_FIELDS: SearchField[] = ["statement", "explanation", "evidence", "counter", "title", "viewpoint"];
const CONTEXT = 90;

/** Splits `text` into marked and unmarked runs at `marks`, which lie inside it, in order. */
export function highlight(text: string, marks: Marks): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const [start, end] of marks) {
    if (start > last) segments.push({ text: text.slice(last, start), mark: false });
    segments.push({ text: text.slice(start, end), mark: true });
    last = end;
  }
  if (last < text.length) segments.push({ text: text.slice(last), mark: false });
  return segments;
}

/**
 * The passage around the first marked word, in the first field (statement
 * first) that holds one; cut at word boundaries.
 */
export function snippetFor(document: ClaimDocument, marksOf: (field: SearchField) => Marks): Snippet | undefined {
  for (const field of SNIPPET_FIELDS) {
    const marks = marksOf(field);
    const [first] = marks;
    if (!first) continue;
    const text = document[field];
    if (field === "statement" || text.length <= CONTEXT * 2) return { field, segments: highlight(text, marks) };
    let start = Math.max(0, first[0] - CONTEXT);
    let end = Math.min(text.length, first[0] + CONTEXT * 1.5);
    if (start > 0) start = Math.min(text.indexOf(" ", start) + 1, first[0]);
    if (end < text.length) end = Math.max(text.lastIndexOf(" ", end), first[1]);
    const inside = marks.filter(([from, to]) => from >= start && to <= end).map(([from, to]): [number, number] => [from - start, to - start]);
    const segments = highlight(text.slice(start, end), inside);
    if (start > 0) segments.unshift({ text: "… ", mark: false });
    if (end < text.length) segments.push({ text: " …", mark: false });
    return { field, segments };
  }
  return undefined;
}
