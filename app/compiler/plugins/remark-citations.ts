import type { PhrasingContent, Root, RootContent, Text } from "mdast";
import { toString } from "mdast-util-to-string";
import type { Point } from "unist";
import type { VFile } from "vfile";
import { location } from "vfile-location";
import type { Citation } from "../model";
import { report } from "../rules";

/** A pandoc-style citation group such as `[@a, Section › Sub, "phrase"; @b]`. */
export interface CitationNode {
  type: "citation";
  citations: Citation[];
  value: string;
  position?: { start: Point; end: Point };
}

declare module "mdast" {
  interface PhrasingContentMap {
    citation: CitationNode;
  }
  interface RootContentMap {
    citation: CitationNode;
  }
}

const GROUP = /\[\s*-?@[^\]]*\]/g;
const KEY = /^-?@([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*)$/u;
const QUOTED = /^(?:"([^"]*)"|“([^”]*)”)$/;
const VIA = /^via\s+@(\S+)$/;

/** Splits on `separator` where it is not inside straight or curly quotes. */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quote: string | undefined;
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"') quote = '"';
    else if (char === "“") quote = "”";
    else if (char === separator) {
      parts.push(current);
      current = "";
      continue;
    }
    current += char;
  }
  parts.push(current);
  return parts.map((part) => part.trim());
}

/** Parses one `@key, locator…` part, or returns why it cannot. */
function parseCitation(part: string): Citation | string {
  const [head = "", ...segments] = splitOutsideQuotes(part, ",");
  const key = KEY.exec(head)?.[1];
  if (!key) return `Unexpected \`${head}\`, expected \`@key\``;
  const citation: Citation = { key };
  for (const segment of segments) {
    const quoted = QUOTED.exec(segment);
    const via = VIA.exec(segment);
    if (quoted) {
      if (citation.phrase !== undefined) return `Unexpected second phrase ${segment}, expected one phrase per citation`;
      citation.phrase = quoted[1] ?? quoted[2] ?? "";
    } else if (via) {
      citation.via = via[1];
    } else if (segment === "") {
      return `Unexpected empty locator in \`${part}\`, expected text between the commas`;
    } else if (citation.locator !== undefined || citation.phrase !== undefined) {
      return `Unexpected \`${segment}\`, expected a quoted phrase or \`via @key\` after the locator`;
    } else {
      citation.locator = segment;
    }
  }
  return citation;
}

type Parent = Extract<Root["children"][number] | Root, { children: unknown[] }>;

/** Formatting a locator may carry: its text is kept and the markup dropped. */
const FLATTENED = new Set(["text", "emphasis", "strong", "delete", "inlineCode"]);
/** Parents whose children are inline content, searched for citations. */
const INLINE_PARENTS = new Set(["paragraph", "heading", "tableCell", "emphasis", "strong", "delete", "link"]);

interface Span {
  index: number;
  from: number;
  to: number;
}

/**
 * Finds citation groups in the inline content of `parent`, across text and
 * formatting alike, and replaces each with a `citation` node. A group must
 * open and close in text of this parent; one wholly inside an emphasis is
 * found when that emphasis is searched in turn.
 */
function replaceIn(parent: Parent, file: VFile, toPoint: (offset: number) => Point | undefined) {
  const children = parent.children as PhrasingContent[];
  let from = 0;
  search: while (from < children.length) {
    const spans: Span[] = [];
    let flat = "";
    for (let index = from; index < children.length; index++) {
      const child = children[index]!;
      const text = child.type === "text" ? child.value : toString(child);
      spans.push({ index, from: flat.length, to: flat.length + text.length });
      flat += text;
    }
    const spanAt = (offset: number) => spans.find((span) => offset >= span.from && offset < span.to);
    for (const match of flat.matchAll(GROUP)) {
      const open = spanAt(match.index);
      const close = spanAt(match.index + match[0].length - 1);
      if (!open || !close || children[open.index]!.type !== "text" || children[close.index]!.type !== "text") continue;
      const first = children[open.index] as Text;
      const last = children[close.index] as Text;
      const startOffset = first.position?.start.offset;
      const endOffset = last.position?.start.offset;
      const start = startOffset === undefined ? undefined : toPoint(startOffset + match.index - open.from);
      const end = endOffset === undefined ? undefined : toPoint(endOffset + match.index + match[0].length - close.from);
      const inside = children.slice(open.index + 1, close.index);
      const markup = inside.find((node) => !FLATTENED.has(node.type));
      if (markup) {
        report(file, "malformed-citation", `Unexpected ${markup.type} inside a citation, expected plain text (emphasis and code are allowed and read as text)`, markup);
      }
      const citations: Citation[] = [];
      for (const part of splitOutsideQuotes(match[0].slice(1, -1), ";")) {
        const parsed = parseCitation(part);
        // A malformed part is reported and left out; the group stays a citation
        // so the item is not reported a second time as uncited.
        if (typeof parsed === "string") {
          report(file, "malformed-citation", `${parsed}; write citations as \`[@key, Section › Subsection, "phrase"]\``, start);
        } else citations.push(parsed);
      }
      const node: CitationNode = { type: "citation", citations, value: match[0] };
      if (start && end) node.position = { start, end };
      const before = first.value.slice(0, match.index - open.from);
      const after = last.value.slice(match.index + match[0].length - close.from);
      const replacement: PhrasingContent[] = [];
      if (before) replacement.push({ type: "text", value: before, ...(first.position && start ? { position: { start: first.position.start, end: start } } : {}) });
      replacement.push(node);
      if (after) replacement.push({ type: "text", value: after, ...(last.position && end ? { position: { start: end, end: last.position.end } } : {}) });
      children.splice(open.index, close.index - open.index + 1, ...replacement);
      from = open.index + replacement.length - (after ? 1 : 0);
      continue search;
    }
    break;
  }
}

/** What is left of a citation after its group was read: formatting split it. */
const SPLIT = /\[\s*-?@/;

/**
 * Turns pandoc-style citations in inline content into `citation` nodes, so
 * that later stages see the cited keys and the prose without them. What
 * still looks like a citation afterwards (split by formatting) is reported.
 */
export function remarkCitations() {
  return function transformer(tree: Root, file: VFile) {
    const place = location(file);
    const toPoint = (offset: number) => place.toPoint(offset);
    // One walk, in document order: a parent's groups are replaced before its
    // children are looked at, so a text child still holding `[@` is split.
    const walk = (parent: Parent) => {
      // A group opens in a text child; a parent with no `[` in one has none.
      if (INLINE_PARENTS.has(parent.type) && parent.children.some((child) => child.type === "text" && child.value.includes("["))) {
        replaceIn(parent, file, toPoint);
      }
      for (const child of parent.children as RootContent[]) {
        if (child.type === "text") {
          if (SPLIT.test(child.value)) {
            report(file, "malformed-citation", "Unexpected citation that formatting splits, expected `[@key, locator]` with its brackets outside any emphasis", child);
          }
        } else if ("children" in child) walk(child as Parent);
      }
    };
    walk(tree);
  };
}
