/**
 * The brief: the claims named by `?c=ID&c=ID`, in that order, grouped by
 * question, with the works they cite; and its exports (Markdown for pandoc,
 * BibTeX, RIS, CSL-JSON). The Word export is in `brief-docx.server.ts`.
 */
import { citedKeys, type Citation, type Claim, type Item, type Source } from "~/compiler/model";
import { sortForStyle } from "~/compiler/citations-format";
import { KIND_LABELS, STANCE_LABELS } from "~/lib/labels";
import type { Index } from "./content.server";
import { PageAssembler } from "./view.server";

export const MAX_BRIEF = 200;

export function briefIds(url: URL): string[] {
  return [...new Set(url.searchParams.getAll("c").map((id) => id.trim()).filter(Boolean))].slice(0, MAX_BRIEF);
}

export interface Brief {
  ids: string[];
  /** Ids in the URL that name no claim: shown, never silently dropped. */
  unknown: string[];
  groups: Array<{ topic: { id: string; title: string; question: string }; claims: Array<Claim & { viewpoint: string }> }>;
  /** Every work the claims cite, APA order. */
  works: Source[];
}

export function loadBrief(content: Index, url: URL): Brief {
  const ids = briefIds(url);
  const unknown = ids.filter((id) => !content.claims.has(id));
  const claims = ids.flatMap((id) => {
    const claim = content.claims.get(id);
    return claim ? [{ ...claim, viewpoint: content.perspectives.get(claim.perspective)?.name ?? claim.perspective }] : [];
  });
  // Questions in the order the brief first reaches them; claims in the brief's order.
  const groups: Brief["groups"] = [];
  for (const claim of claims) {
    let group = groups.find((candidate) => candidate.topic.id === claim.topic);
    if (!group) {
      const topic = content.topics.get(claim.topic)!;
      group = { topic: { id: topic.id, title: topic.title, question: topic.question }, claims: [] };
      groups.push(group);
    }
    group.claims.push(claim);
  }
  const keys = new Set(claims.flatMap((claim) => [...claim.evidence, ...claim.counterEvidence]).flatMap((item) => item.citations.flatMap(citedKeys)));
  const works = sortForStyle([...keys].flatMap((key) => content.sources.get(key) ?? []), "apa");
  return { ids: claims.map((claim) => claim.id), unknown, groups, works };
}

/** What /brief shows: the brief's claims as the pages show claims, grouped by question. */
export function briefView(content: Index, url: URL) {
  const brief = loadBrief(content, url);
  const page = new PageAssembler(content);
  const groups = brief.groups.map((group) => ({ topic: group.topic, claims: group.claims.map((claim) => page.claim(claim)) }));
  return { debateTitle: content.debate.title, ids: brief.ids, unknown: brief.unknown, groups, works: brief.works };
}

/** An APA parenthetical citation of one work, e.g. "(Picarelli & Jonsson, 2008, Summary)". */
export function apaInText(citation: Citation, sources: Map<string, Source>): string {
  const name = (key: string) => {
    const source = sources.get(key);
    return source ? `${source.citeName.replace(/ and /g, " & ")}, ${source.year}` : key;
  };
  const locator = citation.locator ? `, ${citation.locator}` : "";
  return citation.via ? `(${name(citation.key)}, as cited in ${name(citation.via)}${locator})` : `(${name(citation.key)}${locator})`;
}

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

export function briefMarkdown(brief: Brief, debateTitle: string, pageUrl: string): string {
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

export function briefBibtex(brief: Brief): string {
  return `${brief.works.map((source) => source.bibtex).join("\n\n")}\n`;
}

export function briefCslJson(brief: Brief): string {
  return JSON.stringify(
    brief.works.map((source) => ({ ...source.csl, id: source.key })),
    null,
    2,
  );
}

const RIS_TYPES: Record<string, string> = {
  "article-journal": "JOUR",
  "article-magazine": "MGZN",
  "article-newspaper": "NEWS",
  book: "BOOK",
  chapter: "CHAP",
  report: "RPRT",
  thesis: "THES",
  webpage: "ELEC",
  "entry-encyclopedia": "ENCYC",
  entry: "ENCYC",
  "paper-conference": "CPAPER",
  legislation: "BILL",
};

type CslName = { family?: string; given?: string; literal?: string };
type CslDate = { "date-parts"?: number[][] };

const risDate = (date: CslDate | undefined) => date?.["date-parts"]?.[0]?.map((part) => String(part).padStart(2, "0")).join("/");

/** One RIS record per work; tags from the RIS specification, values on one line each. */
export function briefRis(brief: Brief): string {
  const records = brief.works.map((source) => {
    const csl = source.csl as Record<string, unknown>;
    const line = (tag: string, value: unknown) => (value === undefined || value === "" ? [] : [`${tag}  - ${String(value).replace(/\s+/g, " ").trim()}`]);
    const names = (csl.author as CslName[] | undefined) ?? [];
    const [start, end] = String(csl.page ?? "").split(/[-–]+/);
    return [
      ...line("TY", RIS_TYPES[String(csl.type)] ?? "GEN"),
      ...line("ID", source.key),
      ...names.flatMap((name) => line("AU", name.literal ?? [name.family, name.given].filter(Boolean).join(", "))),
      ...line("TI", csl.title),
      ...line("T2", csl["container-title"]),
      ...line("PY", (csl.issued as CslDate | undefined)?.["date-parts"]?.[0]?.[0]),
      ...line("VL", csl.volume),
      ...line("IS", csl.issue),
      ...line("SP", start),
      ...line("EP", end),
      ...line("PB", csl.publisher),
      ...line("CY", csl["publisher-place"]),
      ...line("SN", csl.ISBN ?? csl.ISSN),
      ...line("DO", csl.DOI),
      ...line("UR", csl.URL),
      ...line("Y2", risDate(csl.accessed as CslDate | undefined)),
      ...line("N1", csl.note),
      "ER  - ",
    ].join("\r\n");
  });
  return `${records.join("\r\n\r\n")}\r\n`;
}
