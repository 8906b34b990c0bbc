import { citedKeys, type Source } from "~/compiler/model";
import type { Index } from "./content.server";
import { PageAssembler, type ViewpointTag } from "./view.server";

/**
 * A cited passage, as a tuple: the page lists some eight hundred, and their
 * keys would be a fiftieth of it on the wire. `via` is the reporting
 * document's URL, where the passage is opened in it rather than in the work;
 * an absent locator or phrase is "".
 */
type Passage = [locator: string, phrase: string, via?: string];

/** One claim citing a work, with the passages it cites. */
export interface Use {
  claim: string;
  passages: Passage[];
}

/** The claims a page names, by id, named once for the page, since most claims cite several works. */
export type ClaimNames = Record<string, { title: string; viewpoint: ViewpointTag }>;

const cache = new WeakMap<Index, ReturnType<typeof buildBibliography>>();

/**
 * The sources page: every work, or those whose reference or key holds every
 * word of `?q=`, each with the number of claims citing it. Which claims, and
 * the passages, are rendered once on the server (`sourceUses`), not sent as data.
 */
export function loadSources(content: Index, url: URL) {
  const q = (url.searchParams.get("q") ?? "").trim();
  const { sources: all } = bibliographyWithUses(content);
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = words.length ? all.filter((source) => words.every((word) => `${source.reference.text} ${source.key}`.toLowerCase().includes(word))) : all;
  // The page sends the entry's HTML only: its text is the HTML's, and the copy button reads it there.
  const sources = shown.map(({ key, note, reference, uses }) => ({ key, ...(note ? { note } : {}), reference: reference.html, citedBy: uses.length }));
  return { q, total: all.length, sources };
}

/** Every work's claims and passages, and the claims' names, for the sources page's lists of uses. */
export function sourceUses(content: Index): { sources: Array<{ key: string; url?: string; uses: Use[] }>; claims: ClaimNames } {
  return bibliographyWithUses(content);
}

/** The bibliography with, for each work, the claims that cite it, and those claims' names; built once per content. */
function bibliographyWithUses(content: Index) {
  let bibliography = cache.get(content);
  if (!bibliography) {
    bibliography = buildBibliography(content);
    cache.set(content, bibliography);
  }
  return bibliography;
}

function buildBibliography(content: Index) {
  const page = new PageAssembler(content);
  const uses = new Map<string, Use[]>();
  const claims: ClaimNames = {};
  for (const claim of content.claims.values()) {
    for (const item of [...claim.evidence, ...claim.counterEvidence]) {
      for (const citation of item.citations) {
        const url = content.sources.get(citation.via ?? citation.key)?.url;
        for (const key of citedKeys(citation)) {
          const own = content.sources.get(key)?.url;
          const list = uses.get(key) ?? [];
          uses.set(key, list);
          let use = list.find((candidate) => candidate.claim === claim.id);
          if (!use) {
            use = { claim: claim.id, passages: [] };
            list.push(use);
            claims[claim.id] ??= { title: claim.title, viewpoint: page.viewpoint(claim.perspective) };
          }
          const [locator, phrase] = [citation.locator ?? "", citation.phrase ?? ""];
          if (!use.passages.some(([seenLocator, seenPhrase]) => seenPhrase === phrase && seenLocator === locator)) {
            use.passages.push(phrase && url && url !== own ? [locator, phrase, url] : [locator, phrase]);
          }
        }
      }
    }
  }
  const sources = [...content.debate.sources]
    .sort((a, b) => byName.compare(sortName(a), sortName(b)) || byName.compare(a.title, b.title) || a.year.localeCompare(b.year))
    // The page shows the APA entry, not the fields it is made of; the URL opens the passages.
    .map(({ key, title, url, note, references }) => ({
      key,
      ...(url ? { url } : {}),
      ...(note ? { note } : {}),
      reference: references?.apa ?? { html: title, text: title },
      uses: uses.get(key) ?? [],
    }));
  return { sources, claims };
}

/** Case and accents aside: "We have the right" and "We Have the Right" are one title, told apart by year. */
const byName = new Intl.Collator("en", { sensitivity: "base" });

type Name = { family?: string; literal?: string };

/** A work files under its first author's surname, an unsigned work under its title (leading articles aside). */
function sortName(source: Source): string {
  const first = ((source.csl.author ?? source.csl.editor) as Name[] | undefined)?.[0];
  const name = first?.family ?? first?.literal;
  return name ?? source.title.replace(/^(?:the|a|an)\s+/i, "").replace(/^[^\p{L}\p{N}]+/u, "");
}
