/**
 * Search across the debate: one MiniSearch document per claim, holding its
 * title, statement, explanation, evidence, counter-evidence, viewpoint and the
 * authors and titles of the works it cites. Glossary terms widen a query to
 * their aliases. Built once per content; pure, so the benchmark and the tests
 * build it from any debate.
 */
import MiniSearch, { type Query, type SearchResult } from "minisearch";
import { citedKeys, type Claim, type Debate } from "../compiler/model";

const FIELDS = ["title", "statement", "explanation", "evidence", "counter", "viewpoint", "sources"] as const;
export type SearchField = (typeof FIELDS)[number];

export interface ClaimDocument extends Record<SearchField, string> {
  id: string;
}

/** British spellings, folded into American ones before indexing and querying. */
const SPELLINGS: Array<[RegExp, string]> = [
  [/isation(s?)$/, "ization$1"],
  [/is(e|es|ed|ing|er|ers)$/, "iz$1"],
  [/yse(s|d)?$/, "yze$1"],
  [/([a-z]{2,})our(s|ed|ing|er|ers|able)?$/, "$1or$2"],
  [/^programme(s|d)?$/, "program$1"],
  [/([^aeiou])tre(s)?$/, "$1ter$2"],
  [/^(defen|offen|licen|pretenc)ce(s)?$/, "$1se$2"],
  [/([aeiou][bcdfgklmnprstvz])l(ed|ing|er|ers)$/, "$1$2"],
];

/**
 * Lower case, without diacritics, with British spellings folded into American
 * ones ("decriminalisation" → "decriminalization", "labour" → "labor").
 * Both sides of the search go through it, so a fold only has to be consistent,
 * not a real dictionary form.
 */
export function normalizeTerm(term: string): string {
  let word = term.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/['’]s?$/, "");
  if (word.length < 4) return word;
  for (const [pattern, replacement] of SPELLINGS) word = word.replace(pattern, replacement);
  return word;
}

const STOP_WORDS = new Set(["a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on", "or", "that", "the", "to", "with"]);

/** Words as the index sees them: letters and digits, hyphenated words split. */
export function tokenize(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];
}

function processTerm(term: string): string | null {
  const word = normalizeTerm(term);
  return word.length === 0 || STOP_WORDS.has(word) ? null : word;
}

const stripTags = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'");

export function claimDocument(claim: Claim, debate: Pick<Debate, "perspectives" | "sources">, sourceText: Map<string, string>): ClaimDocument {
  const perspective = debate.perspectives.find((p) => p.id === claim.perspective);
  const keys = new Set([...claim.evidence, ...claim.counterEvidence].flatMap((item) => item.citations.flatMap(citedKeys)));
  return {
    id: claim.id,
    title: claim.title,
    statement: claim.statement,
    explanation: stripTags(claim.explanationHtml).replace(/\s+/g, " ").trim(),
    evidence: claim.evidence.map((item) => item.text).join("\n"),
    counter: claim.counterEvidence.map((item) => item.text).join("\n"),
    viewpoint: perspective ? `${perspective.name}. ${perspective.summary}` : "",
    sources: [...keys].map((key) => sourceText.get(key) ?? "").join("\n"),
  };
}

export interface SearchIndex {
  search(query: string): SearchResult[];
  documents: Map<string, ClaimDocument>;
}

const BOOST = { title: 3, statement: 2, meta: 1.2 };

/** A glossary name's words, normalized, for finding it inside a query. */
const phraseOf = (name: string) => tokenize(name).map(normalizeTerm).join(" ");

export function buildSearchIndex(debate: Pick<Debate, "perspectives" | "sources" | "glossary">): SearchIndex {
  const sourceText = new Map(debate.sources.map((source) => [source.key, `${source.author} ${source.title}`]));
  // Four indexed fields, not seven: scoring costs grow with fields × matches.
  const miniSearch = new MiniSearch<ClaimDocument>({
    fields: ["title", "statement", "body", "meta"],
    extractField: (document, field) =>
      field === "body"
        ? `${document.explanation}\n${document.evidence}\n${document.counter}`
        : field === "meta"
          ? `${document.viewpoint}\n${document.sources}`
          : document[field as SearchField],
    storeFields: [],
    tokenize,
    processTerm,
  });
  const documents = new Map<string, ClaimDocument>();
  for (const perspective of debate.perspectives) {
    for (const claim of perspective.claims) documents.set(claim.id, claimDocument(claim, debate, sourceText));
  }
  miniSearch.addAll([...documents.values()]);

  // Each glossary name leads to the term's other names.
  const synonyms = new Map<string, string[]>();
  for (const term of debate.glossary) {
    const names = [...new Set([term.term, ...term.aliases].map(phraseOf).filter(Boolean))];
    for (const name of names) synonyms.set(name, [...new Set([...(synonyms.get(name) ?? []), ...names.filter((other) => other !== name)])]);
  }

  const options = {
    boost: BOOST,
    // Prefixes for the word being typed (the last); typos allowed in longer words.
    prefix: (term: string, index: number, terms: string[]) => term.length >= 3 && index === terms.length - 1,
    fuzzy: (term: string) => (term.length >= 8 ? 2 : term.length >= 5 ? 1 : false),
  };

  function expand(query: string): Query {
    const phrase = ` ${tokenize(query).map(normalizeTerm).join(" ")} `;
    const variants = new Set([phrase.trim()]);
    for (const [name, others] of synonyms) {
      if (!phrase.includes(` ${name} `)) continue;
      for (const other of others) variants.add(phrase.replace(` ${name} `, ` ${other} `).trim());
    }
    return { combineWith: "OR", queries: [...variants].map((variant) => ({ combineWith: "AND", queries: [variant] })) };
  }

  return {
    documents,
    search(query) {
      if (tokenize(query).length === 0) return [];
      const results = miniSearch.search(expand(query), options);
      // A query whose words never all meet in one claim still finds the claims with most of them.
      return results.length > 0 ? results : miniSearch.search(query, { ...options, combineWith: "OR" });
    },
  };
}
