/**
 * The polls table (app/seminar/polls.ts) on a small question built by hand:
 * which polls each kind of step opens, what each takes, what its tally counts.
 */
import { describe, expect, it } from "vitest";
import { isPollKind, openPollsAt, POLL_KINDS, POLLS, SOMETHING_ELSE, STANCE_CHOICES } from "~/seminar/polls";
import type { SeminarTopic, StepOutline } from "~/seminar/topic";

const topic: SeminarTopic = {
  id: "raids",
  title: "Raids",
  question: "Do raids help?",
  steps: [
    { kind: "question" },
    { kind: "overview" },
    { kind: "viewpoint", viewpoint: "abolitionist" },
    { kind: "item", viewpoint: "abolitionist" },
    { kind: "viewpoint", viewpoint: "rights" },
    { kind: "closing" },
  ],
  viewpoints: [
    { id: "abolitionist", name: "Abolitionist" },
    { id: "rights", name: "Sex workers' rights" },
  ],
  claims: [
    { id: "raids-rescue", viewpoint: "abolitionist", title: "Raids rescue victims" },
    { id: "raids-harm", viewpoint: "rights", title: "Raids harm workers" },
  ],
};
const step = (number: number): StepOutline => topic.steps[number - 1]!;
const values = (choices: { value: string }[]) => choices.map((choice) => choice.value);

describe("the polls table", () => {
  it("opens before at the question and overview, strongest on a viewpoint's screens, after and moved on the closing screen", () => {
    expect(topic.steps.map((outline) => openPollsAt(outline))).toEqual([["before"], ["before"], ["strongest"], ["strongest"], ["strongest"], ["after", "moved"]]);
    expect(openPollsAt(undefined)).toEqual([]);
  });

  it("takes the four stances before and after", () => {
    expect(STANCE_CHOICES).toEqual(["yes", "no", "mixed", "unsure"]);
    for (const kind of ["before", "after"] as const) {
      expect(values(POLLS[kind].choices(topic, step(1)))).toEqual(["yes", "no", "mixed", "unsure"]);
      expect(POLLS[kind].tallyKeys(topic)).toEqual(["yes", "no", "mixed", "unsure"]);
      expect(POLLS[kind].forChangedAnswers).toBeFalsy();
    }
    expect(POLLS.before.choices(topic, step(1)).map((choice) => choice.label)).toEqual(["Yes", "No", "Mixed", "Unsure"]);
  });

  it("takes only the viewpoint on screen as the strongest case, and tallies every viewpoint", () => {
    expect(values(POLLS.strongest.choices(topic, step(3)))).toEqual(["abolitionist"]);
    expect(values(POLLS.strongest.choices(topic, step(4)))).toEqual(["abolitionist"]);
    expect(values(POLLS.strongest.choices(topic, step(5)))).toEqual(["rights"]);
    // A step that shows no viewpoint takes none.
    expect(POLLS.strongest.choices(topic, step(1))).toEqual([]);
    expect(POLLS.strongest.legend(topic, step(5))).toBe("Did Sex workers' rights make the strongest case?");
    expect(POLLS.strongest.tallyKeys(topic)).toEqual(["abolitionist", "rights"]);
  });

  it("asks what moved only those whose answer changed, with the question's claims and something else", () => {
    expect(POLLS.moved.forChangedAnswers).toBe(true);
    expect(POLL_KINDS.filter((kind) => POLLS[kind].forChangedAnswers)).toEqual(["moved"]);
    expect(POLLS.moved.choices(topic, step(6))).toEqual([
      { value: "raids-rescue", label: "Abolitionist: Raids rescue victims" },
      { value: "raids-harm", label: "Sex workers' rights: Raids harm workers" },
      { value: SOMETHING_ELSE, label: "Something else" },
    ]);
    expect(POLLS.moved.tallyKeys(topic)).toEqual(["raids-rescue", "raids-harm", "something-else"]);
  });

  it("knows its kinds, and nothing from Object's prototype is one", () => {
    expect(POLL_KINDS).toEqual(["before", "after", "strongest", "moved"]);
    for (const kind of POLL_KINDS) expect(isPollKind(kind)).toBe(true);
    for (const other of ["toString", "constructor", "__proto__", "hasOwnProperty", "Before", ""]) expect(isPollKind(other)).toBe(false);
    // Every poll says when it is open, for the refusal of a vote at the wrong time.
    for (const kind of POLL_KINDS) expect(POLLS[kind].when.length).toBeGreaterThan(5);
  });
});
