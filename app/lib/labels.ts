import type { ItemKind, Stance } from "~/compiler/model";

export const STANCE_LABELS: Record<Stance, string> = {
  yes: "Yes",
  no: "No",
  mixed: "Mixed",
  "not-addressed": "Not addressed",
};

export const KIND_LABELS: Record<ItemKind, string> = {
  statistic: "Statistic",
  study: "Study",
  "law-or-policy": "Law or policy",
  testimony: "Testimony",
  "expert-opinion": "Expert opinion",
  "normative-argument": "Normative argument",
  historical: "Historical",
};

/**
 * Each viewpoint keeps one colour everywhere, always beside its name, so the
 * colour helps recognition but never carries meaning alone. The hues are far
 * apart and dark enough for 3:1 contrast as borders in both colour schemes.
 */
const VIEWPOINT_HUES = [265, 25, 160, 320, 205, 85, 0, 130, 235, 50];

export function viewpointHue(index: number): number {
  return VIEWPOINT_HUES[index % VIEWPOINT_HUES.length]!;
}

/** The answers to "Where do you stand?", asked of the room before and after a question's discussion. */
export const POLL_CHOICES = ["yes", "no", "mixed", "unsure"] as const;
export type PollChoice = (typeof POLL_CHOICES)[number];
export const POLL_CHOICE_LABELS: Record<PollChoice, string> = { yes: "Yes", no: "No", mixed: "Mixed", unsure: "Unsure" };
