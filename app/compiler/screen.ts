/**
 * Stage 0, screen: what must hold before the parser sees a file. Bytes are
 * UTF-8 without NUL, and the file, its lines and its nesting stay within sane
 * limits: micromark's time grows faster than linearly with nesting, so a list
 * a few hundred levels deep would stall the compiler rather than fail.
 */
import type { VFile } from "vfile";
import { location } from "vfile-location";
import { report } from "./rules";

export const MAX_BYTES = 1_000_000;
export const MAX_LINE = 10_000;
/**
 * Inline parsing of emphasis and brackets also grows faster than linearly
 * within one block; the real content's busiest paragraph has under fifty marks.
 */
export const MAX_MARKS = 1_000;
const MARK = /[*_[\]~`]/g;
/** The outline needs three levels (an item, a nested list, a quote); sixteen leaves room. */
export const MAX_NESTING = 16;

/** The offset of the first byte that does not continue a valid UTF-8 sequence, or -1. */
function invalidUtf8At(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index]!;
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xf0 && byte < 0xf5 ? 4 : 0;
    if (length === 0) return index;
    for (let next = 1; next < length; next++) {
      const continuation = bytes[index + next];
      if (continuation === undefined || (continuation & 0xc0) !== 0x80) return index;
    }
    // Overlong three- and four-byte forms, UTF-16 surrogates, and code points past U+10FFFF.
    const second = bytes[index + 1]!;
    if ((byte === 0xe0 && second < 0xa0) || (byte === 0xed && second >= 0xa0) || (byte === 0xf0 && second < 0x90) || (byte === 0xf4 && second >= 0x90)) {
      return index;
    }
    index += length;
  }
  return -1;
}

/** Lines and columns of a byte offset, counted on the valid text before it. */
function pointAtByte(bytes: Uint8Array, offset: number) {
  const before = new TextDecoder().decode(bytes.subarray(0, offset));
  const lines = before.split("\n");
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

const CONTAINER = /^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t]|$))+/;

/** How deep the containers on a line nest: its markers plus its indentation in list steps. */
function nestingOf(line: string): { depth: number; column: number } {
  const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, "    ").length;
  const markers = CONTAINER.exec(line)?.[0].match(/>|[-*+]|\d{1,9}[.)]/g)?.length ?? 0;
  return { depth: markers + Math.floor(indent / 2), column: 1 };
}

/**
 * Screens one file. Returns its text when the parser may read it; otherwise
 * reports why not and returns undefined.
 */
export function screen(file: VFile): string | undefined {
  const raw = file.value;
  const bytes = typeof raw === "string" ? new TextEncoder().encode(raw) : raw;
  if (bytes.length > MAX_BYTES) {
    report(file, "file-too-large", `Unexpected file of ${bytes.length.toLocaleString("en")} bytes, expected at most ${MAX_BYTES.toLocaleString("en")}; split it`, { line: 1, column: 1 });
    return undefined;
  }
  const invalid = typeof raw === "string" ? -1 : invalidUtf8At(bytes);
  if (invalid >= 0) {
    report(file, "invalid-utf8", `Unexpected byte 0x${bytes[invalid]!.toString(16).padStart(2, "0")} that is not UTF-8, expected the file saved as UTF-8`, pointAtByte(bytes, invalid));
    return undefined;
  }
  const text = typeof raw === "string" ? raw : new TextDecoder().decode(bytes);
  file.value = text;
  const place = location(file);
  let refused = false;
  const nul = text.indexOf("\0");
  if (nul >= 0) {
    // A binary file may hold a NUL every few bytes: the first one, and how many, say what is wrong.
    let count = 0;
    for (let at = nul; at >= 0; at = text.indexOf("\0", at + 1)) count++;
    const more = count > 1 ? ` (and ${(count - 1).toLocaleString("en")} more)` : "";
    report(file, "nul-byte", `Unexpected NUL byte${more}, expected text (was the file saved from a binary format?)`, place.toPoint(nul));
    refused = true;
  }
  let lineStart = 0;
  let lineNumber = 1;
  let marks = 0;
  let blockLine = 1;
  let marksReported = false;
  while (lineStart <= text.length) {
    const end = text.indexOf("\n", lineStart);
    const lineEnd = end < 0 ? text.length : end;
    const line = text.slice(lineStart, lineEnd);
    if (line.trim() === "") {
      marks = 0;
      blockLine = lineNumber + 1;
    } else {
      marks += line.match(MARK)?.length ?? 0;
      if (marks > MAX_MARKS && !marksReported) {
        report(file, "block-too-complex", `Unexpected block with over ${MAX_MARKS.toLocaleString("en")} emphasis, code and bracket marks, expected a paragraph of ordinary prose; split it`, { line: blockLine, column: 1 });
        refused = marksReported = true;
      }
    }
    if (lineEnd - lineStart > MAX_LINE) {
      report(file, "line-too-long", `Unexpected line of ${(lineEnd - lineStart).toLocaleString("en")} characters, expected at most ${MAX_LINE.toLocaleString("en")}; break it at sentences`, { line: lineNumber, column: MAX_LINE + 1 });
      refused = true;
    } else {
      const { depth, column } = nestingOf(text.slice(lineStart, lineEnd));
      if (depth > MAX_NESTING) {
        report(file, "nesting-too-deep", `Unexpected nesting ${depth} levels deep, expected at most ${MAX_NESTING} levels of lists and quotes`, { line: lineNumber, column });
        refused = true;
        break;
      }
    }
    if (end < 0) break;
    lineStart = end + 1;
    lineNumber++;
  }
  return refused ? undefined : text;
}
