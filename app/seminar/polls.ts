/**
 * The seminar's polls, one row each, as `RULES` is for the compiler's checks:
 * when a poll is open, what a choice is and how the phones ask for it, who
 * may answer, and what its results count. A new poll is one row here; the
 * service, the phones, the results and the exports read it from this table.
 * Client-safe: the phones' forms use the same labels.
 */
import type { SeminarTopic, StepKind, StepOutline } from "./topic";

/** The answers to "Where do you stand?", in the order of the scale no < mixed < yes, then unsure. */
export const STANCE_CHOICES = ["yes", "no", "mixed", "unsure"] as const;
export type StanceChoice = (typeof STANCE_CHOICES)[number];
export const STANCE_CHOICE_LABELS: Record<StanceChoice, string> = { yes: "Yes", no: "No", mixed: "Mixed", unsure: "Unsure" };

/** What moved someone, when it was none of the claims shown. */
export const SOMETHING_ELSE = "something-else";

export type PollKind = "before" | "strongest" | "after" | "moved";

export interface Choice {
  value: string;
  label: string;
}

export interface PollDefinition {
  /** The steps at which it is open. */
  openAt: readonly StepKind[];
  /** When it is open, as a refusal tells someone who answers too early or late. */
  when: string;
  /** The question on the phone. */
  legend: (topic: SeminarTopic, step: StepOutline) => string;
  /** What it takes at this step. */
  choices: (topic: SeminarTopic, step: StepOutline) => Choice[];
  /** The keys its tally counts, in the order results show them. */
  tallyKeys: (topic: SeminarTopic) => string[];
  /** Only participants whose before and after answers differ may answer it. */
  forChangedAnswers?: boolean;
}

const stanceChoices = (): Choice[] => STANCE_CHOICES.map((value) => ({ value, label: STANCE_CHOICE_LABELS[value] }));
const viewpointName = (topic: SeminarTopic, id: string | undefined) => topic.viewpoints.find((viewpoint) => viewpoint.id === id)?.name ?? id ?? "";

export const POLLS: Record<PollKind, PollDefinition> = {
  before: {
    openAt: ["question", "overview"],
    when: "at the start of the question",
    legend: () => "Where do you stand, before the discussion?",
    choices: stanceChoices,
    tallyKeys: () => [...STANCE_CHOICES],
  },
  after: {
    openAt: ["closing"],
    when: "on the question's closing screen",
    legend: () => "Where do you stand now, after the discussion?",
    choices: stanceChoices,
    tallyKeys: () => [...STANCE_CHOICES],
  },
  strongest: {
    openAt: ["viewpoint", "item"],
    when: "on a viewpoint's screens, for that viewpoint",
    legend: (topic, step) => `Did ${viewpointName(topic, step.viewpoint)} make the strongest case?`,
    choices: (topic, step) => (step.viewpoint ? [{ value: step.viewpoint, label: "This made the strongest case" }] : []),
    tallyKeys: (topic) => topic.viewpoints.map((viewpoint) => viewpoint.id),
  },
  moved: {
    openAt: ["closing"],
    when: "on the closing screen, once your answer has changed",
    legend: () => "Your answer changed. What moved you most?",
    choices: (topic) => [
      ...topic.claims.map((claim) => ({ value: claim.id, label: `${viewpointName(topic, claim.viewpoint)}: ${claim.title}` })),
      { value: SOMETHING_ELSE, label: "Something else" },
    ],
    tallyKeys: (topic) => [...topic.claims.map((claim) => claim.id), SOMETHING_ELSE],
    forChangedAnswers: true,
  },
};

export const POLL_KINDS = Object.keys(POLLS) as PollKind[];

export function isPollKind(value: string): value is PollKind {
  return Object.hasOwn(POLLS, value);
}

/** The polls a step asks, in the table's order. */
export function openPollsAt(step: StepOutline | undefined): PollKind[] {
  return step ? POLL_KINDS.filter((kind) => POLLS[kind].openAt.includes(step.kind)) : [];
}
