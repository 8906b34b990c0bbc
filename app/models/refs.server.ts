import type { Index } from "./content.server";

const cache = new WeakMap<Index, Refs>();

/**
 * What any page needs to name the things it links to: viewpoints, claims,
 * sources and glossary terms, in a compact form sent with each page. Built
 * once per content, since every page asks for it.
 */
export function refsOf(content: Index): Refs {
  let refs = cache.get(content);
  if (!refs) {
    refs = buildRefs(content);
    cache.set(content, refs);
  }
  return refs;
}

function buildRefs({ debate }: Index) {
  return {
    perspectives: Object.fromEntries(
      debate.perspectives.map((perspective, index) => [perspective.id, { name: perspective.name, index }]),
    ),
    claims: Object.fromEntries(
      debate.perspectives.flatMap((perspective) =>
        perspective.claims.map((claim) => [claim.id, { title: claim.title, perspective: perspective.id, topic: claim.topic }]),
      ),
    ),
    sources: Object.fromEntries(
      debate.sources.map((source) => [
        source.key,
        {
          citeName: source.citeName,
          author: source.author,
          year: source.year,
          title: source.title,
          ...(source.container ? { container: source.container } : {}),
          ...(source.url ? { url: source.url } : {}),
          // For the printed "Sources cited on this page": the APA entry and its place in APA order.
          ...(source.references ? { apa: source.references.apa.html, apaRank: source.references.apa.rank } : {}),
        },
      ]),
    ),
    terms: debate.glossary.map((term) => ({ id: term.id, names: [term.term, ...term.aliases], definition: term.definition })),
    topics: Object.fromEntries(debate.topics.map((topic) => [topic.id, { title: topic.title, question: topic.question }])),
  };
}

export type Refs = ReturnType<typeof buildRefs>;
