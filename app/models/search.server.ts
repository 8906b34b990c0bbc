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

/** Results a page shows; the rest are counted, and the filters narrow them. */
export const SHOWN = 100;

function facetValues(claim: Claim): Record<Facet, string[]> {
  const items = [...claim.evidence, ...claim.counterEvidence];
  return {
    p: [claim.perspective],
    topic: [claim.topic],
    stance: [claim.stance],
    kind: [...new Set(items.map((item) => item.kind))],
    source: [...new Set(items.flatMap((item) => item.citations.flatMap(citedKeys)))],
    flag: [...new Set([...claim.flags, ...items.flatMap((item) => item.flags)])],
  };
}

/**
 * Each claim's facet values as numbers, worked out once per content and kept
 * in arrays by the search index's claim numbers, so a search over thousands of
 * matches counts them in an array.
 */
interface FacetTable {
  /** Each facet's values and their numbers. */
  codes: Record<Facet, Map<string, number>>;
  /** A value number's facet, as a position in FACETS. */
  facetOf: Uint8Array;
  /** A claim's value numbers are `values[valuesStart[claim]]` up to `values[valuesStart[claim + 1]]`. */
  values: Uint32Array;
  valuesStart: Uint32Array;
  /** 1 for a claim no other viewpoint contests. */
  open: Uint8Array;
}

const byLabel = new Intl.Collator("en");

const facetTables = new WeakMap<Index, FacetTable>();

function facetTableOf(content: Index, index: SearchIndex): FacetTable {
  let table = facetTables.get(content);
  if (!table) {
    const codes = Object.fromEntries(FACETS.map((facet) => [facet, new Map<string, number>()])) as Record<Facet, Map<string, number>>;
    const facetOf: number[] = [];
    const codeOf = (facet: Facet, value: string) => {
      let code = codes[facet].get(value);
      if (code === undefined) {
        code = facetOf.push(FACETS.indexOf(facet)) - 1;
        codes[facet].set(value, code);
      }
      return code;
    };
    const claims = index.ids.map((id) => content.claims.get(id)!);
    const values = claims.map((claim) => {
      const byFacet = facetValues(claim);
      return FACETS.flatMap((facet) => byFacet[facet].map((value) => codeOf(facet, value)));
    });
    const valuesStart = [0];
    for (const list of values) valuesStart.push(valuesStart.at(-1)! + list.length);
    table = {
      codes,
      facetOf: Uint8Array.from(facetOf),
      values: Uint32Array.from(values.flat()),
      valuesStart: Uint32Array.from(valuesStart),
      open: Uint8Array.from(claims, (claim) => (claim.contestedBy.length === 0 ? 1 : 0)),
    };
    facetTables.set(content, table);
  }
  return table;
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
  const selected = Object.fromEntries(FACETS.map((facet) => [facet, new Set(url.searchParams.getAll(facet).filter(Boolean))])) as Record<Facet, Set<string>>;
  const openOnly = url.searchParams.has("open");
  const anyFilter = openOnly || FACETS.some((facet) => selected[facet].size > 0);
  const index = searchIndexOf(content);
  const table = facetTableOf(content, index);

  // Without a query, the facets alone browse every claim, in the debate's order.
  const matches = q ? index.match(q) : undefined;
  const candidates = matches ? matches.claims : anyFilter ? index.ids.map((_, claim) => claim) : [];

  // A claim counts towards a facet's options when it passes every other
  // filter: each claim's failed filters are one number, a bit per facet.
  const OPEN = 1 << FACETS.length;
  const required = FACETS.reduce((bits, facet, position) => (selected[facet].size > 0 ? bits | (1 << position) : bits), 0);
  const chosen = new Uint8Array(table.facetOf.length);
  for (const facet of FACETS) for (const value of selected[facet]) if (table.codes[facet].has(value)) chosen[table.codes[facet].get(value)!] = 1;
  const failing = new Uint8Array(index.ids.length);
  const counts = new Uint32Array(table.facetOf.length);
  const { facetOf, values, valuesStart, open } = table;
  let total = 0;
  let openCount = 0;
  for (const claim of candidates) {
    const first = valuesStart[claim]!;
    const last = valuesStart[claim + 1]!;
    let met = 0;
    if (required !== 0) for (let at = first; at < last; at++) if (chosen[values[at]!]) met |= 1 << facetOf[values[at]!]!;
    const fails = (required & ~met) | (openOnly && !open[claim] ? OPEN : 0);
    failing[claim] = fails === 0 ? 0 : 1;
    if ((fails & ~OPEN) === 0 && open[claim]) openCount++;
    if (fails === 0) {
      total++;
      for (let at = first; at < last; at++) counts[values[at]!]!++;
    } else if ((fails & (fails - 1)) === 0 && fails !== OPEN) {
      for (let at = first; at < last; at++) if (1 << facetOf[values[at]!]! === fails) counts[values[at]!]!++;
    }
  }

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
    const facetCounts = [...table.codes[facet]].filter(([value, code]) => counts[code]! > 0 || selected[facet].has(value)).map(([value, code]): [string, number] => [value, counts[code]!]);
    for (const value of selected[facet]) if (!table.codes[facet].has(value)) facetCounts.push([value, 0]);
    const options = facetCounts.map(([value, count]) => ({ value, label: label[facet](value), count, checked: selected[facet].has(value) }));
    // Viewpoints and questions keep the debate's order; the rest go by count.
    if (facet !== "p" && facet !== "topic") options.sort((a, b) => b.count - a.count || byLabel.compare(a.label, b.label));
    else {
      const order = (facet === "p" ? content.debate.perspectives : content.debate.topics).map((entry) => entry.id);
      const position = (value: string) => order.indexOf(value);
      options.sort((a, b) => position(a.value) - position(b.value));
    }
    return { name: facet, options };
  }).filter((facet) => facet.options.length > 0);

  // Only the results shown are ranked in full and given a snippet.
  const passes = (claim: number) => failing[claim] === 0;
  const shown = matches ? matches.best(SHOWN, passes).map(({ claim }) => claim) : candidates.filter(passes).slice(0, SHOWN);
  const page = new PageAssembler(content);
  const hits: SearchHit[] = shown.map((number) => {
    const id = index.ids[number]!;
    const claim = content.claims.get(id)!;
    const snippet = matches ? snippetFor(index.documents.get(id)!, (field) => matches.marks(number, field)) : undefined;
    return {
      id,
      title: claim.title,
      topic: { id: claim.topic, title: content.topics.get(claim.topic)?.title ?? claim.topic },
      viewpoint: page.viewpoint(claim.perspective),
      stance: claim.stance,
      statement: claim.statement,
      open: claim.contestedBy.length === 0,
      ...(snippet ? { snippet } : {}),
    };
  });

  return { q, openOnly, openCount, facets, total, hits };
}
