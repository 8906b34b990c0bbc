/**
 * The brief as a Word document (the `docx` library): each question, its
 * claims with their evidence and counter-evidence cited in APA, and an APA
 * reference list whose titles keep their italics.
 */
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import type { Item, Source } from "~/compiler/model";
import { referenceParts } from "~/lib/reference-text";
import { KIND_LABELS, STANCE_LABELS } from "~/lib/labels";
import { apaInText, type BriefDocument } from "../brief.server";

/** citeproc's HTML entry as runs, its italics kept. */
const referenceRuns = (html: string) => referenceParts(html).map((part) => new TextRun({ text: part.text, italics: part.italic }));

function itemParagraphs(heading: string, items: Item[], sources: Map<string, Source>): Paragraph[] {
  if (items.length === 0) return [];
  return [
    new Paragraph({ text: heading, heading: HeadingLevel.HEADING_4 }),
    ...items.map(
      (item) =>
        new Paragraph({
          bullet: { level: 0 },
          children: [
            new TextRun({ text: `${KIND_LABELS[item.kind]}. `, bold: true }),
            new TextRun(`${item.text} ${item.citations.map((citation) => apaInText(citation, sources)).join(" ")}`.trimEnd()),
          ],
        }),
    ),
  ];
}

export async function briefDocx({ brief, debateTitle, sources, pageUrl }: BriefDocument): Promise<Uint8Array<ArrayBuffer>> {
  const children: Paragraph[] = [
    new Paragraph({ text: `Brief: ${debateTitle}`, heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: `Collected with Counterpoint: ${pageUrl}`, italics: true })] }),
  ];
  for (const group of brief.groups) {
    children.push(
      new Paragraph({ text: group.topic.title, heading: HeadingLevel.HEADING_1 }),
      new Paragraph({ children: [new TextRun({ text: group.topic.question, italics: true })] }),
    );
    for (const claim of group.claims) {
      children.push(
        new Paragraph({ text: claim.title, heading: HeadingLevel.HEADING_2 }),
        new Paragraph({ children: [new TextRun({ text: `${claim.viewpoint} · answers ${STANCE_LABELS[claim.stance].toLowerCase()}`, bold: true })] }),
        new Paragraph(claim.statement),
        ...itemParagraphs("Evidence", claim.evidence, sources),
        ...itemParagraphs("Counter-evidence", claim.counterEvidence, sources),
      );
    }
  }
  if (brief.works.length > 0) {
    children.push(new Paragraph({ text: "References", heading: HeadingLevel.HEADING_1 }));
    for (const work of brief.works) {
      children.push(
        new Paragraph({
          children: work.references ? referenceRuns(work.references.apa.html) : [new TextRun(work.title)],
          indent: { left: 720, hanging: 720 },
        }),
      );
    }
  }
  const document = new Document({ creator: "Counterpoint", title: `Brief: ${debateTitle}`, sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(document));
}
