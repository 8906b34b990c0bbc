/**
 * The seminar rules over one database. `createSeminars(store)` is what
 * seminars.server.ts wires to the app's database; tests build their own on a
 * throwaway PGlite folder or PostgreSQL database, with a clock they control.
 *
 * Every change anyone should see bumps the seminar's `version` and announces
 * it (NOTIFY, delivered on commit), so live streams in every process follow.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { and, asc, desc, eq, getTableColumns, isNull, sql } from "drizzle-orm";
import { stepsOf, type StepOutline } from "./present.server";
import { getContent } from "~/models/content.server";
import { CHANGES_CHANNEL, rowsOf, type Store } from "./db.server";
import { Fanout } from "./events.server";
import { participants, questionUpvotes, roomQuestions, seminars, votes } from "./schema.server";

export type Choice = "yes" | "no" | "mixed" | "unsure";
export type PollKind = "before" | "after" | "strongest";
export const CHOICES: readonly Choice[] = ["yes", "no", "mixed", "unsure"];
export const POLLS: readonly PollKind[] = ["before", "after", "strongest"];

export interface SeminarState {
  code: string;
  topic: string;
  step: number;
  /** Total steps of the topic. */
  total: number;
  paused: boolean;
  revealed: boolean;
  ended: boolean;
  version: number;
  /** Distinct participants who joined. */
  participants: number;
  /** Which poll accepts votes at this step. */
  openPoll: PollKind | null;
  /** Grows when a room question is added, upvoted, hidden or shown again. */
  questionsVersion: number;
}

export interface RoomQuestion {
  id: number;
  text: string;
  votes: number;
  hidden: boolean;
  createdAt: string;
  mine: boolean;
  upvoted: boolean;
}

export interface Tally {
  counts: Record<string, number>;
  total: number;
}

export interface TopicResults {
  topic: string;
  before: Tally;
  after: Tally;
  strongest: Tally;
  /** After share minus before share, in percentage points, to one decimal. */
  shift: Record<Choice, number>;
}

export interface SeminarExport {
  seminar: { code: string; topic: string; step: number; participants: number; createdAt: string; endedAt: string | null };
  topics: TopicResults[];
  questions: RoomQuestion[];
}

/** A refusal a person can act on, with the HTTP status it answers. */
export class SeminarError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = "SeminarError";
  }
}

/** No 0/O, 1/I/L: a code read off a projector is typed without doubt. */
export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const CODE_LENGTH = 6;
const CODE_PATTERN = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

/** The canonical form of a typed code (upper case, spaces and dashes dropped), or null if it cannot be one. */
export function normalizeCode(input: string): string | null {
  const code = input.replace(/[\s-]+/g, "").toUpperCase();
  return CODE_PATTERN.test(code) ? code : null;
}

export const QUESTION_MAX_LENGTH = 280;
// Control characters, and the bidirectional overrides that would make a question display as other text.
const REFUSED_CHARACTERS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

/** A room question as stored: trimmed, whitespace runs as one space; throws 400 for what cannot be one. */
export function cleanQuestion(text: string): string {
  const clean = text.replace(/[\t\n\r ]+/g, " ").trim();
  if (clean.length === 0) throw new SeminarError(400, "Write a question first: it is empty.");
  const length = [...clean].length;
  if (length > QUESTION_MAX_LENGTH) {
    throw new SeminarError(400, `A question can have at most ${QUESTION_MAX_LENGTH} characters; this one has ${length}. Shorten it and send it again.`);
  }
  if (REFUSED_CHARACTERS.test(clean)) throw new SeminarError(400, "A question is plain text: remove the control characters from it.");
  return clean;
}

/** The poll a step asks: before on the question and overview, the strongest case on a viewpoint's screens, after on the closing screen. */
export function pollAt(step: StepOutline | undefined): PollKind | null {
  switch (step?.kind) {
    case "question":
    case "overview":
      return "before";
    case "viewpoint":
    case "item":
      return "strongest";
    case "closing":
      return "after";
    default:
      return null;
  }
}

/** The viewpoints a "strongest case" vote may name on a topic: those with screens of their own. */
function viewpointsOf(steps: StepOutline[]): string[] {
  return [...new Set(steps.flatMap((step) => (step.viewpoint ? [step.viewpoint] : [])))];
}

export function hashSecret(secret: string): Buffer {
  return createHash("sha256").update(secret, "utf8").digest();
}

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!(value > 0)) throw new Error(`${name} must be a positive number, not "${raw}"`);
  return value;
}

export interface SeminarOptions {
  /** The clock: tests move it to expire seminars. */
  now?: () => Date;
  idleHours?: number;
  retentionDays?: number;
}

const HOUR = 3_600_000;

type SeminarRow = typeof seminars.$inferSelect & { participants: number };

export function createSeminars(store: Store, options: SeminarOptions = {}) {
  const { db } = store;
  const now = options.now ?? (() => new Date());
  const idleMs = (options.idleHours ?? numberFromEnv("SEMINAR_IDLE_HOURS", 12)) * HOUR;
  const retentionMs = (options.retentionDays ?? numberFromEnv("SEMINAR_RETENTION_DAYS", 30)) * 24 * HOUR;

  const participantCount = sql<number>`(SELECT count(*)::int FROM ${participants} WHERE ${participants.seminarCode} = ${seminars.code})`.mapWith(Number);

  async function row(code: string): Promise<SeminarRow | undefined> {
    const [found] = await db
      .select({ ...getTableColumns(seminars), participants: participantCount })
      .from(seminars)
      .where(eq(seminars.code, code));
    return found;
  }

  function stateOf(seminar: SeminarRow): SeminarState {
    const steps = stepsOf(seminar.topic) ?? [];
    const ended = seminar.endedAt !== null;
    return {
      code: seminar.code,
      topic: seminar.topic,
      step: seminar.step,
      total: steps.length,
      paused: seminar.paused,
      revealed: seminar.revealed,
      ended,
      version: seminar.version,
      participants: seminar.participants,
      openPoll: ended ? null : pollAt(steps[seminar.step - 1]),
      questionsVersion: seminar.questionsVersion,
    };
  }

  /** The seminar of a code, refusing unknown and ended ones with the message a person needs. */
  async function live(code: string): Promise<SeminarRow> {
    const canonical = normalizeCode(code);
    const seminar = canonical ? await row(canonical) : undefined;
    if (!seminar) throw new SeminarError(404, `No seminar has the code "${code}". Check the code on the projector and try again.`);
    if (seminar.endedAt) throw new SeminarError(404, "This seminar has ended.");
    return seminar;
  }

  /**
   * Applies `changes` to a live seminar, bumps its version and announces it,
   * in one statement: the announcement is sent only if the change commits.
   */
  async function change(code: string, changes: Partial<typeof seminars.$inferInsert>, alsoQuestions = false): Promise<void> {
    const seminar = await live(code);
    const [changed] = await db
      .update(seminars)
      .set({
        ...changes,
        version: sql`${seminars.version} + 1`,
        ...(alsoQuestions ? { questionsVersion: sql`${seminars.questionsVersion} + 1` } : {}),
        lastActiveAt: now(),
      })
      .where(and(eq(seminars.code, seminar.code), isNull(seminars.endedAt)))
      .returning({ version: seminars.version, notified: sql`pg_notify(${CHANGES_CHANNEL}, ${seminars.code} || ':' || ${seminars.version})` });
    if (!changed) throw new SeminarError(404, "This seminar has ended.");
  }

  const fanout = new Fanout(store, (code) => getState(code));

  async function getState(code: string): Promise<SeminarState | null> {
    const canonical = normalizeCode(code);
    const seminar = canonical ? await row(canonical) : undefined;
    return seminar ? stateOf(seminar) : null;
  }

  async function createSeminar(topic: string): Promise<{ code: string; hostSecret: string; state: SeminarState }> {
    const steps = stepsOf(topic);
    if (!steps) throw new SeminarError(400, `There is no question "${topic}" to run a seminar on.`);
    const hostSecret = randomBytes(32).toString("base64url");
    const started = now();
    // 31^6 codes: a clash is rare, and the primary key refuses it, so draw again.
    for (let attempt = 0; attempt < 10; attempt++) {
      const code = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
      const [created] = await db
        .insert(seminars)
        .values({ code, hostSecretHash: hashSecret(hostSecret).toString("hex"), topic, step: 1, createdAt: started, lastActiveAt: started })
        .onConflictDoNothing()
        .returning({ code: seminars.code });
      if (created) return { code, hostSecret, state: (await getState(code))! };
    }
    throw new Error("Could not find a free seminar code after 10 tries");
  }

  async function isHostSecret(code: string, secret: string): Promise<boolean> {
    const canonical = normalizeCode(code);
    if (!canonical || !secret) return false;
    const [found] = await db.select({ hash: seminars.hostSecretHash }).from(seminars).where(eq(seminars.code, canonical));
    if (!found) return false;
    return timingSafeEqual(Buffer.from(found.hash, "hex"), hashSecret(secret));
  }

  async function isParticipant(code: string, participantId: string): Promise<boolean> {
    const canonical = normalizeCode(code);
    if (!canonical) return false;
    const [found] = await db
      .select({ id: participants.participantId })
      .from(participants)
      .where(and(eq(participants.seminarCode, canonical), eq(participants.participantId, participantId)));
    return Boolean(found);
  }

  async function join(code: string, participantId: string): Promise<void> {
    const seminar = await live(code);
    const at = now();
    // Joining again is a no-op; a first join is counted, and changes what the host sees.
    await db.execute(sql`
      WITH joined AS (
        INSERT INTO ${participants} (seminar_code, participant_id, joined_at)
        VALUES (${seminar.code}, ${participantId}, ${at.toISOString()}::timestamptz)
        ON CONFLICT DO NOTHING
        RETURNING seminar_code
      )
      UPDATE ${seminars} SET version = version + 1, last_active_at = ${at.toISOString()}::timestamptz
      WHERE code IN (SELECT seminar_code FROM joined) AND ended_at IS NULL
      RETURNING pg_notify(${CHANGES_CHANNEL}, code || ':' || version)`);
  }

  async function setStep(code: string, topic: string, step: number): Promise<void> {
    const steps = stepsOf(topic);
    if (!steps) throw new SeminarError(400, `There is no question "${topic}".`);
    if (!Number.isInteger(step) || step < 1 || step > steps.length) {
      throw new SeminarError(400, `Step ${step} is not in "${topic}": its steps run from 1 to ${steps.length}.`);
    }
    const seminar = await live(code);
    // The results shown belong to a topic: another topic starts concealed.
    await change(code, seminar.topic === topic ? { step } : { topic, step, revealed: false });
  }

  const setPaused = (code: string, paused: boolean) => change(code, { paused });
  const setRevealed = (code: string, revealed: boolean) => change(code, { revealed });
  const endSeminar = (code: string) => change(code, { endedAt: now() });

  /** Why `poll` cannot take `choice` on this seminar now, or null if it can. */
  function refusalOf(seminar: SeminarRow, poll: PollKind, choice: string): SeminarError | null {
    const steps = stepsOf(seminar.topic) ?? [];
    const step = steps[seminar.step - 1];
    if (poll === "strongest") {
      const viewpoints = viewpointsOf(steps);
      if (!viewpoints.includes(choice)) return new SeminarError(400, `"${choice}" is not a viewpoint on this question; choose one of: ${viewpoints.join(", ")}.`);
    } else if (!CHOICES.includes(choice as Choice)) {
      return new SeminarError(400, `"${choice}" is not an answer to "Where do you stand?"; choose one of: ${CHOICES.join(", ")}.`);
    }
    if (pollAt(step) !== poll) {
      const when = { before: "at the start of the question", after: "on its closing screen", strongest: "on a viewpoint's screens" }[poll];
      return new SeminarError(409, `The "${poll}" poll is not open now: it is open ${when}.`);
    }
    if (poll === "strongest" && step?.viewpoint !== choice) {
      return new SeminarError(409, `You can name the strongest case while its viewpoint is on the screen; now it is "${step?.viewpoint}".`);
    }
    return null;
  }

  interface Ballot {
    participantId: string;
    poll: PollKind;
    choice: string;
    resolve: (state: SeminarState) => void;
    reject: (error: unknown) => void;
  }

  /**
   * Votes come in bursts (a room answering at once). Those that arrive while
   * a seminar's previous votes are being written wait and go in together: one
   * read, one write and one announcement for the lot, so a single-threaded
   * PGlite keeps up with a whole room.
   */
  const ballots = new Map<string, Ballot[]>();
  const counting = new Set<string>();

  async function count(code: string) {
    counting.add(code);
    try {
      let batch: Ballot[] | undefined;
      while ((batch = ballots.get(code))) {
        ballots.delete(code);
        await countBatch(code, batch).catch((error: unknown) => batch!.forEach((ballot) => ballot.reject(error)));
      }
    } finally {
      counting.delete(code);
    }
  }

  async function countBatch(code: string, batch: Ballot[]) {
    const seminar = await live(code);
    const accepted = new Map<string, Ballot>();
    for (const ballot of batch) {
      const refused = refusalOf(seminar, ballot.poll, ballot.choice);
      if (refused) ballot.reject(refused);
      // The same participant twice in one batch: the later vote replaces the earlier, as it would one at a time.
      else accepted.set(`${ballot.participantId}\u0000${ballot.poll}`, ballot);
    }
    if (accepted.size === 0) return;
    const at = now().toISOString();
    const incoming = sql.join(
      [...accepted.values()].map((ballot) => sql`(${ballot.participantId}::text, ${ballot.poll}::text, ${ballot.choice}::text)`),
      sql`, `,
    );
    // Valid only if the seminar is still on the step checked above: a host who moved on
    // meanwhile closed the poll, and the votes are refused, not filed under another step.
    const [done] = await rowsOf<{ version: number }>(
      db.execute(sql`
        WITH current AS (
          UPDATE ${seminars} SET version = version + 1, last_active_at = ${at}::timestamptz
          WHERE code = ${seminar.code} AND topic = ${seminar.topic} AND step = ${seminar.step} AND ended_at IS NULL
          RETURNING code, version
        ), incoming (participant_id, poll, choice) AS (VALUES ${incoming}
        ), joined AS (
          INSERT INTO ${participants} (seminar_code, participant_id, joined_at)
          SELECT code, participant_id, ${at}::timestamptz FROM current, incoming
          ON CONFLICT DO NOTHING
        ), voted AS (
          INSERT INTO ${votes} (seminar_code, topic, poll, participant_id, choice, voted_at)
          SELECT code, ${seminar.topic}, poll, participant_id, choice, ${at}::timestamptz FROM current, incoming
          ON CONFLICT (seminar_code, topic, poll, participant_id) DO UPDATE SET choice = excluded.choice, voted_at = excluded.voted_at
        )
        SELECT version, pg_notify(${CHANGES_CHANNEL}, code || ':' || version) FROM current`),
    );
    if (!done) {
      // The step changed between the read and the write: judge the votes again on the new one.
      for (const ballot of accepted.values()) enqueue(seminar.code, ballot);
      return;
    }
    const state = (await getState(seminar.code))!;
    for (const ballot of accepted.values()) ballot.resolve(state);
  }

  function enqueue(code: string, ballot: Ballot) {
    const waiting = ballots.get(code);
    if (waiting) waiting.push(ballot);
    else ballots.set(code, [ballot]);
    if (!counting.has(code)) void count(code);
  }

  /** Records a participant's vote, replacing their earlier one in the same poll; resolves with the state after it. */
  function vote(code: string, participantId: string, poll: PollKind, choice: string): Promise<SeminarState> {
    const canonical = normalizeCode(code);
    if (!canonical) return Promise.reject(new SeminarError(404, `No seminar has the code "${code}". Check the code on the projector and try again.`));
    return new Promise((resolve, reject) => enqueue(canonical, { participantId, poll, choice, resolve, reject }));
  }

  async function myVotes(code: string, participantId: string, topic: string): Promise<Partial<Record<PollKind, string>>> {
    const canonical = normalizeCode(code);
    if (!canonical) return {};
    const mine = await db
      .select({ poll: votes.poll, choice: votes.choice })
      .from(votes)
      .where(and(eq(votes.seminarCode, canonical), eq(votes.topic, topic), eq(votes.participantId, participantId)));
    return Object.fromEntries(mine.map((vote) => [vote.poll, vote.choice]));
  }

  async function ask(code: string, participantId: string, text: string): Promise<RoomQuestion> {
    const clean = cleanQuestion(text);
    const seminar = await live(code);
    const at = now();
    const asked = await db.transaction(async (tx) => {
      await tx.insert(participants).values({ seminarCode: seminar.code, participantId, joinedAt: at }).onConflictDoNothing();
      const [asked] = await tx.insert(roomQuestions).values({ seminarCode: seminar.code, participantId, text: clean, createdAt: at }).returning();
      const [changed] = await tx
        .update(seminars)
        .set({ version: sql`${seminars.version} + 1`, questionsVersion: sql`${seminars.questionsVersion} + 1`, lastActiveAt: at })
        .where(and(eq(seminars.code, seminar.code), isNull(seminars.endedAt)))
        .returning({ notified: sql`pg_notify(${CHANGES_CHANNEL}, ${seminars.code} || ':' || ${seminars.version})` });
      if (!changed) throw new SeminarError(404, "This seminar has ended.");
      return asked!;
    });
    return { id: asked.id, text: asked.text, votes: asked.votes, hidden: asked.hidden, createdAt: asked.createdAt.toISOString(), mine: true, upvoted: false };
  }

  async function questionOf(code: string, questionId: number) {
    const seminar = await live(code);
    const [question] = await db
      .select({ id: roomQuestions.id, hidden: roomQuestions.hidden })
      .from(roomQuestions)
      .where(and(eq(roomQuestions.id, questionId), eq(roomQuestions.seminarCode, seminar.code)));
    if (!question) throw new SeminarError(404, `There is no question ${questionId} in this seminar.`);
    return { seminar, question };
  }

  async function upvote(code: string, participantId: string, questionId: number): Promise<void> {
    const { seminar, question } = await questionOf(code, questionId);
    if (question.hidden) throw new SeminarError(404, "The host has hidden this question.");
    const at = now().toISOString();
    // Counted once per participant: a second upvote changes nothing and announces nothing.
    await db.execute(sql`
      WITH upvoted AS (
        INSERT INTO ${questionUpvotes} (question_id, participant_id) VALUES (${questionId}, ${participantId})
        ON CONFLICT DO NOTHING RETURNING question_id
      ), counted AS (
        UPDATE ${roomQuestions} SET votes = votes + 1 WHERE id IN (SELECT question_id FROM upvoted)
      ), joined AS (
        INSERT INTO ${participants} (seminar_code, participant_id, joined_at) VALUES (${seminar.code}, ${participantId}, ${at}::timestamptz)
        ON CONFLICT DO NOTHING
      )
      UPDATE ${seminars} SET version = version + 1, questions_version = questions_version + 1, last_active_at = ${at}::timestamptz
      WHERE code = ${seminar.code} AND ended_at IS NULL AND EXISTS (SELECT 1 FROM upvoted)
      RETURNING pg_notify(${CHANGES_CHANNEL}, code || ':' || version)`);
  }

  async function setQuestionHidden(code: string, questionId: number, hidden: boolean): Promise<void> {
    await questionOf(code, questionId);
    await db.transaction(async (tx) => {
      await tx.update(roomQuestions).set({ hidden }).where(eq(roomQuestions.id, questionId));
      await tx
        .update(seminars)
        .set({ version: sql`${seminars.version} + 1`, questionsVersion: sql`${seminars.questionsVersion} + 1`, lastActiveAt: now() })
        .where(eq(seminars.code, normalizeCode(code)!))
        .returning({ notified: sql`pg_notify(${CHANGES_CHANNEL}, ${seminars.code} || ':' || ${seminars.version})` });
    });
  }

  async function questions(code: string, { participantId, includeHidden }: { participantId?: string; includeHidden: boolean }): Promise<RoomQuestion[]> {
    const canonical = normalizeCode(code);
    if (!canonical) return [];
    const who = participantId ?? "";
    const found = await db
      .select({
        id: roomQuestions.id,
        text: roomQuestions.text,
        votes: roomQuestions.votes,
        hidden: roomQuestions.hidden,
        createdAt: roomQuestions.createdAt,
        mine: sql<boolean>`${roomQuestions.participantId} = ${who}`,
        upvoted: sql<boolean>`EXISTS (SELECT 1 FROM ${questionUpvotes} WHERE ${questionUpvotes.questionId} = ${roomQuestions.id} AND ${questionUpvotes.participantId} = ${who})`,
      })
      .from(roomQuestions)
      .where(and(eq(roomQuestions.seminarCode, canonical), includeHidden ? undefined : eq(roomQuestions.hidden, false)))
      .orderBy(desc(roomQuestions.votes), asc(roomQuestions.createdAt), asc(roomQuestions.id));
    return found.map((question) => ({ ...question, createdAt: question.createdAt.toISOString(), mine: Boolean(question.mine), upvoted: Boolean(question.upvoted) }));
  }

  function tally(keys: string[], counted: Map<string, number>): Tally {
    const counts = Object.fromEntries(keys.map((key) => [key, counted.get(key) ?? 0]));
    return { counts, total: Object.values(counts).reduce((sum, count) => sum + count, 0) };
  }

  function share(tally: Tally, choice: Choice): number {
    return tally.total === 0 ? 0 : (100 * (tally.counts[choice] ?? 0)) / tally.total;
  }

  async function resultsOf(canonical: string, topic: string): Promise<TopicResults> {
    const counted = await db
      .select({ poll: votes.poll, choice: votes.choice, votes: sql<number>`count(*)::int`.mapWith(Number) })
      .from(votes)
      .where(and(eq(votes.seminarCode, canonical), eq(votes.topic, topic)))
      .groupBy(votes.poll, votes.choice);
    const byPoll = (poll: PollKind) => new Map(counted.filter((row) => row.poll === poll).map((row) => [row.choice, row.votes]));
    const before = tally([...CHOICES], byPoll("before"));
    const after = tally([...CHOICES], byPoll("after"));
    const strongest = tally(viewpointsOf(stepsOf(topic) ?? []), byPoll("strongest"));
    const shift = Object.fromEntries(CHOICES.map((choice) => [choice, Math.round((share(after, choice) - share(before, choice)) * 10) / 10])) as Record<Choice, number>;
    return { topic, before, after, strongest, shift };
  }

  /** A seminar's results, ended or not (the host downloads them until deletion). */
  async function existing(code: string): Promise<SeminarRow> {
    const canonical = normalizeCode(code);
    const seminar = canonical ? await row(canonical) : undefined;
    if (!seminar) throw new SeminarError(404, `No seminar has the code "${code}".`);
    return seminar;
  }

  async function results(code: string, topic: string): Promise<TopicResults> {
    const seminar = await existing(code);
    return resultsOf(seminar.code, topic);
  }

  async function exportResults(code: string): Promise<SeminarExport> {
    const seminar = await existing(code);
    const voted = await db.selectDistinct({ topic: votes.topic }).from(votes).where(eq(votes.seminarCode, seminar.code));
    // The current topic and every topic the room voted on, in the debate's order.
    const wanted = new Set([seminar.topic, ...voted.map((row) => row.topic)]);
    const order = getContent().debate.topics.map((topic) => topic.id);
    const topics = [...wanted].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    return {
      seminar: {
        code: seminar.code,
        topic: seminar.topic,
        step: seminar.step,
        participants: seminar.participants,
        createdAt: seminar.createdAt.toISOString(),
        endedAt: seminar.endedAt?.toISOString() ?? null,
      },
      topics: await Promise.all(topics.map((topic) => resultsOf(seminar.code, topic))),
      questions: (await questions(seminar.code, { includeHidden: true })).map((question) => ({ ...question, mine: false, upvoted: false })),
    };
  }

  /** Ends seminars idle too long, and deletes those ended longer ago than the retention. */
  async function sweep(at: Date = now()): Promise<{ ended: number; deleted: number }> {
    const ended = await db
      .update(seminars)
      .set({ endedAt: sql`${seminars.lastActiveAt} + ${`${idleMs} milliseconds`}::interval`, version: sql`${seminars.version} + 1` })
      .where(and(isNull(seminars.endedAt), sql`${seminars.lastActiveAt} < ${new Date(at.getTime() - idleMs).toISOString()}::timestamptz`))
      .returning({ notified: sql`pg_notify(${CHANGES_CHANNEL}, ${seminars.code} || ':' || ${seminars.version})` });
    const deleted = await db
      .delete(seminars)
      .where(sql`${seminars.endedAt} < ${new Date(at.getTime() - retentionMs).toISOString()}::timestamptz`)
      .returning({ code: seminars.code });
    return { ended: ended.length, deleted: deleted.length };
  }

  return {
    store,
    createSeminar,
    getState,
    isHostSecret,
    isParticipant,
    join,
    setStep,
    setPaused,
    setRevealed,
    endSeminar,
    vote,
    myVotes,
    ask,
    upvote,
    setQuestionHidden,
    questions,
    results,
    exportResults,
    subscribe: (code: string, listener: (state: SeminarState) => void) => fanout.subscribe(normalizeCode(code) ?? code, listener),
    /** Resolves once live changes reach this process's subscribers. */
    listening: () => fanout.ready(),
    sweep,
  };
}

export type Seminars = ReturnType<typeof createSeminars>;
