import { passageUrl } from "~/lib/urls";
import { citedKeys } from "~/compiler/model";
import type { Index } from "./content.server";

interface Use {
  claim: string;
  locator?: string;
  phrase?: string;
  /** Where the passage can be opened: the work's URL, or the reporting document's. */
  url?: string;
}

const cache = new WeakMap<Index, ReturnType<typeof buildBibliography>>();

/** The bibliography with, for each work, the claims that cite it; built once per content. */
export function bibliographyWithUses(content: Index) {
  let bibliography = cache.get(content);
  if (!bibliography) {
    bibliography = buildBibliography(content);
    cache.set(content, bibliography);
  }
  return bibliography;
}

function buildBibliography(content: Index) {
  const uses = new Map<string, Use[]>();
  for (const claim of content.claims.values()) {
    for (const item of [...claim.evidence, ...claim.counterEvidence]) {
      for (const citation of item.citations) {
        const url = content.sources.get(citation.via ?? citation.key)?.url;
        for (const key of citedKeys(citation)) {
          const list = uses.get(key) ?? [];
          if (!list.some((use) => use.claim === claim.id && use.phrase === citation.phrase && use.locator === citation.locator)) {
            list.push({ claim: claim.id, locator: citation.locator, phrase: citation.phrase, url: passageUrl(url, citation.phrase) });
          }
          uses.set(key, list);
        }
      }
    }
  }
  return [...content.debate.sources]
    .sort((a, b) => a.author.localeCompare(b.author) || a.year.localeCompare(b.year))
    .map(({ key, title, author, year, container, publisher, url, note }) => ({
      key, title, author, year, container, publisher, url, note, uses: uses.get(key) ?? [],
    }));
}
