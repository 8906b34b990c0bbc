import { neighbourTopics, positionOf } from "./content-index";
import { notFound } from "./content.server";
import { pageView } from "./page-view.server";
import { PageAssembler } from "./view.server";

/**
 * Reads the compare page's state from its URL: `?topic=…&p=…&p=…&present`.
 * A viewpoint the URL names but the content lacks is left out and reported,
 * so an old link still shows the rest of its comparison.
 */
export function loadComparison(url: URL) {
  const requested = [...new Set(url.searchParams.getAll("p"))];
  const present = url.searchParams.has("present");
  // "No answer yet": only the claims no other viewpoint contests.
  const openOnly = url.searchParams.has("open");
  const topicParam = url.searchParams.get("topic") ?? "";
  return pageView(`compare:${topicParam}:${[...requested].sort().join(",")}:${present}:${openOnly}`, (content) => {
    const { debate } = content;
    const topicId = topicParam || debate.topics[0]?.id || "";
    const topic = content.topics.get(topicId) ?? notFound("question", topicId);
    const page = new PageAssembler(content);
    const unknown = requested.filter((id) => !content.perspectives.has(id));
    const known = requested.filter((id) => content.perspectives.has(id));
    // Columns follow the viewpoints' own order, whatever order the URL names them in.
    const selected = known.length > 0 ? debate.perspectives.filter((p) => known.includes(p.id)) : debate.perspectives;
    const { previous, next } = neighbourTopics(content, topic.id);
    const framingHtml = page.prose(topic.framingHtml);
    const columns = selected.map((perspective) => {
      const position = positionOf(content, perspective.id, topic.id);
      return {
        viewpoint: page.viewpoint(perspective.id),
        stance: position?.stance,
        noteHtml: position ? page.prose(position.noteHtml) : "",
        claims: perspective.claims
          .filter((claim) => claim.topic === topic.id && (!openOnly || claim.contestedBy.length === 0))
          .map((claim) => page.claim(claim)),
      };
    });
    return {
      debateTitle: debate.title,
      topic: { id: topic.id, title: topic.title, question: topic.question, framingHtml },
      previousTopic: previous,
      nextTopic: next,
      topics: debate.topics.map(({ id, title }) => ({ id, title })),
      perspectives: debate.perspectives.map((perspective) => page.viewpoint(perspective.id)),
      selected: selected.map((perspective) => perspective.id),
      explicitSelection: known.length > 0,
      unknown,
      present,
      openOnly,
      columns,
      sources: page.sources(),
    };
  });
}
