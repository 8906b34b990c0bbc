/**
 * "Cite this claim": the claim's page and the works it cites in APA, Chicago
 * author-date and MLA (formatted at compile time, see
 * `compiler/citations-format.ts`) and in BibTeX as written in references.bib.
 * The works the claim rests on (its evidence) are kept apart from those cited
 * only against it (its counter-evidence).
 */
import { formatReferences, sortForStyle } from "~/compiler/citations-format";
import { CITATION_STYLES, citedKeys, type Citation, type CitationStyle, type Claim, type Item, type References, type Source } from "~/compiler/model";

type Entry = { html: string; text: string };
type Styled<T> = Record<CitationStyle, T>;

/** A claim page's entry depends on the request's address, so it is formatted once with a placeholder. */
const claimEntries = new Map<string, References>();
const URL_PLACEHOLDER = "https://counterpoint.invalid/url";

function claimEntry(claim: Claim, perspectiveName: string, debateTitle: string, url: string): Styled<Entry> {
  let references = claimEntries.get(claim.id);
  if (!references) {
    references = formatReferences([
      {
        id: claim.id,
        type: "webpage",
        title: `${claim.title} (${perspectiveName})`,
        author: [{ literal: "Counterpoint" }],
        "container-title": debateTitle,
        URL: URL_PLACEHOLDER,
      },
    ]).get(claim.id)!;
    claimEntries.set(claim.id, references);
  }
  const entries = references;
  return Object.fromEntries(
    CITATION_STYLES.map((style) => [
      style,
      { html: entries[style].html.replaceAll(URL_PLACEHOLDER, url), text: entries[style].text.replaceAll(URL_PLACEHOLDER, url) },
    ]),
  ) as Styled<Entry>;
}

/**
 * The works a list of items cites, as each style's reference list has them.
 * A work read through another document: APA and MLA list only the document
 * read; Chicago lists both.
 */
function worksOf(items: Item[], sources: Map<string, Source>, exclude: Set<string>) {
  const citations = items.flatMap((item) => item.citations);
  const direct = new Set(citations.map((citation) => citation.via ?? citation.key));
  const originals = new Set(citations.filter((citation) => citation.via).map((citation) => citation.key));
  const pick = (keys: Set<string>) => [...keys].filter((key) => !exclude.has(key)).flatMap((key) => sources.get(key) ?? []);
  const format = (works: Source[], style: CitationStyle) =>
    sortForStyle(works, style).map((work) => (work.references ? { html: work.references[style].html, text: work.references[style].text } : { html: work.title, text: work.title }));
  const read = pick(direct);
  const all = pick(new Set([...direct, ...originals]));
  return {
    keys: new Set([...direct, ...originals]),
    entries: { apa: format(read, "apa"), chicago: format(all, "chicago"), mla: format(read, "mla") } as Styled<Entry[]>,
    bibtex: all.map((work) => work.bibtex).join("\n\n"),
    secondary: secondaryCitations(citations, sources),
  };
}

const names = (source: Source | undefined, key: string) => (source ? source.citeName : key);

/** How each style cites a work read through another, in the text. */
function secondaryCitations(citations: Citation[], sources: Map<string, Source>): Styled<string>[] {
  const seen = new Set<string>();
  return citations.flatMap((citation) => {
    if (!citation.via || seen.has(`${citation.key} ${citation.via}`)) return [];
    seen.add(`${citation.key} ${citation.via}`);
    const original = sources.get(citation.key);
    const via = sources.get(citation.via);
    const originalName = names(original, citation.key);
    const viaName = names(via, citation.via);
    return [
      {
        apa: `(${originalName.replace(/ and /g, " & ")}, ${original?.year ?? "n.d."}, as cited in ${viaName.replace(/ and /g, " & ")}, ${via?.year ?? "n.d."})`,
        chicago: `(${originalName} ${original?.year ?? "n.d."}, quoted in ${viaName} ${via?.year ?? "n.d."})`,
        mla: `(${originalName}, qtd. in ${viaName})`,
      },
    ];
  });
}

export function citeClaim(claim: Claim, perspectiveName: string, debateTitle: string, sources: Map<string, Source>, url: string) {
  const restsOn = worksOf(claim.evidence, sources, new Set());
  const against = worksOf(claim.counterEvidence, sources, restsOn.keys);
  return {
    claim: claimEntry(claim, perspectiveName, debateTitle, url),
    restsOn: { entries: restsOn.entries, secondary: restsOn.secondary, bibtex: restsOn.bibtex },
    against: { entries: against.entries, secondary: against.secondary, bibtex: against.bibtex },
  };
}
