/**
 * The brief: the claims named by `?c=ID&c=ID`, in that order, grouped by
 * question, with the works they cite. Its exports render it, one module per
 * format, in brief-exports/.
 */
import { citedKeys, type Citation, type Claim, type Source } from "~/compiler/model";
import { sortForStyle } from "~/compiler/citations-format";
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

/** What every export renders: the brief, and what it needs of the debate and the request. */
export interface BriefDocument {
  brief: Brief;
  debateTitle: string;
  sources: Map<string, Source>;
  /** The brief page's address, which the documents name as their origin. */
  pageUrl: string;
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
