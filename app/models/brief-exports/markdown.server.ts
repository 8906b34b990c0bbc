/** The brief as pandoc Markdown: citations as `[@key, locator]`, the works in brief.bib beside it. */
import type { Citation, Item } from "~/compiler/model";
import { KIND_LABELS, STANCE_LABELS } from "~/lib/labels";
import type { BriefDocument } from "../brief.server";

const escapeMarkdown = (text: string) => text.replace(/([\\`*_[\]<>@#|])/g, "\\$1");

/** A pandoc citation: `[@key, locator]`, or `[@key; as cited in @via, locator]`. */
function pandocCitation(citation: Citation): string {
  const locator = citation.locator ? `, ${escapeMarkdown(citation.locator)}` : "";
  return citation.via ? `[@${citation.key}; as cited in @${citation.via}${locator}]` : `[@${citation.key}${locator}]`;
}

function markdownItems(heading: string, items: Item[]): string[] {
  if (items.length === 0) return [];
  return [
    `#### ${heading}`,
    "",
    ...items.map((item) => `- *${KIND_LABELS[item.kind]}.* ${escapeMarkdown(item.text)} ${item.citations.map(pandocCitation).join(" ")}`.trimEnd()),
    "",
  ];
}

const yamlString = (text: string) => JSON.stringify(text);

export function briefMarkdown({ brief, debateTitle, pageUrl }: BriefDocument): string {
  const lines = [
    "---",
    `title: ${yamlString(`Brief: ${debateTitle}`)}`,
    "bibliography: brief.bib",
    "link-citations: true",
    `source: ${yamlString(pageUrl)}`,
    "---",
    "",
  ];
  for (const group of brief.groups) {
    lines.push(`## ${escapeMarkdown(group.topic.title)}`, "", `*${escapeMarkdown(group.topic.question)}*`, "");
    for (const claim of group.claims) {
      lines.push(
        `### ${escapeMarkdown(claim.title)}`,
        "",
        `**${escapeMarkdown(claim.viewpoint)}**, answering ${STANCE_LABELS[claim.stance].toLowerCase()}.`,
        "",
        `> ${escapeMarkdown(claim.statement)}`,
        "",
        ...markdownItems("Evidence", claim.evidence),
        ...markdownItems("Counter-evidence", claim.counterEvidence),
      );
    }
  }
  lines.push("## References", "", "::: {#refs}", ":::", "");
  return lines.join("\n");
}
