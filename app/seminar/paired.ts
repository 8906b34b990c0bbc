/**
 * Where the room moved, measured as Deliberative Polling measures it: each
 * participant's answer before the discussion paired with their answer after
 * it, and the change tested, rather than two bar charts subtracted (which
 * compare whoever answered each). Client-safe and pure: the results, the
 * exports and the pages share it.
 */
import { STANCE_CHOICES, type StanceChoice } from "./polls";

/** The scale answers move along; "unsure" is off it, so moves to or from it have no direction. */
const SCALE: Partial<Record<StanceChoice, number>> = { no: 0, mixed: 1, yes: 2 };

/** With fewer movers than this, no split is uneven enough to conclude anything (p ≥ 0.0625 at 5). */
export const MIN_MOVERS = 6;

export interface PairedResults {
  /** Participants who answered both before and after. */
  n: number;
  beforeOnly: number;
  afterOnly: number;
  /** Of those who answered both: before → after → how many. */
  transitions: Record<StanceChoice, Record<StanceChoice, number>>;
  towardYes: number;
  towardNo: number;
  /** The exact two-sided sign test on those who moved along the scale. */
  signTest: { p: number };
}

export interface Answers {
  before?: string | null;
  after?: string | null;
  /** How many participants answered this way (1 when each participant is an entry). */
  count?: number;
}

const isStance = (choice: string | null | undefined): choice is StanceChoice => STANCE_CHOICES.includes(choice as StanceChoice);

/** The direction of a change along no < mixed < yes: 1 toward yes, -1 toward no, 0 none (or off the scale). */
export function direction(before: string | null | undefined, after: string | null | undefined): -1 | 0 | 1 {
  const from = SCALE[before as StanceChoice];
  const to = SCALE[after as StanceChoice];
  if (from === undefined || to === undefined || from === to) return 0;
  return to > from ? 1 : -1;
}

/** Pairs each participant's answers: one entry per participant who answered either poll, or per pair of answers with its count. */
export function pairAnswers(answers: Iterable<Answers>): PairedResults {
  const transitions = Object.fromEntries(STANCE_CHOICES.map((before) => [before, Object.fromEntries(STANCE_CHOICES.map((after) => [after, 0]))])) as PairedResults["transitions"];
  let n = 0;
  let beforeOnly = 0;
  let afterOnly = 0;
  let towardYes = 0;
  let towardNo = 0;
  for (const { before, after, count = 1 } of answers) {
    const hasBefore = isStance(before);
    const hasAfter = isStance(after);
    if (hasBefore && hasAfter) {
      n += count;
      transitions[before][after] += count;
      const moved = direction(before, after);
      if (moved > 0) towardYes += count;
      else if (moved < 0) towardNo += count;
    } else if (hasBefore) beforeOnly += count;
    else if (hasAfter) afterOnly += count;
  }
  return { n, beforeOnly, afterOnly, transitions, towardYes, towardNo, signTest: { p: signTestP(towardYes, towardYes + towardNo) } };
}

/**
 * The exact two-sided sign test: the chance, if moving toward yes and toward
 * no were equally likely, of a split at least as uneven as `k` of `n`.
 * Summed term by term, which is exact for a room's numbers; in logarithms
 * past where 2^-n underflows, for a lecture hall's thousands.
 */
export function signTestP(k: number, n: number): number {
  if (n === 0) return 1;
  const tail = Math.min(k, n - k);
  if (n <= 1000) {
    let term = 2 ** -n;
    let sum = 0;
    for (let i = 0; i <= tail; i++) {
      sum += term;
      term = (term * (n - i)) / (i + 1);
    }
    return Math.min(1, 2 * sum);
  }
  let logChoose = 0;
  const logTerms: number[] = [];
  for (let i = 0; i <= tail; i++) {
    logTerms.push(logChoose - n * Math.LN2);
    logChoose += Math.log(n - i) - Math.log(i + 1);
  }
  const largest = Math.max(...logTerms);
  const sum = logTerms.reduce((total, term) => total + Math.exp(term - largest), 0);
  return Math.min(1, 2 * Math.exp(largest) * sum);
}

/** How often in 100, in words a room understands. */
function chanceInWords(p: number): string {
  if (p < 0.01) return "less than once in 100 times";
  if (p >= 0.995) return "almost always";
  return `about ${Math.round(p * 100)} times in 100`;
}

/** The movement and its test in plain words, as the console, the projector and the summary say it. */
export function describeMovement(paired: PairedResults): string {
  const movers = paired.towardYes + paired.towardNo;
  if (paired.n === 0) return "No one has answered both before and after yet.";
  if (movers === 0) {
    return paired.n === 1
      ? "The one person who answered both did not move toward yes or toward no."
      : `None of the ${paired.n} people who answered both moved toward yes or toward no.`;
  }
  const side = paired.towardYes >= paired.towardNo ? "yes" : "no";
  const most = Math.max(paired.towardYes, paired.towardNo);
  const split =
    paired.towardYes === paired.towardNo
      ? `Of the ${movers} who moved, as many went toward yes as toward no`
      : most === movers
        ? movers === 1
          ? `The one person who moved went toward ${side}`
          : `All ${movers} people who moved went toward ${side}`
        : `${most} of the ${movers} people who moved went toward ${side}`;
  if (movers < MIN_MOVERS) return `${split}; with fewer than ${MIN_MOVERS} people moving, no conclusion can be drawn.`;
  if (paired.towardYes === paired.towardNo) return `${split}: no sign that the room moved either way.`;
  return `${split}; a split this uneven would happen by chance ${chanceInWords(paired.signTest.p)}.`;
}
