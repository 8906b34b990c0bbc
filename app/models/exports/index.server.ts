/**
 * The debate in the formats argument tools read: one module per format, each
 * writing the one model, registered here. A further format is one entry and
 * one module; its route serves it with the JSON API's headers.
 */
import type { Index } from "../content-index";
import { toAif } from "./aif.server";
import { toArgdown } from "./argdown.server";

export interface DebateFormat {
  name: string;
  /** What a reader finds in it, for the About page. */
  description: string;
  path: string;
  /** The file name a saved copy gets. */
  filename: string;
  contentType: string;
  write: (content: Index) => string;
}

export const DEBATE_FORMATS = {
  // Plain text, so a browser shows it; Argdown has no registered media type.
  argdown: {
    name: "Argdown",
    description:
      "for argument maps: a section per question and viewpoint, each claim a statement tagged with both, its evidence as support and its counter-evidence as attacks, with their citations",
    path: "/api/debate.argdown",
    filename: "debate.argdown",
    contentType: "text/plain; charset=utf-8",
    write: toArgdown,
  },
  aif: {
    name: "AIF",
    description:
      "the Argument Interchange Format in AIFdb's JSON: claims and items as I-nodes, support as RA-nodes, counter-evidence and rebuttals as CA-nodes, each viewpoint a participant asserting its claims",
    path: "/api/debate.aif.json",
    filename: "debate.aif.json",
    contentType: "application/json; charset=utf-8",
    write: toAif,
  },
} satisfies Record<string, DebateFormat>;

export type DebateFormatId = keyof typeof DEBATE_FORMATS;

const written = new WeakMap<Index, Map<DebateFormatId, { body: string; etag: string }>>();

/** The debate in `format`, written once per content, with an ETag derived from the content's. */
export function debateIn(content: Index, format: DebateFormatId): { body: string; etag: string } {
  let formats = written.get(content);
  if (!formats) {
    formats = new Map();
    written.set(content, formats);
  }
  let entry = formats.get(format);
  if (!entry) {
    entry = { body: DEBATE_FORMATS[format].write(content), etag: `${content.etag.slice(0, -1)}-${format}"` };
    formats.set(format, entry);
  }
  return entry;
}
