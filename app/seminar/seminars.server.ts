/**
 * The seminar functions the routes call, on the app's database (see
 * db.server.ts for which one). The database opens and migrates when the server
 * starts; a production server that cannot open it exits with the reason.
 * The rules themselves live in service.server.ts.
 */
import { configFromEnv, openStore } from "./db.server";
import { createSeminars, type PollKind, type SeminarState, type Seminars } from "./service.server";

export {
  CHOICES,
  CODE_ALPHABET,
  normalizeCode,
  POLLS,
  QUESTION_MAX_LENGTH,
  SeminarError,
  type Choice,
  type PollKind,
  type RoomQuestion,
  type SeminarExport,
  type SeminarState,
  type Tally,
  type TopicResults,
} from "./service.server";

/** How often idle seminars are ended and old ones deleted. */
const SWEEP_EVERY_MS = 60_000;

/** Aborted when the server shuts down: live streams close so that the server can stop. */
export const shutdown = new AbortController();

async function open(): Promise<Seminars> {
  const store = await openStore(configFromEnv());
  const seminars = createSeminars(store);
  // Seminars that went idle while no server ran end now, not a minute later.
  await seminars.sweep();
  const sweeping = setInterval(() => seminars.sweep().catch((error: Error) => console.error(`seminar sweep failed: ${error.message}`)), SWEEP_EVERY_MS);
  // The sweep must not keep a stopping server alive.
  sweeping.unref();
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      shutdown.abort();
      clearInterval(sweeping);
      // PGlite writes its last pages on close; a stuck close must still not keep the process.
      setTimeout(() => process.exit(0), 5_000).unref();
      store.close().catch((error: Error) => console.error(`closing the seminar database: ${error.message}`));
    });
  }
  return seminars;
}

// The dev server re-imports the app on every change: keep one database per process.
const holder = globalThis as typeof globalThis & { __counterpointSeminars?: Promise<Seminars> };
const ready = (holder.__counterpointSeminars ??= open());

if (process.env.NODE_ENV === "production") {
  try {
    await ready;
  } catch (error) {
    console.error(`Counterpoint cannot open the seminar database: ${(error as Error).message}`);
    process.exit(1);
  }
}

export const createSeminar = async (topic: string) => (await ready).createSeminar(topic);
export const getState = async (code: string) => (await ready).getState(code);
export const isHostSecret = async (code: string, secret: string) => (await ready).isHostSecret(code, secret);
export const isParticipant = async (code: string, participantId: string) => (await ready).isParticipant(code, participantId);
export const join = async (code: string, participantId: string) => (await ready).join(code, participantId);
export const setStep = async (code: string, topic: string, step: number) => (await ready).setStep(code, topic, step);
export const setPaused = async (code: string, paused: boolean) => (await ready).setPaused(code, paused);
export const setRevealed = async (code: string, revealed: boolean) => (await ready).setRevealed(code, revealed);
export const endSeminar = async (code: string) => (await ready).endSeminar(code);
export const vote = async (code: string, participantId: string, poll: PollKind, choice: string) => (await ready).vote(code, participantId, poll, choice);
export const myVotes = async (code: string, participantId: string, topic: string) => (await ready).myVotes(code, participantId, topic);
export const ask = async (code: string, participantId: string, text: string) => (await ready).ask(code, participantId, text);
export const upvote = async (code: string, participantId: string, questionId: number) => (await ready).upvote(code, participantId, questionId);
export const setQuestionHidden = async (code: string, questionId: number, hidden: boolean) => (await ready).setQuestionHidden(code, questionId, hidden);
export const questions = async (code: string, options: { participantId?: string; includeHidden: boolean }) => (await ready).questions(code, options);
export const results = async (code: string, topic: string) => (await ready).results(code, topic);
export const exportResults = async (code: string) => (await ready).exportResults(code);
export const sweep = async (now?: Date) => (await ready).sweep(now);

/** Follows a seminar's state, from any process on the same database; returns the unsubscribe. */
export function subscribe(code: string, listener: (state: SeminarState) => void): () => void {
  let unsubscribe: (() => void) | undefined;
  let cancelled = false;
  void ready.then((seminars) => {
    if (!cancelled) unsubscribe = seminars.subscribe(code, listener);
  });
  return () => {
    cancelled = true;
    unsubscribe?.();
  };
}
