/**
 * The search page's view model: results for `?q=…`, narrowed by facets
 * (`p`, `topic`, `stance`, `kind`, `source`, `flag`, `open`), each facet
 * counted over the results narrowed by the other facets.
 */
import { citedKeys, FLAGS, type Claim, type Flag } from "~/compiler/model";
import { KIND_LABELS, STANCE_LABELS } from "~/lib/labels";
import { buildSearchIndex, type SearchIndex } from "~/search/index";
import { snippetFor, type Snippet } from "~/search/snippet";
import type { Index } from "./content.server";
import { PageAssembler, type ViewpointTag } from "./view.server";

const indexes = new WeakMap<Index, SearchIndex>();

export function searchIndexOf(content: Index): SearchIndex {
  let index = indexes.get(content);
  if (!index) {
    index = buildSearchIndex(content.debate);
    indexes.set(content, index);
  }
  return index;
}

export const FACETS = ["p", "topic", "stance", "kind", "source", "flag"] as const;
type Facet = (typeof FACETS)[number];

/** Flags arrive with model version 2; read them wherever they exist. */
const flagsOf = (value: object): string[] => ("flags" in value && Array.isArray(value.flags) ? value.flags.map(String) : []);

function facetValues(claim: Claim): Record<Facet, string[]> {
  const items = [...claim.evidence, ...claim.counterEvidence];
  return {
    p: [claim.perspective],
    topic: [claim.topic],
    stance: [claim.stance],
    kind: [...new Set(items.map((item) => item.kind))],
    source: [...new Set(items.flatMap((item) => item.citations.flatMap(citedKeys)))],
    flag: [...new Set([...flagsOf(claim), ...items.flatMap(flagsOf)])],
  };
}

export interface SearchHit {
  id: string;
  title: string;
  topic: { id: string; title: string };
  viewpoint: ViewpointTag;
  stance: Claim["stance"];
  statement: string;
  snippet?: Snippet;
  open: boolean;
}

export function loadSearch(content: Index, url: URL) {
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 200);
  const selected = Object.fromEntries(FACETS.map((facet) => [facet, url.searchParams.getAll(facet).filter(Boolean)])) as Record<Facet, string[]>;
  const openOnly = url.searchParams.has("open");
  const anyFilter = openOnly || FACETS.some((facet) => selected[facet].length > 0);
  const index = searchIndexOf(content);

  // Without a query, the facets alone browse every claim.
  const ranked: Array<{ claim: Claim; terms: string[] }> = q
    ? index.search(q).flatMap((result) => {
        const claim = content.claims.get(String(result.id));
        return claim ? [{ claim, terms: result.terms }] : [];
      })
    : anyFilter
      ? [...content.claims.values()].map((claim) => ({ claim, terms: [] }))
      : [];

  const values = new Map(ranked.map(({ claim }) => [claim.id, facetValues(claim)]));
  const passes = (claimId: string, except?: Facet | "open") =>
    (except === "open" || !openOnly || content.claims.get(claimId)!.contestedBy.length === 0) &&
    FACETS.every((facet) => facet === except || selected[facet].length === 0 || values.get(claimId)![facet].some((value) => selected[facet].includes(value)));

  const page = new PageAssembler(content);
  const label: Record<Facet, (value: string) => string> = {
    p: (value) => content.perspectives.get(value)?.name ?? value,
    topic: (value) => content.topics.get(value)?.title ?? value,
    stance: (value) => STANCE_LABELS[value as keyof typeof STANCE_LABELS] ?? value,
    kind: (value) => KIND_LABELS[value as keyof typeof KIND_LABELS] ?? value,
    source: (value) => {
      const source = content.sources.get(value);
      return source ? `${source.citeName} (${source.year})` : value;
    },
    flag: (value) => (Object.hasOwn(FLAGS, value) ? FLAGS[value as Flag].label : value),
  };
  const facets = FACETS.map((facet) => {
    const counts = new Map<string, number>();
    for (const { claim } of ranked) {
      if (!passes(claim.id, facet)) continue;
      for (const value of values.get(claim.id)![facet]) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    for (const value of selected[facet]) if (!counts.has(value)) counts.set(value, 0);
    const options = [...counts].map(([value, count]) => ({ value, label: label[facet](value), count, checked: selected[facet].includes(value) }));
    // Viewpoints and questions keep the debate's order; the rest go by count.
    if (facet !== "p" && facet !== "topic") options.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
    else {
      const order = (facet === "p" ? content.debate.perspectives : content.debate.topics).map((entry) => entry.id);
      const position = (value: string) => order.indexOf(value);
      options.sort((a, b) => position(a.value) - position(b.value));
    }
    return { name: facet, options };
  }).filter((facet) => facet.options.length > 0);

  const hits: SearchHit[] = ranked
    .filter(({ claim }) => passes(claim.id))
    .map(({ claim, terms }) => ({
      id: claim.id,
      title: claim.title,
      topic: { id: claim.topic, title: content.topics.get(claim.topic)?.title ?? claim.topic },
      viewpoint: page.viewpoint(claim.perspective),
      stance: claim.stance,
      statement: claim.statement,
      open: claim.contestedBy.length === 0,
      ...(terms.length > 0 ? { snippet: snippetFor(index.documents.get(claim.id)!, terms) } : {}),
    }));
  const openCount = ranked.filter(({ claim }) => passes(claim.id, "open") && claim.contestedBy.length === 0).length;

  return {
    q,
    openOnly,
    openCount,
    facets,
    total: hits.length,
    hits: hits.slice(0, 100),
  };
}
