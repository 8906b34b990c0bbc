import { citedKeys, FLAGS, isWikipedia, type Citation, type Flag, type Source } from "~/compiler/model";
import type { Index } from "./content.server";
import { DEBATE_FORMATS } from "./exports/index.server";

/**
 * The edition of the content this build serves. It is the one statement the
 * About page cannot read off the model, so it is kept here, beside the code
 * that shows it, and changed when a new edition of the content lands.
 */
export const EDITION = { name: "Second edition", date: "December 2026" };

/** Wikipedia's text is licensed CC BY-SA 4.0, and an adaptation of it must carry the same licence. */
const WIKIPEDIA_LICENCE = { name: "CC BY-SA 4.0", url: "https://creativecommons.org/licenses/by-sa/4.0/" };

export interface AboutDocument {
  key: string;
  title: string;
  author: string;
  publisher?: string;
  url?: string;
  note?: string;
  wikipedia: boolean;
  /** When the copy the content is written from was taken, where the bibliography records it. */
  captured?: string;
  /** How many citations name the document, directly or as the one that reports a work. */
  citations: number;
}

export interface AboutFlag {
  id: Flag;
  label: string;
  description: string;
}

type Content = Pick<Index, "debate" | "sources" | "claims">;

const cache = new WeakMap<Content, ReturnType<typeof buildAbout>>();

/** What the About page shows: the documents, how works are cited through them, the flags, the edition and the licence. */
export function aboutPage(content: Content) {
  let about = cache.get(content);
  if (!about) {
    about = buildAbout(content);
    cache.set(content, about);
  }
  return about;
}


/** A CSL date as the bibliography gives it: a literal, or date parts. */
function cslDate(value: unknown): string | undefined {
  if (!value || typeof value !== "object") return undefined;
  const date = value as { literal?: string; "date-parts"?: number[][] };
  if (date.literal) return date.literal;
  const parts = date["date-parts"]?.[0];
  if (!parts?.length) return undefined;
  const [year, month, day] = parts;
  return new Date(Date.UTC(year!, (month ?? 1) - 1, day ?? 1)).toLocaleDateString("en-GB", {
    timeZone: "UTC",
    year: "numeric",
    ...(month ? { month: "long" } : {}),
    ...(day ? { day: "numeric" } : {}),
  });
}

function buildAbout({ debate, sources, claims }: Content) {
  const citations: Citation[] = [
    ...[...claims.values()].flatMap((claim) => [...claim.evidence, ...claim.counterEvidence].flatMap((item) => item.citations)),
    ...debate.glossary.flatMap((term) => term.citations),
  ];
  // The documents are what the content is written from: the works cited on
  // their own, and those through which other works are cited.
  const documentKeys = new Set(citations.map((citation) => citation.via ?? citation.key));
  const uses = new Map<string, number>();
  for (const citation of citations) {
    for (const key of citedKeys(citation)) uses.set(key, (uses.get(key) ?? 0) + 1);
  }
  const documents: AboutDocument[] = debate.sources
    .filter((source) => documentKeys.has(source.key))
    .map((source) => ({
      key: source.key,
      title: source.title,
      author: source.author,
      ...(source.publisher ? { publisher: source.publisher } : {}),
      ...(source.url ? { url: source.url } : {}),
      ...(source.note ? { note: source.note } : {}),
      wikipedia: isWikipedia(source),
      ...(cslDate(source.csl.accessed) ? { captured: cslDate(source.csl.accessed) } : {}),
      citations: uses.get(source.key) ?? 0,
    }))
    .sort((a, b) => Number(b.wikipedia) - Number(a.wikipedia) || b.citations - a.citations);

  // A reported work cited most often, to show a student how to cite one.
  const reported = new Map<string, { work: string; document: string; count: number }>();
  for (const citation of citations) {
    if (!citation.via) continue;
    const entry = reported.get(citation.key) ?? { work: citation.key, document: citation.via, count: 0 };
    entry.count++;
    reported.set(citation.key, entry);
  }
  const top = [...reported.values()].sort((a, b) => b.count - a.count)[0];
  const work = top && sources.get(top.work);
  const document = top && sources.get(top.document);
  const example =
    work && document
      ? `(${work.citeName}, ${work.year}, as cited in ${isWikipedia(document) ? `“${document.title}”, Wikipedia` : document.citeName}, ${document.year})`
      : undefined;

  const flags: AboutFlag[] = (Object.keys(FLAGS) as Flag[]).map((id) => ({ id, ...FLAGS[id] }));
  const wikipedia = documents.filter((candidate) => candidate.wikipedia);

  return {
    title: debate.title,
    edition: EDITION,
    counts: { perspectives: debate.perspectives.length, topics: debate.topics.length, claims: claims.size },
    documents,
    wikipediaCount: wikipedia.length,
    reportedWorks: reported.size,
    example,
    flags,
    licence: wikipedia.length > 0 ? { ...WIKIPEDIA_LICENCE, from: wikipedia.map(({ title, url }) => ({ title, url })) } : undefined,
    guide: "perspectives/README.md",
    formats: Object.values(DEBATE_FORMATS).map(({ name, description, path, filename }) => ({ name, description, path, filename })),
  };
}
