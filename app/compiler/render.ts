/**
 * Stage 5, render: turns the linked drafts into the model, with prose as
 * sanitized HTML (remark-rehype, rehype-sanitize, rehype-stringify) and
 * cross-links rewritten to the app's URLs.
 */
import { createHash } from "node:crypto";
import type { Link, Paragraph, Root, RootContent, Text } from "mdast";
import type { Element } from "hast";
import { toString } from "mdast-util-to-string";
import rehypeSanitize, { defaultSchema, type Options as Schema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkRehype, { defaultHandlers } from "remark-rehype";
import { unified } from "unified";
import type { Bibliography } from "./bibliography";
import type { Linked } from "./link";
import { perspectiveId } from "./link";
import {
  isWikipedia,
  MODEL_VERSION,
  type Citation,
  type Claim,
  type Debate,
  type GlossaryTerm,
  type Item,
  type Perspective,
  type Position,
  type SourcePosition,
  type Topic,
} from "./model";
import type { CitationNode } from "./plugins/remark-citations";
import type { DraftClaim, DraftFile, DraftItem, DraftPerspective, DraftSection, Prose, References } from "./outline";
import { rehypeGlossaryLinks, type GlossaryLinkTerm } from "./plugins/rehype-glossary-links";

/**
 * The sanitizer reads only the first definition of a property, so the
 * citation class joins the default schema's own `className` entry for links.
 */
const schema: Schema = {
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    a: (defaultSchema.attributes?.a ?? []).map((definition) =>
      Array.isArray(definition) && definition[0] === "className" ? [...definition, "citation"] : definition,
    ),
  },
};

/** How prose cites each work: "Author Year", or "Author, Wikipedia, Year" for an article. */
function citationLabels(bibliography: Bibliography): Map<string, string> {
  return new Map(
    bibliography.sources.map((source) => [source.key, isWikipedia(source) ? `${source.citeName}, Wikipedia, ${source.year}` : `${source.citeName} ${source.year}`]),
  );
}

function toHtmlProcessor(labels: Map<string, string>, hrefs: Map<Link, string>, terms: GlossaryLinkTerm[]) {
  return unified()
    .use(remarkRehype, {
      handlers: {
        // Cross-links point at the app's pages, not at the Markdown files.
        link(state, node: Link) {
          const href = hrefs.get(node);
          return defaultHandlers.link(state, href ? { ...node, url: href } : node);
        },
        // Inline citations in prose read "(Author Year)" and link to the source list.
        citation(_state, node: CitationNode) {
          const links = node.citations.flatMap((citation, index): Array<Element | { type: "text"; value: string }> => {
            const label = labels.get(citation.key) ?? citation.key;
            const anchor: Element = {
              type: "element",
              tagName: "a",
              properties: { href: `/sources#${citation.key}`, className: ["citation"] },
              children: [{ type: "text", value: label }],
            };
            return index === 0 ? [anchor] : [{ type: "text", value: "; " }, anchor];
          });
          return [{ type: "text", value: "(" }, ...links, { type: "text", value: ")" }];
        },
      },
    })
    .use(rehypeSanitize, schema)
    .use(rehypeGlossaryLinks, { terms })
    .use(rehypeStringify);
}

/**
 * Copies prose without its citation nodes, and the space they leave before
 * punctuation. The drafts stay untouched (the compiler caches them), and a
 * copied cross-link keeps its app URL.
 */
function withoutCitations(nodes: Prose, hrefs: Map<Link, string>): Prose {
  const copyChildren = (children: readonly RootContent[]): RootContent[] => {
    const copied: RootContent[] = [];
    children.forEach((child, index) => {
      if (child.type !== "citation") {
        copied.push(copyNode(child));
        return;
      }
      const before = copied[copied.length - 1];
      const after = children[index + 1];
      const next = after?.type === "text" ? after.value : "";
      if (before?.type === "text" && (next === "" || /^[.,;:!?)]/.test(next))) {
        copied[copied.length - 1] = { ...before, value: before.value.replace(/\s+$/, "") } satisfies Text;
      }
    });
    return copied;
  };
  const copyNode = (node: RootContent): RootContent => {
    if (!("children" in node)) return node;
    const copy = { ...node, children: copyChildren(node.children) } as RootContent;
    const href = node.type === "link" ? hrefs.get(node) : undefined;
    if (href) hrefs.set(copy as Link, href);
    return copy;
  };
  return copyChildren(nodes);
}

function positionOf(file: { basename?: string }, node: { position?: { start: { line: number; column: number } } }): SourcePosition {
  return { file: file.basename ?? "", line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
}

function citationsOf(references: References): Citation[] {
  return references.citations.flatMap((node) => node.citations);
}

/**
 * Each file's rendered prose, kept across compiles by the file's tree (a
 * cached draft keeps its tree), with the key it was rendered under. Besides
 * the file itself, its prose depends on what other files give it: where its
 * cross-links lead, how works are cited and the glossary; the key holds
 * these, so an edit to one viewpoint re-renders that viewpoint alone.
 */
export type RenderMemo = WeakMap<Root, { key: string; rendered: Map<object, unknown> }>;

const GLOSS_MIN_LENGTH = 60;

/**
 * A term link's title: the definition's opening sentence (or two, if the
 * first is very short). Every page carries one per term it uses, in its HTML
 * and again in its data; the entry the link opens has the rest.
 */
function gloss(definition: string): string {
  let text = "";
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: "sentence" }).segment(definition)) {
    text += segment;
    if (text.trim().length >= GLOSS_MIN_LENGTH) break;
  }
  return text.trim();
}

/** Renders the linked drafts into the model, reusing what `memo` holds. */
export function render(linked: Linked, bibliography: Bibliography, memo: RenderMemo = new WeakMap()): Debate {
  const terms = (linked.glossary?.terms ?? []).map((term) => ({
    id: term.id,
    names: [term.term, ...term.aliases],
    title: gloss(withoutCitations(term.definition, linked.hrefs).map((node) => toString(node)).join(" ").replace(/\s+/g, " ").trim()),
  }));
  const labels = citationLabels(bibliography);
  const processor = toHtmlProcessor(labels, linked.hrefs, terms);
  const html = (nodes: Prose): string =>
    nodes.length === 0 ? "" : processor.stringify(processor.runSync({ type: "root", children: nodes }));

  const shared = createHash("sha1").update(JSON.stringify([[...labels], terms])).digest("base64url");
  /** Renders each part of `draft` once while its key holds; the parts are strings, the model around them is new each time. */
  const renderedIn = (draft: DraftFile) => {
    const targets = draft.references.urls.map((node) => (node.type === "link" ? linked.hrefs.get(node) ?? "" : ""));
    const key = `${shared} ${targets.join(" ")}`;
    let entry = memo.get(draft.tree);
    if (entry?.key !== key) {
      entry = { key, rendered: new Map() };
      memo.set(draft.tree, entry);
    }
    const rendered = entry.rendered;
    return <T>(part: object, make: () => T): T => {
      if (!rendered.has(part)) rendered.set(part, make());
      return rendered.get(part) as T;
    };
  };
  type Once = ReturnType<typeof renderedIn>;

  const renderItem = (draft: DraftPerspective, once: Once, item: DraftItem, claim: string | undefined): Item => {
    const { text, html: itemHtml } = once(item, () => {
      const body = withoutCitations(item.body, linked.hrefs);
      return { text: body.map((node) => toString(node)).join("\n").replace(/\s+/g, " ").trim(), html: html(body) };
    });
    return {
      type: item.type,
      kind: item.kind,
      flags: item.flags,
      text,
      html: itemHtml,
      citations: citationsOf(item.references),
      ...(claim ? { claim } : {}),
      position: positionOf(draft.file, item.node),
    };
  };

  const renderClaim = (draft: DraftPerspective, once: Once, claim: DraftClaim): Claim => {
    const { statement, explanationHtml } = once(claim, () => ({
      statement: toString(withoutCitations([claim.statement], linked.hrefs)[0] as Paragraph).replace(/\s+/g, " ").trim(),
      explanationHtml: html(claim.explanation),
    }));
    return {
      type: "claim",
      id: claim.id,
      perspective: perspectiveId(draft),
      topic: claim.topic,
      title: claim.title,
      stance: claim.stance,
      flags: claim.flags,
      statement,
      explanationHtml,
      evidence: claim.evidence.map((item) => renderItem(draft, once, item, linked.itemClaim.get(item))),
      counterEvidence: claim.counterEvidence.map((item) => renderItem(draft, once, item, linked.itemClaim.get(item))),
      contestedBy: linked.contestedBy.get(claim.id) ?? [],
      position: positionOf(draft.file, claim.heading),
    };
  };

  const renderPosition = (draft: DraftPerspective, once: Once, section: DraftSection): Position => {
    const stances = new Set(section.claims.map((claim) => claim.stance));
    const derived = stances.size === 1 ? [...stances][0]! : "mixed";
    return {
      type: "position",
      topic: section.topic,
      stance: section.stance ?? derived,
      declared: section.stance !== undefined,
      flags: section.flags,
      noteHtml: once(section, () => html(section.note)),
      position: positionOf(draft.file, section.heading),
    };
  };

  const topicIds = new Set(linked.topics?.topics.map((topic) => topic.id));
  const perspectives: Perspective[] = linked.perspectives
    .filter((draft) => draft.frontmatter)
    .sort(
      (a, b) =>
        (a.frontmatter!.order ?? Infinity) - (b.frontmatter!.order ?? Infinity) ||
        a.frontmatter!.name.localeCompare(b.frontmatter!.name),
    )
    .map((draft) => {
      const frontmatter = draft.frontmatter!;
      const sections = draft.sections.filter((section) => topicIds.has(section.topic));
      const once = renderedIn(draft);
      return {
        type: "perspective",
        id: frontmatter.id,
        name: frontmatter.name,
        summary: frontmatter.summary,
        tradition: frontmatter.tradition,
        proponents: frontmatter.proponents,
        policy: frontmatter.policy,
        overviewHtml: once(draft.overview, () => html(draft.overview)),
        positions: sections.map((section) => renderPosition(draft, once, section)),
        claims: sections.flatMap((section) => section.claims.map((claim) => renderClaim(draft, once, claim))),
        position: { file: draft.file.basename ?? "", line: 1, column: 1 },
      };
    });

  const topics: Topic[] = (linked.topics?.topics ?? []).map((topic) => ({
    type: "topic",
    id: topic.id,
    title: topic.title,
    question: topic.question,
    framing: topic.framing.map((node) => toString(node)).join("\n\n").replace(/[ \t]*\n(?!\n)/g, " ").trim(),
    framingHtml: html(topic.framing),
    position: positionOf(linked.topics!.file, topic.heading),
  }));

  const glossary: GlossaryTerm[] = (linked.glossary?.terms ?? []).map((term) => {
    const definition = withoutCitations(term.definition, linked.hrefs);
    return {
      type: "term",
      id: term.id,
      term: term.term,
      aliases: term.aliases,
      definition: definition.map((node) => toString(node)).join(" ").replace(/\s+/g, " ").trim(),
      definitionHtml: html(definition),
      citations: citationsOf(term.references),
      position: positionOf(linked.glossary!.file, term.heading),
    };
  });

  const debate = linked.topics?.frontmatter;
  return {
    version: MODEL_VERSION,
    title: debate?.title ?? "",
    description: debate?.description ?? "",
    ...(debate?.contentNote ? { contentNote: debate.contentNote } : {}),
    topics,
    perspectives,
    sources: bibliography.sources,
    glossary,
  };
}
