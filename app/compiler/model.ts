/**
 * The compiled model: plain, JSON-safe objects tagged with `type`, each with the
 * place in the source it came from. Objects refer to each other by id, never by
 * reference, so the model serializes as it is (see `npm run -s export`).
 */

export const MODEL_VERSION = 2;

export const STANCES = ["yes", "no", "mixed", "not-addressed"] as const;
export type Stance = (typeof STANCES)[number];
/** A claim always answers its question; only a whole section may be silent. */
export const CLAIM_STANCES = ["yes", "no", "mixed"] as const satisfies readonly Stance[];

export const ITEM_KINDS = [
  "statistic",
  "study",
  "law-or-policy",
  "testimony",
  "expert-opinion",
  "normative-argument",
  "historical",
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/**
 * Review flags: what the editors know about how a claim or item rests on the
 * sources, kept as data so the prose can speak for the viewpoint. Each flag's
 * text is what readers see when they ask what a badge means.
 */
export const FLAGS = {
  "stance-inferred": {
    label: "Stance inferred",
    description: "The sources do not state this viewpoint's answer; it is read from the viewpoint's other positions.",
    tally: "stances are inferred",
  },
  "via-critics": {
    label: "Via critics",
    description: "The view is known only through its critics' account of it.",
    tally: "are known only through critics",
  },
  unsourced: {
    label: "Unsourced",
    description: "The document that reports this gives no source for it.",
    tally: "are unsourced in their document",
  },
  "citation-needed": {
    label: "Citation needed",
    description: "The document itself flags this statement as needing a citation.",
    tally: "are marked \"citation needed\" in their document",
  },
  "single-source": {
    label: "Single source",
    description: "Only one of the source documents reports this.",
    tally: "rest on a single source",
  },
} as const;
export type Flag = keyof typeof FLAGS;

export interface SourcePosition {
  /** Path relative to the content folder, e.g. `abolitionist.md`. */
  file: string;
  line: number;
  column: number;
}

export interface Citation {
  key: string;
  /** Where in the work: a section path (`A › B`) or a page. */
  locator?: string;
  /** A short phrase, copied from the work, that finds the passage. */
  phrase?: string;
  /** The source document that reports the cited work. */
  via?: string;
}

/** The works a citation names: the cited work and, if any, the document that reports it. */
export function citedKeys(citation: Citation): string[] {
  return citation.via ? [citation.key, citation.via] : [citation.key];
}

/** A Wikipedia article, known by its address or by the work it appears in. */
export function isWikipedia(source: Pick<Source, "url" | "publisher" | "container">): boolean {
  if (source.url && URL.canParse(source.url)) {
    const host = new URL(source.url).hostname;
    if (host === "wikipedia.org" || host.endsWith(".wikipedia.org")) return true;
  }
  return /\bwikipedia\b/i.test(source.publisher ?? source.container ?? "");
}

export interface Item {
  type: "evidence" | "counter-evidence";
  kind: ItemKind;
  /** Plain text, citations removed. */
  text: string;
  /** Sanitized HTML of the text, citations removed. */
  html: string;
  citations: Citation[];
  flags: Flag[];
  /** The claim (in another viewpoint) this item comes from. */
  claim?: string;
  position: SourcePosition;
}

export interface Claim {
  type: "claim";
  id: string;
  perspective: string;
  topic: string;
  title: string;
  stance: Exclude<Stance, "not-addressed">;
  flags: Flag[];
  statement: string;
  explanationHtml: string;
  evidence: Item[];
  counterEvidence: Item[];
  /** Claims whose counter-evidence links to this one: the claims it is raised against. */
  contestedBy: string[];
  position: SourcePosition;
}

/** A viewpoint's overall answer to one question. */
export interface Position {
  type: "position";
  topic: string;
  stance: Stance;
  /** True when the file states it; false when it is derived from the claims. */
  declared: boolean;
  flags: Flag[];
  noteHtml: string;
  position: SourcePosition;
}

export interface Perspective {
  type: "perspective";
  id: string;
  name: string;
  summary: string;
  tradition: string;
  proponents: string[];
  policy: string;
  overviewHtml: string;
  positions: Position[];
  claims: Claim[];
  position: SourcePosition;
}

export interface Topic {
  type: "topic";
  id: string;
  title: string;
  question: string;
  framing: string;
  framingHtml: string;
  position: SourcePosition;
}

export interface Source {
  type: "source";
  key: string;
  /** CSL type, e.g. `article-journal`, `book`, `webpage`. */
  kind: string;
  title: string;
  author: string;
  /**
   * How an in-text citation names the work: the authors' family names ("Smith
   * and Lee", "Smith et al."), or its title where there is no author or the
   * names and year would not tell it from another work.
   */
  citeName: string;
  year: string;
  container?: string;
  publisher?: string;
  url?: string;
  note?: string;
  /** The entry as written in references.bib. */
  bibtex: string;
  /** The entry as CSL-JSON, for formatting citations. */
  csl: Record<string, unknown>;
  /** The entry in each citation style, formatted at compile time. */
  references?: References;
}

/** The citation styles every work is formatted in at compile time (compiler/citations-format.ts). */
export const CITATION_STYLES = ["apa", "chicago", "mla"] as const;
export type CitationStyle = (typeof CITATION_STYLES)[number];
export const STYLE_LABELS: Record<CitationStyle, string> = { apa: "APA", chicago: "Chicago", mla: "MLA" };

export interface FormattedReference {
  /** The entry as HTML (titles in `<i>`), for rich-text copying. */
  html: string;
  text: string;
  /** Position in the style's sorted list of all works. */
  rank: number;
}

export type References = Record<CitationStyle, FormattedReference>;

export interface GlossaryTerm {
  type: "term";
  id: string;
  term: string;
  aliases: string[];
  definition: string;
  definitionHtml: string;
  citations: Citation[];
  position: SourcePosition;
}

export interface Debate {
  version: typeof MODEL_VERSION;
  title: string;
  description: string;
  contentNote?: string;
  topics: Topic[];
  perspectives: Perspective[];
  sources: Source[];
  glossary: GlossaryTerm[];
}
