import { passageUrl } from "~/lib/urls";
import { citedKeys, type Source } from "~/compiler/model";
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
    .sort((a, b) => sortName(a).localeCompare(sortName(b), "en", { sensitivity: "base" }) || a.title.localeCompare(b.title) || a.year.localeCompare(b.year))
    .map(({ key, title, author, year, url, note, references }) => ({
      key,
      title,
      author,
      year,
      url,
      note,
      reference: references?.apa ?? { html: title, text: title },
      uses: uses.get(key) ?? [],
    }));
}

type Name = { family?: string; literal?: string };

/** A work files under its first author's surname, an unsigned work under its title (leading articles aside). */
function sortName(source: Source): string {
  const first = ((source.csl.author ?? source.csl.editor) as Name[] | undefined)?.[0];
  const name = first?.family ?? first?.literal;
  return name ?? source.title.replace(/^(?:the|a|an)\s+/i, "").replace(/^[^\p{L}\p{N}]+/u, "");
}
