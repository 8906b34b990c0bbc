/**
 * Formats every work once, at compile time, by citeproc (citation-js's CSL
 * plugin) in three CSL styles vendored in `./csl`: APA 7, Chicago author-date
 * 17 and MLA 9. Each style's reference list order is kept as a rank, so any
 * subset of works (a claim's, a brief's) sorts as that style requires.
 */
import { Cite, plugins } from "@citation-js/core";
import "@citation-js/plugin-csl";
import apa from "./csl/apa";
import chicago from "./csl/chicago-author-date";
import mla from "./csl/modern-language-association";
import { htmlText } from "./html-text";
import { CITATION_STYLES, type CitationStyle, type References, type Source } from "./model";

const TEMPLATES: Record<CitationStyle, string> = {
  apa: "counterpoint-apa",
  chicago: "counterpoint-chicago-author-date",
  mla: "counterpoint-mla",
};

let registered = false;
function registerTemplates() {
  if (registered) return;
  const templates = plugins.config.get("@csl").templates;
  templates.add(TEMPLATES.apa, apa);
  templates.add(TEMPLATES.chicago, chicago);
  templates.add(TEMPLATES.mla, mla);
  registered = true;
}

/** citeproc wraps each entry in a div; the reference itself is its content. */
function entryHtml(html: string): string {
  return html
    .replace(/^\s*<div[^>]*class="csl-entry"[^>]*>/, "")
    .replace(/<\/div>\s*$/, "")
    .trim();
}

type CslInput = Record<string, unknown> & { id: string };

/** The works' entries in each style, keyed by work; one citeproc run per style. */
export function formatReferences(items: CslInput[]): Map<string, References> {
  registerTemplates();
  const result = new Map<string, Partial<References>>();
  if (items.length === 0) return new Map();
  const cite = new Cite(items);
  for (const style of CITATION_STYLES) {
    const options = { template: TEMPLATES[style], lang: "en-US", asEntryArray: true };
    const html = cite.format("bibliography", { ...options, format: "html" }) as unknown as Array<[string, string]>;
    html.forEach(([id, entry], rank) => {
      const clean = entryHtml(entry);
      const references = result.get(id) ?? {};
      references[style] = { html: clean, text: htmlText(clean).replace(/\s+/g, " ").trim(), rank };
      result.set(id, references);
    });
  }
  return result as Map<string, References>;
}

/** Attaches each source's formatted references. */
export function withReferences(sources: Source[], formatted: Map<string, References>): Source[] {
  return sources.map((source) => {
    const references = formatted.get(source.key);
    return references ? { ...source, references } : source;
  });
}

/** Works sorted as `style`'s reference list orders them. */
export function sortForStyle<T extends { references?: References }>(works: T[], style: CitationStyle): T[] {
  return [...works].sort((a, b) => (a.references?.[style].rank ?? 0) - (b.references?.[style].rank ?? 0));
}
