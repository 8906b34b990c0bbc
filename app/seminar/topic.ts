/**
 * What the seminar needs to know of a question of the debate: its steps on
 * the projector, the viewpoints that have screens of their own, and the
 * claims those screens show. Built from the content by
 * app/models/present.server.ts (`seminarTopics`), and handed to the seminar
 * service, which then needs nothing else of the content.
 */
export type StepKind = "question" | "overview" | "viewpoint" | "item" | "closing";

export interface StepOutline {
  kind: StepKind;
  /** The viewpoint a viewpoint or item step shows. */
  viewpoint?: string;
}

export interface SeminarTopic {
  id: string;
  title: string;
  question: string;
  /** Index 0 is step 1, as the addresses count. */
  steps: StepOutline[];
  /** The viewpoints with screens of their own, in the order they are shown. */
  viewpoints: { id: string; name: string }[];
  /** The claims those screens show. */
  claims: { id: string; viewpoint: string; title: string }[];
}

/** The debate's questions in its order, for the seminar. */
export interface SeminarContent {
  topics: Map<string, SeminarTopic>;
  order: string[];
}
