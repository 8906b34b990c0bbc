/**
 * rehype plugin: links every use of a glossary term in prose to its entry,
 * with a short gloss as the link's title. Which use on a page stays a link
 * (the first) is decided where the page is assembled, since only there is
 * the page's order known.
 */
import type { Element, Root, Text } from "hast";
import { defaultIgnore, findAndReplace } from "hast-util-find-and-replace";

export interface GlossaryLinkTerm {
  id: string;
  /** The term and its aliases, as written in the prose. */
  names: string[];
  /** Plain text, shown as the link's title. */
  title: string;
}

export interface RehypeGlossaryLinksOptions {
  terms: GlossaryLinkTerm[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function rehypeGlossaryLinks({ terms }: RehypeGlossaryLinksOptions) {
  const termByName = new Map(terms.flatMap((term) => term.names.map((name) => [name, term] as const)));
  // Longest names first, so "Swedish model" wins over "Swedish"; whole words only.
  const names = [...termByName.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = names.length > 0 ? new RegExp(`(?<![\\p{L}\\p{N}-])(?:${names.join("|")})(?![\\p{L}\\p{N}-])`, "gu") : undefined;

  return function transformer(tree: Root) {
    if (!pattern) return;
    findAndReplace(
      tree,
      [
        pattern,
        (name: string): Element | false => {
          const term = termByName.get(name);
          if (!term) return false;
          const text: Text = { type: "text", value: name };
          return {
            type: "element",
            tagName: "a",
            properties: { className: ["term"], href: `/glossary#${term.id}`, title: term.title },
            children: [text],
          };
        },
      ],
      // Text already inside a link (a citation, a cross-link) stays as it is.
      { ignore: [...defaultIgnore, "a"] },
    );
  };
}
