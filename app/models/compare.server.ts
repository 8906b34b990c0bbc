import { getContent, notFound } from "./content.server";
import { refsOf } from "./refs.server";

/** Reads the compare page's state from its URL: `?topic=…&p=…&p=…&present`. */
export function loadComparison(url: URL) {
  const content = getContent();
  const { debate } = content;
  const topicId = url.searchParams.get("topic") || debate.topics[0]?.id || "";
  const topic = content.topics.get(topicId) ?? notFound("question", topicId);
  const requested = [...new Set(url.searchParams.getAll("p"))];
  for (const id of requested) if (!content.perspectives.has(id)) notFound("viewpoint", id);
  // Columns follow the viewpoints' own order, whatever order the URL names them in.
  const selected = requested.length > 0 ? debate.perspectives.filter((p) => requested.includes(p.id)) : debate.perspectives;
  const topicIndex = debate.topics.indexOf(topic);
  // "No answer yet": only the claims no other viewpoint contests.
  const openOnly = url.searchParams.has("open");
  return {
    refs: refsOf(content),
    debateTitle: debate.title,
    topic,
    previousTopic: debate.topics[topicIndex - 1]?.id,
    nextTopic: debate.topics[topicIndex + 1]?.id,
    topics: debate.topics.map(({ id, title }) => ({ id, title })),
    perspectives: debate.perspectives.map(({ id, name }) => ({ id, name })),
    selected: selected.map((perspective) => perspective.id),
    explicitSelection: requested.length > 0,
    present: url.searchParams.has("present"),
    openOnly,
    columns: selected.map((perspective) => ({
      id: perspective.id,
      name: perspective.name,
      summary: perspective.summary,
      position: perspective.positions.find((position) => position.topic === topic.id),
      claims: perspective.claims.filter((claim) => claim.topic === topic.id && (!openOnly || claim.contestedBy.length === 0)),
    })),
  };
}
