/**
 * What a page shows, and nothing more: a page's loader assembles its view
 * model here, resolving every name, colour and citation it needs, so no
 * lookup table of the whole debate travels with it. Source positions, raw
 * text and everything the page does not show stay on the server.
 */
import { citedKeys, isWikipedia, type Citation, type Claim, type Item, type Source } from "~/compiler/model";
import { viewpointHue } from "~/lib/labels";
import { passageUrl } from "~/lib/urls";
import type { Index } from "./content-index";

/** A viewpoint's name and colour, sent beside anything that belongs to it. */
export interface ViewpointTag {
  id: string;
  name: string;
  hue: number;
}

export interface ClaimLink {
  id: string;
  title: string;
  topic: string;
  viewpoint: ViewpointTag;
}

export interface CitationView {
  key: string;
  /** "Author (Year)", or the key when the work is unknown. */
  label: string;
  via?: { key: string; label: string };
  locator?: string;
  phrase?: string;
  /** Opens the work at the quoted passage, where it is online. */
  passage?: string;
}

export interface ItemView {
  type: Item["type"];
  kind: Item["kind"];
  flags: Item["flags"];
  html: string;
  citations: CitationView[];
  claim?: ClaimLink;
}

export interface ClaimView {
  id: string;
  title: string;
  stance: Claim["stance"];
  flags: Claim["flags"];
  statement: string;
  /** The question the stance answers. */
  question: string;
  explanationHtml: string;
  viewpoint: ViewpointTag;
  evidence: ItemView[];
  counterEvidence: ItemView[];
  contestedBy: ClaimLink[];
}

/**
 * A reference-list entry, for the sources printed with a page: the APA entry
 * as HTML, formatted at compile time, or the parts of a work that has none.
 */
export type SourceEntry =
  | { key: string; apa: string }
  | { key: string; author: string; year: string; title: string; container?: string; url?: string };

const TERM_LINK = /<a class="term" href="\/glossary#([^"]*)"[^>]*>(.*?)<\/a>/g;

/**
 * Builds one page's view model in the order the page shows it, so that a
 * glossary term stays linked at its first use on the page only, and the
 * works the page cites are collected for its printed reference list.
 */
export class PageAssembler {
  private readonly explained = new Set<string>();
  private readonly cited = new Set<string>();
  /** One object per viewpoint, so the page's data names each viewpoint once. */
  private readonly tags = new Map<string, ViewpointTag>();

  constructor(
    readonly content: Index,
    /** Glossary links kept at all: the glossary itself links to no term. */
    private readonly linkTerms = true,
  ) {}

  viewpoint(id: string): ViewpointTag {
    let tag = this.tags.get(id);
    if (!tag) {
      const index = this.content.debate.perspectives.findIndex((perspective) => perspective.id === id);
      tag = { id, name: this.content.perspectives.get(id)?.name ?? id, hue: viewpointHue(Math.max(index, 0)) };
      this.tags.set(id, tag);
    }
    return tag;
  }

  /** Compiled prose, with only the first use of each term on the page left as a link. */
  prose(html: string): string {
    return html.replace(TERM_LINK, (link, id: string, name: string) => {
      if (!this.linkTerms || this.explained.has(id)) return name;
      this.explained.add(id);
      return link;
    });
  }

  claimLink(id: string): ClaimLink | undefined {
    const claim = this.content.claims.get(id);
    if (!claim) return undefined;
    return { id, title: claim.title, topic: claim.topic, viewpoint: this.viewpoint(claim.perspective) };
  }

  /** "Author (Year)"; a Wikipedia article says so, since its title alone reads like any other work's. */
  private label(source: Source | undefined, key: string): string {
    if (!source) return key;
    return isWikipedia(source) ? `${source.citeName} (Wikipedia, ${source.year})` : `${source.citeName} (${source.year})`;
  }

  citation(citation: Citation): CitationView {
    const { sources } = this.content;
    for (const key of citedKeys(citation)) this.cited.add(key);
    const source = sources.get(citation.key);
    const via = citation.via ? sources.get(citation.via) : undefined;
    const passage = passageUrl(via ? via.url : source?.url, citation.phrase);
    return {
      key: citation.key,
      label: this.label(source, citation.key),
      ...(citation.via ? { via: { key: citation.via, label: this.label(via, citation.via) } } : {}),
      ...(citation.locator ? { locator: citation.locator } : {}),
      ...(citation.phrase ? { phrase: citation.phrase } : {}),
      ...(passage ? { passage } : {}),
    };
  }

  private item(item: Item): ItemView {
    const link = item.claim ? this.claimLink(item.claim) : undefined;
    return {
      type: item.type,
      kind: item.kind,
      flags: item.flags,
      html: this.prose(item.html),
      citations: item.citations.map((citation) => this.citation(citation)),
      ...(link ? { claim: link } : {}),
    };
  }

  claim(claim: Claim): ClaimView {
    return {
      id: claim.id,
      title: claim.title,
      stance: claim.stance,
      flags: claim.flags,
      statement: claim.statement,
      question: this.content.topics.get(claim.topic)?.question ?? "",
      explanationHtml: this.prose(claim.explanationHtml),
      viewpoint: this.viewpoint(claim.perspective),
      evidence: claim.evidence.map((item) => this.item(item)),
      counterEvidence: claim.counterEvidence.map((item) => this.item(item)),
      contestedBy: claim.contestedBy.map((id) => this.claimLink(id)).filter((link): link is ClaimLink => link !== undefined),
    };
  }

  /** The works cited so far on the page, as a reference list. */
  sources(): SourceEntry[] {
    return [...this.cited]
      .map((key) => this.content.sources.get(key))
      .filter((source): source is Source => source !== undefined)
      .sort((a, b) => (a.references?.apa.rank ?? 0) - (b.references?.apa.rank ?? 0) || a.citeName.localeCompare(b.citeName))
      .map(({ key, author, year, title, container, url, references }) =>
        references ? { key, apa: references.apa.html } : { key, author, year, title, ...(container ? { container } : {}), ...(url ? { url } : {}) },
      );
  }
}
