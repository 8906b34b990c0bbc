/** The view model of "Where do I stand?" (`/where-do-i-stand?<question-id>=yes|no|mixed`). */
import type { Stance } from "~/compiler/model";
import { answerOf, agreement, rankViewpoints, readAnswers } from "./standing";
import { pageView } from "./page-view.server";
import { PageAssembler } from "./view.server";

export function standPage(url: URL) {
  return pageView(`stand:${url.search}`, (content) => {
    const { debate } = content;
    const page = new PageAssembler(content);
    const { answers, ignored } = readAnswers(url.searchParams, debate);
    const questions = debate.topics.map((topic) => ({
      id: topic.id,
      title: topic.title,
      question: topic.question,
      framingHtml: page.prose(topic.framingHtml),
      answer: answers.get(topic.id),
    }));
    const answered = debate.topics.filter((topic) => answers.has(topic.id));
    const ranking = rankViewpoints(debate, answers).map(({ perspective, compared, points, score }) => ({
      viewpoint: page.viewpoint(perspective.id),
      compared,
      points,
      /** Agreement in whole percent, where any question is shared. */
      percent: score === undefined ? undefined : Math.round(score * 100),
      /** One row per question the reader answered: theirs beside yours, and the claims behind theirs. */
      rows: answered.map((topic) => {
        const yours = answers.get(topic.id)!;
        const theirs = answerOf(perspective, topic.id);
        const stance: Stance = perspective.positions.find((position) => position.topic === topic.id)?.stance ?? "not-addressed";
        return {
          topic: { id: topic.id, title: topic.title },
          yours,
          theirs: stance,
          agreement: theirs ? agreement(yours, theirs) : undefined,
          claims: perspective.claims
            .filter((claim) => claim.topic === topic.id)
            .map(({ id, title, stance: claimStance }) => ({ id, title, stance: claimStance })),
        };
      }),
    }));
    return { questions, answeredCount: answered.length, ignored, ranking };
  });
}
