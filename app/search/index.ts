/**
 * Search across the debate: one MiniSearch document per claim, holding its
 * title, statement, explanation, evidence and counter-evidence (each item with
 * the authors and titles of the works it cites) and viewpoint. Glossary terms
 * widen a query to their aliases. Built once per content; pure, so the benchmark and the tests
 * build it from any debate.
 *
 * MiniSearch tokenizes, indexes and scores (BM25 with field boosts). Each
 * indexed term's scores are read out of it once, when the index is built, into
 * typed arrays; a query expands its words through MiniSearch's radix tree
 * (prefixes, typos) and adds up those scores the way MiniSearch's own search
 * would. MiniSearch's search builds a result object for every match, which for
 * a word found in most of 10,000 claims costs tens of milliseconds; adding
 * numbers in arrays costs a fraction of one. See decision 009.
 */
import MiniSearch from "minisearch";
import SearchableMap from "minisearch/SearchableMap";
import { htmlText } from "../compiler/html-text";
import { citedKeys, type Claim, type Debate, type Item } from "../compiler/model";

const FIELDS = ["title", "statement", "explanation", "evidence", "counter", "viewpoint"] as const;
export type SearchField = (typeof FIELDS)[number];

export interface ClaimDocument extends Record<SearchField, string> {
  id: string;
  /** The works its items cite, never shown: the evidence and counter-evidence show each beside its item. */
  works: string;
}

/** English plurals (Harman's S-stemmer), for words of five letters or more: "raids" finds "raid" with no typo allowance. */
const PLURALS: Array<[RegExp, string]> = [
  [/([^ae])ies$/, "$1y"],
  [/([^aeo])es$/, "$1e"],
  [/([^us])s$/, "$1"],
];

/** British spellings, folded into American ones; plurals are already gone. */
const SPELLINGS: Array<[RegExp, string]> = [
  [/isation$/, "ization"],
  [/is(e|ed|ing|er)$/, "iz$1"],
  [/yse(d)?$/, "yze$1"],
  [/([a-z]{2,})our(ed|ing|er|able)?$/, "$1or$2"],
  [/^programme(d)?$/, "program$1"],
  [/([^aeiou])tre$/, "$1ter"],
  [/^(defen|offen|licen|preten)ce$/, "$1se"],
  [/([aeiou][bcdfgklmnprstvz])l(ed|ing|er)$/, "$1$2"],
];

function fold(term: string): string {
  let word = term.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/['’]s?$/, "");
  if (word.length < 4) return word;
  if (word.length >= 5) {
    const plural = PLURALS.find(([pattern]) => pattern.test(word));
    if (plural) word = word.replace(plural[0], plural[1]);
  }
  for (const [pattern, replacement] of SPELLINGS) word = word.replace(pattern, replacement);
  return word;
}

/**
 * Words repeat: a corpus of 10,000 claims has a few thousand distinct ones, so
 * each is folded once. Queries bring arbitrary words, so the memory is bounded
 * (and simply starts again when full).
 */
const folded = new Map<string, string>();
const FOLDED_LIMIT = 100_000;

/**
 * Lower case, without diacritics, singular, with British spellings folded into
 * American ones ("decriminalisations" → "decriminalization", "labour" →
 * "labor"). Both sides of the search go through it, so a fold only has to be
 * consistent, not a real dictionary form.
 */
export function normalizeTerm(term: string): string {
  let word = folded.get(term);
  if (word === undefined) {
    if (folded.size >= FOLDED_LIMIT) folded.clear();
    word = fold(term);
    folded.set(term, word);
  }
  return word;
}

const STOP_WORDS = new Set(["a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on", "or", "that", "the", "to", "with"]);

/** Words as the index sees them: letters and digits, hyphenated words split. */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

export function tokenize(text: string): string[] {
  return text.match(WORD) ?? [];
}

function processTerm(term: string): string | null {
  const word = normalizeTerm(term);
  return word.length === 0 || STOP_WORDS.has(word) ? null : word;
}

/**
 * An item as search reads it: its text, then the works it cites, e.g. "… [Melissa
 * Ditmore and Juhu Thukral, Accountability and the Use of Raids to Fight
 * Trafficking]". An author's name then finds the claims with an item citing
 * them, and the snippet shows that item beside the work.
 */
function itemText(item: Item, works: Map<string, string>): string {
  const cited = citedWorks([item], works);
  return cited.length > 0 ? `${item.text} [${cited.join("; ")}]` : item.text;
}

const citedWorks = (items: Item[], works: Map<string, string>) => [...new Set(items.flatMap((item) => item.citations.flatMap(citedKeys)))].flatMap((key) => works.get(key) ?? []);

/** What search reads of a claim, as plain text on one line (snippets are cut from it); `works` names each cited work by its key. */
export function claimDocument(claim: Claim, debate: Pick<Debate, "perspectives">, works: Map<string, string>): ClaimDocument {
  const perspective = debate.perspectives.find((p) => p.id === claim.perspective);
  const line = (text: string) => text.replace(/\s+/g, " ").trim();
  return {
    id: claim.id,
    title: line(claim.title),
    statement: line(claim.statement),
    explanation: line(htmlText(claim.explanationHtml)),
    evidence: line(claim.evidence.map((item) => itemText(item, works)).join(" ")),
    counter: line(claim.counterEvidence.map((item) => itemText(item, works)).join(" ")),
    viewpoint: perspective ? line(`${perspective.name}. ${perspective.summary}`) : "",
    works: line(citedWorks([...claim.evidence, ...claim.counterEvidence], works).join(" ")),
  };
}

/**
 * The fields MiniSearch indexes: the body is the explanation, evidence and
 * counter-evidence, with the works they cite; the meta the viewpoint and, once
 * more, the works, so that the claims citing an author rank above those that
 * only name them.
 */
const INDEXED = ["title", "statement", "body", "meta"] as const;

export interface Match {
  id: string;
  /** The claim's number (see Matches). */
  claim: number;
  score: number;
}

/** Where a field's text holds words the query reached: [start, end) character ranges, in order. */
export type Marks = Array<[number, number]>;

/**
 * Every claim a query matches. Claims go by number, their position in
 * `SearchIndex.ids` (the debate's order), so callers can keep per-claim
 * tables in arrays.
 */
export interface Matches {
  /** The matching claims, in no particular order. */
  claims: number[];
  /** The words of a claim's field that the query reached (its own, prefix completions, typo corrections, aliases): what to highlight. */
  marks(claim: number, field: SearchField): Marks;
  /** The `limit` best matches that `keep` accepts, best first; equal scores keep the debate's order. */
  best(limit: number, keep?: (claim: number) => boolean): Match[];
}

export interface SearchIndex {
  /** Each claim's id, by number, in the debate's order. */
  ids: string[];
  documents: Map<string, ClaimDocument>;
  match(query: string): Matches;
  /** The best `limit` matches, best first. */
  search(query: string, limit?: number): Match[];
}

const BOOST = { title: 3, statement: 2, meta: 1.2 };
/** MiniSearch's own weights for a prefix completion and a typo correction (its `weights` defaults). */
const WEIGHT = { prefix: 0.375, fuzzy: 0.45 };

/** One indexed word's matches: claim numbers and the word's score in each. */
interface Postings {
  /** The word's number in the vocabulary. */
  term: number;
  docs: Uint32Array;
  scores: Float64Array;
}

/**
 * A claim's words, field after field (in FIELDS order): each word's vocabulary
 * number (-1 for one not indexed) and where it is, so highlighting a result
 * reads numbers instead of folding its words again.
 */
interface Words {
  term: Int32Array;
  start: Uint32Array;
  end: Uint32Array;
  /** Where each field's words begin, and the end of the last. */
  fieldStart: Uint32Array;
}

/** An indexed word a query word reached, and the weight of its scores. */
interface Reached {
  postings: Postings;
  weight: number;
}

/** A word of a query as the search looks it up. */
interface TermSpec {
  term: string;
  prefix: boolean;
  /** Edit distance allowed; 0 for none. */
  fuzzy: number;
}

/** A glossary name's words, normalized, for finding it inside a query. */
const phraseOf = (name: string) => tokenize(name).map(normalizeTerm).join(" ");

const NO_MATCHES: Matches = { claims: [], marks: () => [], best: () => [] };

export function buildSearchIndex(debate: Pick<Debate, "perspectives" | "sources" | "glossary">): SearchIndex {
  const works = new Map(debate.sources.map((source) => [source.key, [source.author, source.title].filter(Boolean).join(", ")]));
  const documents = new Map<string, ClaimDocument>();
  for (const perspective of debate.perspectives) {
    for (const claim of perspective.claims) documents.set(claim.id, claimDocument(claim, debate, works));
  }
  const ids = [...documents.keys()];
  const numberOf = new Map(ids.map((id, number) => [id, number]));

  const vocabulary = new Set<string>();
  // Four indexed fields, not six: the boosts only set the title and the statement apart.
  const miniSearch = new MiniSearch<ClaimDocument>({
    fields: [...INDEXED],
    extractField: (document, field) =>
      field === "body"
        ? `${document.explanation} ${document.evidence} ${document.counter}`
        : field === "meta"
          ? `${document.viewpoint} ${document.works}`
          : document[field as SearchField],
    storeFields: [],
    tokenize,
    processTerm: (term) => {
      const word = processTerm(term);
      if (word) vocabulary.add(word);
      return word;
    },
  });
  miniSearch.addAll([...documents.values()]);
  const postings = new SearchableMap<Postings>();
  const termNumber = new Map<string, number>();
  for (const term of vocabulary) {
    const results = miniSearch.search(term, { boost: BOOST, tokenize: (text) => [text], processTerm: (word) => word });
    termNumber.set(term, termNumber.size);
    postings.set(term, {
      term: termNumber.size - 1,
      docs: Uint32Array.from(results, (result) => numberOf.get(String(result.id))!),
      scores: Float64Array.from(results, (result) => result.score),
    });
  }
  const words: Words[] = [...documents.values()].map((document) => {
    const term: number[] = [];
    const start: number[] = [];
    const end: number[] = [];
    const fieldStart: number[] = [];
    for (const field of FIELDS) {
      fieldStart.push(term.length);
      for (const match of document[field].matchAll(WORD)) {
        term.push(termNumber.get(normalizeTerm(match[0])) ?? -1);
        start.push(match.index);
        end.push(match.index + match[0].length);
      }
    }
    fieldStart.push(term.length);
    return { term: Int32Array.from(term), start: Uint32Array.from(start), end: Uint32Array.from(end), fieldStart: Uint32Array.from(fieldStart) };
  });

  // Each glossary name leads to the term's other names.
  const synonyms = new Map<string, string[]>();
  for (const term of debate.glossary) {
    const names = [...new Set([term.term, ...term.aliases].map(phraseOf).filter(Boolean))];
    for (const name of names) synonyms.set(name, [...new Set([...(synonyms.get(name) ?? []), ...names.filter((other) => other !== name)])]);
  }

  /**
   * The reader's words allow typos when the index does not know them (a known
   * word is taken as meant: "police" does not also find "policy") and, for the last
   * word, the one being typed, prefixes. A glossary alias is spelled right and
   * complete, so its words are looked up as they are.
   */
  const readerTerm = (term: string, last: boolean): TermSpec => ({
    term,
    prefix: last && term.length >= 3,
    fuzzy: postings.has(term) ? 0 : term.length >= 8 ? 2 : term.length >= 5 ? 1 : 0,
  });
  const specs = (words: Array<{ word: string; last: boolean; alias: boolean }>) =>
    words.filter(({ word }) => word.length > 0 && !STOP_WORDS.has(word)).map(({ word, last, alias }) => (alias ? { term: word, prefix: false, fuzzy: 0 } : readerTerm(word, last)));

  /** The query as it was typed, and once per glossary name in it with each other name of the term in its place. */
  function variants(query: string): TermSpec[][] {
    const words = tokenize(query).map(normalizeTerm);
    const reader = words.map((word, index) => ({ word, last: index === words.length - 1, alias: false }));
    const all = [specs(reader)];
    const phrase = ` ${words.join(" ")} `;
    for (const [name, others] of synonyms) {
      const at = phrase.indexOf(` ${name} `);
      if (at < 0) continue;
      const start = phrase.slice(0, at).split(" ").length - 1;
      const length = name.split(" ").length;
      for (const other of others) {
        const alias = other.split(" ").map((word) => ({ word, last: false, alias: true }));
        all.push(specs([...reader.slice(0, start), ...alias, ...reader.slice(start + length)]));
      }
    }
    return all;
  }

  /** The indexed words a query word reaches, each with its weight, as MiniSearch weighs them. */
  function expand(spec: TermSpec): Reached[] {
    const found: Reached[] = [];
    const exact = postings.get(spec.term);
    if (exact) found.push({ postings: exact, weight: 1 });
    const completions = spec.prefix ? postings.atPrefix(spec.term) : undefined;
    if (completions) {
      for (const [term, data] of completions) {
        const distance = term.length - spec.term.length;
        if (distance > 0) found.push({ postings: data, weight: (WEIGHT.prefix * term.length) / (term.length + 0.3 * distance) });
      }
    }
    if (spec.fuzzy > 0) {
      for (const [term, [data, distance]] of postings.fuzzyGet(spec.term, spec.fuzzy)) {
        if (distance > 0 && !(spec.prefix && term.startsWith(spec.term))) found.push({ postings: data, weight: (WEIGHT.fuzzy * term.length) / (term.length + distance) });
      }
    }
    return found;
  }

  // Scratch space for one query at a time (a search runs to the end without yielding).
  const count = ids.length;
  const termStamp = new Uint32Array(count);
  const variantStamp = new Uint32Array(count);
  const termsHit = new Uint16Array(count);
  const variantScore = new Float64Array(count);
  const queryStamp = new Uint32Array(count);
  let stamp = 0;

  /**
   * Scores one variant and hands each claim it matches to `onMatch`: all its
   * words must match (AND), or, with `any`, at least one (OR). A word adds each
   * reached word's score times its weight. Under AND, words are taken rarest
   * first and a claim that missed an earlier word is skipped, so a common word
   * never scores claims that cannot match.
   */
  function score(variant: Reached[][], any: boolean, onMatch: (doc: number, score: number, words: number) => void) {
    const ordered = variant.map((reached) => ({ reached, size: reached.reduce((sum, { postings }) => sum + postings.docs.length, 0) }));
    if (!any) ordered.sort((a, b) => a.size - b.size);
    const current = ++stamp;
    const touched: number[] = [];
    ordered.forEach(({ reached }, position) => {
      const word = ++stamp;
      for (const { postings: found, weight } of reached) {
        const { docs, scores } = found;
        for (let j = 0; j < docs.length; j++) {
          const doc = docs[j]!;
          if (variantStamp[doc] !== current) {
            if (position > 0 && !any) continue;
            variantStamp[doc] = current;
            variantScore[doc] = 0;
            termsHit[doc] = 0;
            touched.push(doc);
          } else if (!any && termsHit[doc]! < position) continue;
          if (termStamp[doc] !== word) {
            termStamp[doc] = word;
            termsHit[doc] = termsHit[doc]! + 1;
          }
          variantScore[doc] = variantScore[doc]! + weight * scores[j]!;
        }
      }
    });
    for (const doc of touched) if (any || termsHit[doc] === ordered.length) onMatch(doc, variantScore[doc]!, termsHit[doc]!);
  }

  function match(query: string): Matches {
    const all = variants(query);
    if (all[0]!.length === 0) return NO_MATCHES;
    const expanded = all.map((variant) => variant.map(expand));
    const wordsOf = all.map((variant) => new Set(variant.map(({ term }) => term)));
    const totals = new Float64Array(count);
    const first = new Uint32Array(count);
    const joined = new Map<number, Set<string>>();
    const matched: number[] = [];
    const current = ++stamp;
    expanded.forEach((variant, index) =>
      score(variant, false, (doc, value) => {
        if (queryStamp[doc] !== current) {
          queryStamp[doc] = current;
          first[doc] = index;
          matched.push(doc);
        } else joined.set(doc, new Set([...(joined.get(doc) ?? wordsOf[first[doc]!]!), ...wordsOf[index]!]));
        totals[doc] = totals[doc]! + value;
      }),
    );
    let wordsMatched = (doc: number) => (joined.get(doc) ?? wordsOf[first[doc]!]!).size;
    let reached = expanded;
    // A query whose words never all meet in one claim still finds the claims with most of them.
    if (matched.length === 0) {
      const hits = new Uint16Array(count);
      score(expanded[0]!, true, (doc, value, words) => {
        matched.push(doc);
        totals[doc] = value;
        hits[doc] = words;
      });
      wordsMatched = (doc) => hits[doc]!;
      reached = [expanded[0]!];
    }
    // As MiniSearch does, a claim's score is multiplied by the number of the query's words it matched.
    for (const doc of matched) totals[doc] = totals[doc]! * wordsMatched(doc);
    const marked = new Uint8Array(termNumber.size);
    for (const { postings: found } of reached.flat(2)) marked[found.term] = 1;
    return {
      claims: matched,
      marks(claim, field) {
        const { term, start, end, fieldStart } = words[claim]!;
        const position = FIELDS.indexOf(field);
        const marks: Marks = [];
        for (let at = fieldStart[position]!; at < fieldStart[position + 1]!; at++) if (term[at]! >= 0 && marked[term[at]!]) marks.push([start[at]!, end[at]!]);
        return marks;
      },
      best(limit, keep) {
        const kept = keep ? matched.filter(keep) : matched;
        return topOf(kept, totals, limit).map((doc) => ({ id: ids[doc]!, claim: doc, score: totals[doc]! }));
      },
    };
  }

  const matchQuery = (query: string) => (tokenize(query).length === 0 ? NO_MATCHES : match(query));
  return {
    ids,
    documents,
    match: matchQuery,
    search: (query, limit = Infinity) => matchQuery(query).best(limit),
  };
}

/**
 * The `limit` best of `docs` by `scores`, best first, ties in claim order:
 * a heap of the best so far, whose root is the worst of them, so each other
 * claim costs one comparison.
 */
function topOf(docs: number[], scores: Float64Array, limit: number): number[] {
  const better = (a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && a < b);
  const heap: number[] = [];
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j]!, heap[i]!]);
  for (const doc of docs) {
    if (heap.length < limit) {
      heap.push(doc);
      for (let at = heap.length - 1; at > 0 && better(heap[(at - 1) >> 1]!, heap[at]!); at = (at - 1) >> 1) swap(at, (at - 1) >> 1);
    } else if (limit > 0 && better(doc, heap[0]!)) {
      heap[0] = doc;
      for (let at = 0; ; ) {
        const left = 2 * at + 1;
        const right = left + 1;
        let worst = at;
        if (left < heap.length && better(heap[worst]!, heap[left]!)) worst = left;
        if (right < heap.length && better(heap[worst]!, heap[right]!)) worst = right;
        if (worst === at) break;
        swap(at, worst);
        at = worst;
      }
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : 1));
}
