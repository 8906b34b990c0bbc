/**
 * "Where do I stand?": a reader's answers to the questions, read from the
 * address, and every viewpoint ranked by how close its positions are. Kept
 * apart from the page's model so that tests rank any debate of their own.
 */
import { CLAIM_STANCES, type Debate, type Perspective, type Stance } from "~/compiler/model";

/** What a reader can answer; skipping a question is leaving it out. */
export const ANSWERS = CLAIM_STANCES;
export type Answer = (typeof ANSWERS)[number];

export function isAnswer(value: string): value is Answer {
  return (ANSWERS as readonly string[]).includes(value);
}

/**
 * How close two answers are: the same answer 1, mixed against yes or no ½
 * (it agrees in part), yes against no 0.
 */
export function agreement(a: Answer, b: Answer): number {
  if (a === b) return 1;
  return a === "mixed" || b === "mixed" ? 0.5 : 0;
}

export interface ReadAnswers {
  /** Question id to answer, in the order of the debate's questions. */
  answers: Map<string, Answer>;
  /** Parameters that are not an answer to a question: unknown questions, other values, repeats. */
  ignored: Array<{ name: string; value: string }>;
}

/**
 * The answers in `?<question-id>=yes|no|mixed`. An empty value is a skipped
 * question; anything else that is not an answer is set aside and reported, so
 * an old or mistyped link still shows the answers it does carry.
 */
export function readAnswers(params: URLSearchParams, debate: Pick<Debate, "topics">): ReadAnswers {
  const given = new Map<string, Answer>();
  const ignored: ReadAnswers["ignored"] = [];
  const known = new Set(debate.topics.map((topic) => topic.id));
  for (const [name, value] of params) {
    if (value === "" && known.has(name)) continue;
    if (known.has(name) && isAnswer(value) && !given.has(name)) given.set(name, value);
    else ignored.push({ name, value });
  }
  const answers = new Map<string, Answer>();
  for (const topic of debate.topics) {
    const answer = given.get(topic.id);
    if (answer) answers.set(topic.id, answer);
  }
  return { answers, ignored };
}

/** The address that carries `answers`, in the debate's order, without skipped questions. */
export function answersQuery(answers: Map<string, Answer>): string {
  const query = new URLSearchParams([...answers]).toString();
  return query ? `?${query}` : "";
}

/** A viewpoint's answer to a question, where it gives one. */
export function answerOf(perspective: Perspective, topicId: string): Answer | undefined {
  const stance: Stance | undefined = perspective.positions.find((position) => position.topic === topicId)?.stance;
  return stance && isAnswer(stance) ? stance : undefined;
}

export interface Standing {
  perspective: Perspective;
  /** Questions both the reader and the viewpoint answered. */
  compared: number;
  /** The sum of their agreement over those questions. */
  points: number;
  /** points / compared; undefined when no question is shared. */
  score: number | undefined;
  /** Questions only one of the two answered. */
  unshared: number;
}

/**
 * Every viewpoint, closest first. Equal scores are ordered by the number of
 * questions compared (more first: the agreement rests on more), then by the
 * questions only one side answered (fewer first: the reader also skipped what
 * the viewpoint leaves open), then as the debate lists the viewpoints. So a
 * reader who answers exactly as a viewpoint does finds it first: another
 * viewpoint can match every shared answer only on as many questions or fewer,
 * and on as many only by answering more. A viewpoint with no question in
 * common has no score and comes last.
 */
export function rankViewpoints(debate: Pick<Debate, "topics" | "perspectives">, answers: Map<string, Answer>): Standing[] {
  const standings = debate.perspectives.map((perspective) => {
    let compared = 0;
    let points = 0;
    let unshared = 0;
    for (const topic of debate.topics) {
      const yours = answers.get(topic.id);
      const theirs = answerOf(perspective, topic.id);
      if (yours && theirs) {
        compared++;
        points += agreement(yours, theirs);
      } else if (yours || theirs) {
        unshared++;
      }
    }
    return { perspective, compared, points, score: compared > 0 ? points / compared : undefined, unshared };
  });
  // Array.prototype.sort is stable, so the debate's order settles what is left.
  return standings.sort(
    (a, b) => (b.score ?? -1) - (a.score ?? -1) || b.compared - a.compared || a.unshared - b.unshared,
  );
}
