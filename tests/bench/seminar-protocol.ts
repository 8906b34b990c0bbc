/**
 * What the seminar bench (seminar.ts) and its phones' processes
 * (seminar-phones.ts) tell each other over their IPC channel, and the clock
 * they share.
 */

/** Milliseconds on the machine's monotonic clock: comparable across processes. */
export const clock = () => Number(process.hrtime.bigint()) / 1e6;

export interface PhonePlan {
  id: number;
  base: string;
  /** Its answer before and after the discussion: when they differ, the phone is asked what moved it. */
  before: string;
  after: string;
  /** It names as the strongest case the viewpoint of the `strongestAt`-th viewpoint screen it sees (0 = the first). */
  strongestAt: number;
  /** When to load the page, in ms after the round starts (the room does not join in one instant). */
  joinAt: number;
  /** A first visit: the browser loads the scripts and style sheets the page links, having none of them yet. */
  cold: boolean;
}

export interface RoundCommand {
  type: "round";
  round: number;
  code: string;
  phones: PhonePlan[];
  /** A person answers a poll this long (uniformly at random) after it appears on their screen. */
  voteDelayMs: [number, number];
}

export type ToPhones = RoundCommand | { type: "finish" } | { type: "exit" };

export interface VoteRecord {
  phone: number;
  poll: string;
  /** The step on screen when the poll appeared, and when it appeared (the view read, or, for `moved`, the answer that opened it acknowledged). */
  step: number;
  shownAt: number;
  /** The first try, and the try that was acknowledged. */
  firstSentAt: number;
  sentAt: number;
  ackAt: number | null;
  attempts: number;
  /** Why it was never acknowledged: refused (4xx) or the poll closed before the person answered. */
  outcome: "acknowledged" | "refused" | "closed" | "unsent";
  /** Set by the bench: not acknowledged within 5 s of its poll opening. */
  late?: boolean;
}

export interface Progress {
  type: "progress";
  /** Pages loaded, streams that delivered their first view. */
  joined: number;
  connected: number;
  /** Acknowledged votes by poll, and how many phones have each step (`step:N`, `revealed`, `ended`) on screen. */
  acked: Record<string, number>;
  seen: Record<string, number>;
}

export interface PhonesReport {
  type: "report";
  /** Per shown thing (`step:N`, `revealed`, `ended`): for each phone, when the event was read and when it was parsed. */
  arrivals: Record<string, Array<[phone: number, read: number, parsed: number]>>;
  votes: VoteRecord[];
  pageMs: number[];
  streamMs: number[];
  problems: Record<string, number>;
  reconnections: number;
  /** Streams not open at the end of the round, and not closed by the seminar's end. */
  unrecovered: number;
  eventsRead: number;
  bytesRead: number;
  parseMs: number[];
  loopDelay: { p50: number; p99: number; max: number };
  cpuMs: number;
  wallMs: number;
}
