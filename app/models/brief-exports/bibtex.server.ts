/** The works the brief cites, as the bibliography wrote them. */
import type { BriefDocument } from "../brief.server";

export function briefBibtex({ brief }: BriefDocument): string {
  return `${brief.works.map((source) => source.bibtex).join("\n\n")}\n`;
}
