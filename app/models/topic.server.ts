import { STANCES } from "~/compiler/model";
import { getContent, notFound } from "./content.server";
import { refsOf } from "./refs.server";

/** A question page: who answers what (with jump links), each answer's claims, and the neighbouring questions. */
export function loadTopic(id: string) {
  const content = getContent();
  const { debate } = content;
  const topic = content.topics.get(id) ?? notFound("question", id);
  const index = debate.topics.indexOf(topic);
  const answers = debate.perspectives.map((perspective) => ({
    id: perspective.id,
    name: perspective.name,
    position: perspective.positions.find((position) => position.topic === topic.id),
    claims: perspective.claims.filter((claim) => claim.topic === topic.id),
  }));
  const claims = answers.flatMap((answer) => answer.claims);
  const neighbour = (offset: number) => {
    const other = debate.topics[index + offset];
    return other ? { id: other.id, title: other.title } : undefined;
  };
  return {
    refs: refsOf(content),
    topic,
    previous: neighbour(-1),
    next: neighbour(1),
    summary: STANCES.map((stance) => ({
      stance,
      viewpoints: answers.filter((answer) => (answer.position?.stance ?? "not-addressed") === stance).map(({ id, name }) => ({ id, name })),
    })),
    unanswered: claims.filter((claim) => claim.contestedBy.length === 0).length,
    /** What each contesting claim says, so "Contested by" can quote it. */
    statements: Object.fromEntries(
      claims.flatMap((claim) => claim.contestedBy).map((claimId) => [claimId, content.claims.get(claimId)?.statement ?? ""]),
    ),
    answers,
  };
}
