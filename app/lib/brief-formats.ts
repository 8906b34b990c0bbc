/**
 * The brief's export formats, by file extension, in the order the brief page
 * offers them: the label the page shows and the media type the server sends.
 * Each format renders in a module of its own in models/brief-exports/, which
 * models/brief-export.server.ts registers under the same extension. This table
 * is apart from the renderers so the page can list the formats without them.
 */
export const BRIEF_FORMATS = {
  md: { label: "Markdown (pandoc)", type: "text/markdown; charset=utf-8" },
  docx: { label: "Word", type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
  bib: { label: "BibTeX", type: "application/x-bibtex; charset=utf-8" },
  ris: { label: "RIS", type: "application/x-research-info-systems; charset=utf-8" },
  json: { label: "CSL-JSON", type: "application/vnd.citationstyles.csl+json; charset=utf-8" },
} as const satisfies Record<string, { label: string; type: string }>;

export type BriefFormat = keyof typeof BRIEF_FORMATS;
