/**
 * The debate shows disagreement (issue 19): every question is answered by at
 * least three viewpoints, not all alike, and a rebuttal joins claims that
 * disagree. Checked here on the real content; authors are told of the second
 * at once by the compiler's `rebuttal-agrees` warning (tests/fixtures/rules/).
 */
import { describe, expect, it } from "vitest";
import { content } from "../e2e/content";

const debate = await content();
const claims = new Map(debate.perspectives.flatMap((perspective) => perspective.claims).map((claim) => [claim.id, claim]));

describe("the real content's disagreement", () => {
  it("has every question answered by at least three viewpoints with at least two different answers", () => {
    const uncontested = debate.topics.flatMap((topic) => {
      const answers = debate.perspectives.flatMap((perspective) => perspective.positions.filter((position) => position.topic === topic.id && position.stance !== "not-addressed").map((position) => position.stance));
      return answers.length >= 3 && new Set(answers).size >= 2 ? [] : [`${topic.id}: ${answers.join(", ") || "no answers"}`];
    });
    expect(uncontested).toEqual([]);
  });

  it("links no counter-evidence to another viewpoint's claim with the same yes or no on the same question", () => {
    const agreeing = [...claims.values()].flatMap((claim) =>
      claim.counterEvidence.flatMap((item) => {
        const target = item.claim ? claims.get(item.claim) : undefined;
        if (!target || target.perspective === claim.perspective || target.topic !== claim.topic) return [];
        return target.stance === claim.stance && claim.stance !== "mixed" ? [`${claim.id} ← ${target.id} (${claim.stance})`] : [];
      }),
    );
    expect(agreeing).toEqual([]);
  });
});
