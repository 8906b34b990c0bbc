import { describe, expect, it } from "vitest";
import { agreement, answerOf, answersQuery, rankViewpoints, readAnswers, type Answer } from "~/models/standing";
import { content } from "../e2e/content";
import { smallDebate } from "./small-debate";

/** The answers of a reader who answers every question exactly as `perspective` does, and skips the rest. */
function answersOf(perspective: Parameters<typeof answerOf>[0], topics: Array<{ id: string }>): Map<string, Answer> {
  return new Map(topics.flatMap((topic) => {
    const answer = answerOf(perspective, topic.id);
    return answer ? [[topic.id, answer] as const] : [];
  }));
}

describe("agreement", () => {
  it("is 1 for the same answer, ½ for mixed against yes or no, 0 for yes against no", () => {
    expect(agreement("yes", "yes")).toBe(1);
    expect(agreement("mixed", "mixed")).toBe(1);
    expect(agreement("mixed", "no")).toBe(0.5);
    expect(agreement("yes", "mixed")).toBe(0.5);
    expect(agreement("yes", "no")).toBe(0);
    expect(agreement("no", "yes")).toBe(0);
  });
});

describe("reading answers from the address", () => {
  const debate = smallDebate(["a", "b", "c"], []);

  it("keeps yes, no and mixed for known questions, in the debate's order, and skips empty values", () => {
    const { answers, ignored } = readAnswers(new URLSearchParams("c=mixed&a=yes&b="), debate);
    expect([...answers]).toEqual([["a", "yes"], ["c", "mixed"]]);
    expect(ignored).toEqual([]);
    expect(answersQuery(answers)).toBe("?a=yes&c=mixed");
  });

  it("sets aside unknown questions, other values and repeats, and says which", () => {
    const { answers, ignored } = readAnswers(new URLSearchParams("a=yes&a=no&b=maybe&zzz=yes&c=not-addressed&d="), debate);
    expect([...answers]).toEqual([["a", "yes"]]);
    expect(ignored).toEqual([
      { name: "a", value: "no" },
      { name: "b", value: "maybe" },
      { name: "zzz", value: "yes" },
      { name: "c", value: "not-addressed" },
      { name: "d", value: "" },
    ]);
  });

  it("reads no answer from an empty address", () => {
    expect(answersQuery(readAnswers(new URLSearchParams(""), debate).answers)).toBe("");
  });
});

describe("ranking the viewpoints", () => {
  it("answering exactly as a viewpoint does ranks it first, with full agreement, for every viewpoint of the real content", async () => {
    const real = await content();
    expect(real.perspectives.length).toBeGreaterThan(1);
    // In the debate's order and reversed: the order may settle ties, never this.
    const orders = [real, { ...real, perspectives: [...real.perspectives].reverse() }];
    for (const [debate, perspective] of orders.flatMap((debate) => debate.perspectives.map((perspective) => [debate, perspective] as const))) {
      const answers = answersOf(perspective, debate.topics);
      const [first, second] = rankViewpoints(debate, answers);
      expect(first!.perspective.id, perspective.id).toBe(perspective.id);
      expect(first!.score, perspective.id).toBe(1);
      expect(first!.compared, perspective.id).toBe(answers.size);
      expect(first!.unshared, perspective.id).toBe(0);
      // Another viewpoint may agree on all it shares, but then on fewer questions, or answering some the reader skipped.
      if (second!.score === 1) {
        expect(second!.compared < first!.compared || second!.unshared > 0, `${perspective.id} against ${second!.perspective.id}`).toBe(true);
      }
    }
  });

  it("scores the mean agreement over the questions both answered, and says how many were compared", () => {
    const debate = smallDebate(
      ["a", "b", "c", "d"],
      [
        { id: "same", positions: { a: "yes", b: "no" } },
        { id: "half", positions: { a: "mixed", b: "no", c: "yes" } },
        { id: "opposite", positions: { a: "no", b: "yes", d: "mixed" } },
      ],
    );
    const ranking = rankViewpoints(debate, new Map<string, Answer>([["a", "yes"], ["b", "no"]]));
    expect(ranking.map(({ perspective, compared, points, score, unshared }) => [perspective.id, compared, points, score, unshared])).toEqual([
      ["same", 2, 2, 1, 0],
      ["half", 2, 1.5, 0.75, 1],
      ["opposite", 2, 0, 0, 1],
    ]);
  });

  it("breaks ties by questions compared, then by questions only one side answered, then by the debate's order", () => {
    const debate = smallDebate(
      ["a", "b", "c"],
      [
        { id: "late", positions: { a: "yes" } },
        { id: "extra", positions: { a: "yes", c: "no" } },
        { id: "more", positions: { a: "yes", b: "yes" } },
        { id: "early", positions: { a: "yes" } },
      ],
    );
    const ranking = rankViewpoints(debate, new Map<string, Answer>([["a", "yes"], ["b", "yes"]]));
    // "more" agrees on two questions; the others on one, "extra" also answering one the reader skipped.
    expect(ranking.map((standing) => standing.perspective.id)).toEqual(["more", "late", "early", "extra"]);
  });

  it("puts a viewpoint with no question in common last, with no score", () => {
    const debate = smallDebate(
      ["a", "b"],
      [
        { id: "silent", positions: { b: "yes" } },
        { id: "opposed", positions: { a: "no" } },
      ],
    );
    const ranking = rankViewpoints(debate, new Map<string, Answer>([["a", "yes"]]));
    expect(ranking.map((standing) => [standing.perspective.id, standing.compared, standing.score])).toEqual([
      ["opposed", 1, 0],
      ["silent", 0, undefined],
    ]);
  });
});
