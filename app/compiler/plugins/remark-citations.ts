import type { Root, Text } from "mdast";
import type { Point } from "unist";
import type { VFile } from "vfile";
import { findAndReplace } from "mdast-util-find-and-replace";
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

/** Where `offset` characters into a text node fall in the file. */
function pointAt(node: Text, offset: number): Point | undefined {
  const start = node.position?.start;
  if (!start) return undefined;
  const before = node.value.slice(0, offset);
  const lines = before.split("\n");
  const last = lines[lines.length - 1] ?? "";
  return lines.length === 1
    ? { line: start.line, column: start.column + offset }
    : { line: start.line + lines.length - 1, column: last.length + 1 };
}

/**
 * Turns pandoc-style citations in text into `citation` nodes, so that later
 * stages see the cited keys and the prose without them.
 */
export function remarkCitations() {
  return function transformer(tree: Root, file: VFile) {
    findAndReplace(tree, [
      GROUP,
      (value: string, match) => {
        const textNode = match.stack[match.stack.length - 1] as Text;
        const start = pointAt(textNode, match.index);
        const end = pointAt(textNode, match.index + value.length);
        const citations: Citation[] = [];
        for (const part of splitOutsideQuotes(value.slice(1, -1), ";")) {
          const parsed = parseCitation(part);
          // A malformed part is reported and left out; the group stays a citation
          // so the item is not reported a second time as uncited.
          if (typeof parsed === "string") {
            report(file, "malformed-citation", `${parsed}; write citations as \`[@key, Section › Subsection, "phrase"]\``, start);
          } else citations.push(parsed);
        }
        const node: CitationNode = { type: "citation", citations, value };
        if (start && end) node.position = { start, end };
        return node;
      },
    ]);
  };
}
