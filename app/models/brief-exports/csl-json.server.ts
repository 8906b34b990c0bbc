/** The works the brief cites as CSL-JSON, for Zotero, citeproc and pandoc. */
import type { BriefDocument } from "../brief.server";

export function briefCslJson({ brief }: BriefDocument): string {
  return JSON.stringify(
    brief.works.map((source) => ({ ...source.csl, id: source.key })),
    null,
    2,
  );
}
