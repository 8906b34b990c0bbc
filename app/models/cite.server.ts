/**
 * "Cite this claim": the claim's permalink and the works it cites, in APA
 * (citation-js's CSL template), Chicago author-date, and BibTeX as written in
 * references.bib.
 */
import { Cite } from "@citation-js/core";
import "@citation-js/plugin-csl";
import type { CslItem, CslName } from "~/compiler/bibliography";
import { citedKeys, type Claim, type Source } from "~/compiler/model";

function chicagoNames(names: CslName[] = []): string {
  const formatted = names.map((name, index) => {
    if (name.literal) return name.literal;
    return index === 0 ? [name.family, name.given].filter(Boolean).join(", ") : [name.given, name.family].filter(Boolean).join(" ");
  });
  if (formatted.length <= 1) return formatted.join("");
  return `${formatted.slice(0, -1).join(", ")}, and ${formatted[formatted.length - 1]}`;
}

const endWithPeriod = (text: string) => (/[.?!]$/.test(text) ? text : `${text}.`);

/** One entry in Chicago author-date reference-list form, as plain text. */
function chicagoEntry(item: CslItem): string {
  const year = item.issued?.["date-parts"]?.[0]?.[0] ?? item.issued?.literal ?? "n.d.";
  const parts = [endWithPeriod(chicagoNames(item.author)), endWithPeriod(String(year))];
  const isBook = item.type === "book" || item.type === "report";
  if (isBook) parts.push(endWithPeriod(item.title ?? ""));
  else parts.push(`“${endWithPeriod(item.title ?? "")}”`);
  if (item["container-title"]) {
    let container = item["container-title"];
    if (item.volume) container += ` ${item.volume}`;
    if (item.issue) container += ` (${item.issue})`;
    if (item.page) container += `: ${item.page.replace("-", "–")}`;
    parts.push(endWithPeriod(container));
  }
  if (item.publisher) parts.push(endWithPeriod([item["publisher-place"], item.publisher].filter(Boolean).join(": ")));
  if (item.URL) parts.push(`${item.URL}.`);
  return parts.join(" ");
}

function apaEntry(item: CslItem): string {
  return new Cite(item).format("bibliography", { format: "text", template: "apa", lang: "en-US" }).trim();
}

/**
 * APA entries, formatted once per work or claim: citeproc takes milliseconds
 * an entry. A claim page's address depends on the request, so its entry is
 * kept with a placeholder for the URL.
 */
const apaCache = new Map<string, string>();
const URL_PLACEHOLDER = "https://counterpoint.invalid/url";

function cachedApa(cacheKey: string, item: CslItem): string {
  let entry = apaCache.get(cacheKey);
  if (entry === undefined) {
    entry = apaEntry(item);
    apaCache.set(cacheKey, entry);
  }
  return entry;
}

export function citeClaim(claim: Claim, perspectiveName: string, debateTitle: string, sources: Map<string, Source>, url: string) {
  const keys = [
    ...new Set(
      [...claim.evidence, ...claim.counterEvidence].flatMap((item) =>
        item.citations.flatMap(citedKeys),
      ),
    ),
  ].sort();
  const works = keys.map((key) => sources.get(key)).filter((source): source is Source => source !== undefined);
  const page: CslItem = {
    id: claim.id,
    type: "webpage",
    title: `${claim.title} (${perspectiveName})`,
    author: [{ literal: "Counterpoint" }],
    "container-title": debateTitle,
    issued: { literal: "n.d." },
    URL: url,
  };
  const items = works.map((source) => ({ ...source.csl, id: source.key }) as CslItem);
  return {
    apa: {
      claim: cachedApa(`claim:${claim.id}`, { ...page, URL: URL_PLACEHOLDER }).replace(URL_PLACEHOLDER, url),
      works: works.map((source) => cachedApa(`source:${source.key}`, { ...source.csl, id: source.key } as CslItem)),
    },
    chicago: { claim: chicagoEntry(page), works: items.map(chicagoEntry) },
    bibtex: works.map((source) => source.bibtex).join("\n\n"),
  };
}
