/**
 * The seminar rules over one database. `createSeminars(store, content)` is
 * what seminars.server.ts wires to the app's database and the debate; tests
 * build their own on a throwaway PGlite folder or PostgreSQL database, with a
 * clock they control and any debate.
 *
 * Every change the host should see bumps the seminar's `version`, and every
 * change the phones show bumps `room_version` too; each is announced
 * (NOTIFY, delivered on commit), so live streams in every process follow.
 * Votes are written in groups (group-commit.ts) and announced at most every
 * VOTES_ANNOUNCED_EVERY_MS, so a room answering at once costs a handful of
 * transactions and announcements (decision 015).
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { LRUCache } from "lru-cache";
import { and, asc, desc, eq, getTableColumns, gt, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { CHANGES_CHANNEL, rowsOf, type Store } from "./db.server";
import { Fanout } from "./events.server";
import { GroupCommit } from "./group-commit";
import { SharedReads } from "./shared-reads";
import { direction, pairAnswers, type PairedResults } from "./paired";
import { openPollsAt, POLL_KINDS, POLLS, type PollKind, type StanceChoice } from "./polls";
import { CODE_ALPHABET, CODE_LENGTH, cleanQuestion, ENDED_MESSAGE, normalizeCode, REOPEN_MINUTES, SeminarError, unknownCode } from "./rules";
import { participants, presence, questionUpvotes, roomQuestions, seminars, votes } from "./schema.server";
import type { SeminarContent, SeminarTopic } from "./topic";

/** What the phones' requests need of a seminar's state: all of it but the participant count. */
export type RoomState = Omit<SeminarState, "participants">;

export interface SeminarState {
  code: string;
  topic: string;
  step: number;
  /** Total steps of the topic. */
  total: number;
  paused: boolean;
  revealed: boolean;
  ended: boolean;
  /** Until when the host may take the ending back (ISO time), while that is possible. */
  reopenableUntil: string | null;
  /** Every change the host sees. */
  version: number;
  /** Every change the phones show. */
  roomVersion: number;
  /** Grows when a room question is added, upvoted, hidden or shown again. */
  questionsVersion: number;
  /** Distinct participants who ever joined. */
  participants: number;
  /** The polls that take answers at this step. */
  openPolls: PollKind[];
  /** The first of them, for clients that know one poll at a time. */
  openPoll: PollKind | null;
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
  /** How many named each claim (or something else) as what moved them, counting only those whose answer changed. */
  moved: Record<string, number>;
  /** The same, by the direction of the change: toward yes, toward no, and other changes (to or from unsure). */
  movedBySide: { towardYes: Record<string, number>; towardNo: Record<string, number>; other: Record<string, number> };
  paired: PairedResults;
  /** After share minus before share, in percentage points, to one decimal; null until the after poll has answers. */
  shift: Record<StanceChoice, number> | null;
}

export interface SeminarExport {
  seminar: { code: string; topic: string; step: number; participants: number; createdAt: string; endedAt: string | null };
  topics: TopicResults[];
  questions: RoomQuestion[];
}

/** One participant's answers on one question, as the tidy CSV has them; the participant by a pseudonym. */
export interface AnswerRow {
  participant: string;
  topic: string;
  answers: Partial<Record<PollKind, string>>;
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
  /** How long a vote waits for others to be written with it. */
  voteWindowMs?: number;
}

const HOUR = 3_600_000;
/** Votes move the host's tallies; announcing them this often keeps the tallies live without a storm of events. */
const VOTES_ANNOUNCED_EVERY_MS = 150;
/** A process's count of connected phones older than this is no longer counted. */
const PRESENCE_FRESH_MS = 20_000;

type SeminarRow = typeof seminars.$inferSelect & { participants?: number };
/** What a host's change sets: values, or SQL computed from the row. */
type SeminarChanges = { [Column in keyof typeof seminars.$inferInsert]?: (typeof seminars.$inferInsert)[Column] | SQL };

interface Joiner {
  participantId: string;
  at: Date;
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface Ballot {
  participantId: string;
  poll: PollKind;
  choice: string;
  /** The question the phone was showing when it voted: a vote that arrives after the host moved on is not filed under another. */
  topic?: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export function createSeminars(store: Store, content: SeminarContent, options: SeminarOptions = {}) {
  const { db } = store;
  const now = options.now ?? (() => new Date());
  const idleMs = (options.idleHours ?? numberFromEnv("SEMINAR_IDLE_HOURS", 12)) * HOUR;
  const retentionMs = (options.retentionDays ?? numberFromEnv("SEMINAR_RETENTION_DAYS", 30)) * 24 * HOUR;
  const reopenMs = REOPEN_MINUTES * 60_000;

  const topicOf = (id: string): SeminarTopic | undefined => content.topics.get(id);
  const participantCount = sql<number>`(SELECT count(*)::int FROM ${participants} WHERE ${participants.seminarCode} = ${seminars.code})`.mapWith(Number);

  // Prepared once: the statement is neither built nor planned again.
  const seminarRow = db.select().from(seminars).where(eq(seminars.code, sql.placeholder("code"))).prepare("seminar_row");
  // Read for every phone that joins, by everyone asking at once together.
  const currentRows = new SharedReads(async (code) => (await seminarRow.execute({ code }))[0]);

  /**
   * The seminar's row; with `participants`, its participant count too, which
   * reads every join of the room: only the views that show it ask for it.
   */
  async function row(code: string, { participants: counted = false } = {}): Promise<SeminarRow | undefined> {
    if (!counted) return currentRows.get(code);
    const [found] = await db
      .select({ ...getTableColumns(seminars), ...(counted ? { participants: participantCount } : {}) })
      .from(seminars)
      .where(eq(seminars.code, code));
    return found;
  }

  function roomStateOf(seminar: SeminarRow): RoomState {
    const steps = topicOf(seminar.topic)?.steps ?? [];
    const ended = seminar.endedAt !== null;
    const reopenable = ended && seminar.endedAt!.getTime() + reopenMs > now().getTime();
    const openPolls = ended ? [] : openPollsAt(steps[seminar.step - 1]);
    return {
      code: seminar.code,
      topic: seminar.topic,
      step: seminar.step,
      total: steps.length,
      paused: seminar.paused,
      revealed: seminar.revealed,
      ended,
      reopenableUntil: reopenable ? new Date(seminar.endedAt!.getTime() + reopenMs).toISOString() : null,
      version: seminar.version,
      roomVersion: seminar.roomVersion,
      questionsVersion: seminar.questionsVersion,
      openPolls,
      openPoll: openPolls[0] ?? null,
    };
  }

  /** The seminar of a code, refusing unknown (404) and ended (410) ones with the message a person needs. */
  async function live(code: string): Promise<SeminarRow> {
    const canonical = normalizeCode(code);
    const seminar = canonical ? await row(canonical) : undefined;
    if (!seminar) throw unknownCode(code);
    if (seminar.endedAt) throw new SeminarError(410, ENDED_MESSAGE);
    return seminar;
  }

  /** Any seminar that has not been deleted: the host's results outlive the ending. */
  async function existing(code: string, options: { participants?: boolean } = {}): Promise<SeminarRow> {
    const canonical = normalizeCode(code);
    const seminar = canonical ? await row(canonical, options) : undefined;
    if (!seminar) throw unknownCode(code);
    return seminar;
  }

  const versionBump = (room: boolean, questions = false) => ({
    version: sql`${seminars.version} + 1`,
    ...(room ? { roomVersion: sql`${seminars.roomVersion} + 1` } : {}),
    ...(questions ? { questionsVersion: sql`${seminars.questionsVersion} + 1` } : {}),
  });
  const notified = { notified: sql`pg_notify(${CHANGES_CHANNEL}, ${seminars.code} || ':' || ${seminars.version})` };

  /**
   * Applies `changes` to a live seminar, bumps its versions and announces it,
   * in one statement (one round trip, nothing read first): the announcement
   * is sent only if the change commits.
   */
  async function change(code: string, changes: SeminarChanges, { room = true, questions = false } = {}): Promise<void> {
    const canonical = normalizeCode(code);
    if (!canonical) throw unknownCode(code);
    const [changed] = await db
      .update(seminars)
      .set({ ...changes, ...versionBump(room, questions), lastActiveAt: now() })
      .where(and(eq(seminars.code, canonical), isNull(seminars.endedAt)))
      .returning(notified);
    // Nothing changed: say why (unknown, 404, or ended, 410), reading it only now.
    if (!changed) {
      await live(canonical);
      throw new SeminarError(410, ENDED_MESSAGE);
    }
  }

  const fanout = new Fanout<SeminarState>(store, (code) => getState(code));

  async function getState(code: string): Promise<SeminarState | null> {
    const canonical = normalizeCode(code);
    const seminar = canonical ? await row(canonical, { participants: true }) : undefined;
    return seminar ? { ...roomStateOf(seminar), participants: seminar.participants ?? 0 } : null;
  }

  /** The state without the participant count: what every request into a seminar checks first. */
  async function getRoomState(code: string): Promise<RoomState | null> {
    const canonical = normalizeCode(code);
    const seminar = canonical ? await row(canonical) : undefined;
    return seminar ? roomStateOf(seminar) : null;
  }

  async function createSeminar(topic: string): Promise<{ code: string; hostSecret: string; state: SeminarState }> {
    if (!topicOf(topic)) throw new SeminarError(400, `There is no question "${topic.slice(0, 60)}" to run a seminar on.`);
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

  /**
   * Writes the joins of one seminar that arrived together in one statement,
   * each with the moment it arrived (the order P1, P2, … follows), and
   * announces them once (the statement reads the announcement back, so that
   * it is made whether or not its rows are needed). Joining again changes
   * nothing. The statement checks that the seminar is live itself; only when
   * it is not is the seminar read, to say why (404 or 410).
   */
  async function writeJoins(code: string, batch: Joiner[]) {
    const incoming = sql.join(
      batch.map((joiner) => sql`(${joiner.participantId}::text, ${joiner.at.toISOString()}::timestamptz)`),
      sql`, `,
    );
    const written = await rowsOf<{ code: string }>(
      db.execute(sql`
        WITH current AS (
          SELECT code FROM ${seminars} WHERE code = ${code} AND ended_at IS NULL
        ), incoming (participant_id, joined_at) AS (VALUES ${incoming}
        ), joined AS (
          INSERT INTO ${participants} (seminar_code, participant_id, joined_at)
          SELECT code, participant_id, joined_at FROM current, incoming
          ON CONFLICT DO NOTHING
          RETURNING seminar_code
        ), announced AS (
          UPDATE ${seminars} SET version = version + 1, last_active_at = ${now().toISOString()}::timestamptz
          WHERE code = ${code} AND EXISTS (SELECT 1 FROM joined)
          RETURNING pg_notify(${CHANGES_CHANNEL}, code || ':' || version)
        )
        SELECT code, (SELECT count(*) FROM announced) FROM current`),
    );
    if (written.length === 0) {
      try {
        await live(code);
      } catch (refusal) {
        for (const joiner of batch) joiner.reject(refusal);
        return;
      }
      // Reopened since the statement ran: joined again with the next batch.
      for (const joiner of batch) joins.add(code, joiner);
      return;
    }
    for (const joiner of batch) joiner.resolve();
  }

  const joins = new GroupCommit<Joiner>(writeJoins, (batch, error) => batch.forEach((joiner) => joiner.reject(error)), options.voteWindowMs ?? 10);

  /**
   * Counts a participant in; joining again changes nothing. A first join
   * changes what the host sees, not the phones. A room joining at once is
   * written in groups, as votes are: resolves once the join is committed.
   */
  async function join(code: string, participantId: string): Promise<void> {
    const canonical = normalizeCode(code);
    if (!canonical) throw unknownCode(code);
    const at = now();
    return new Promise((resolve, reject) => joins.add(canonical, { participantId, at, resolve, reject }));
  }

  async function setStep(code: string, topic: string, step: number): Promise<void> {
    const steps = topicOf(topic)?.steps;
    if (!steps) throw new SeminarError(400, `There is no question "${topic.slice(0, 60)}".`);
    if (!Number.isInteger(step) || step < 1 || step > steps.length) {
      throw new SeminarError(400, `Step ${step} is not in "${topic}": its steps run from 1 to ${steps.length}.`);
    }
    // The results shown belong to a topic: another topic starts concealed.
    await change(code, { topic, step, revealed: sql`CASE WHEN ${seminars.topic} = ${topic} THEN ${seminars.revealed} ELSE false END` });
  }

  const setPaused = (code: string, paused: boolean) => change(code, { paused });
  const setRevealed = (code: string, revealed: boolean) => change(code, { revealed });
  const endSeminar = (code: string) => change(code, { endedAt: now() });

  /** Takes an ending back, within REOPEN_MINUTES of it. */
  async function reopenSeminar(code: string): Promise<void> {
    const seminar = await existing(code);
    if (!seminar.endedAt) return;
    const until = new Date(seminar.endedAt.getTime() + reopenMs);
    if (until <= now()) {
      throw new SeminarError(409, `A seminar can be reopened within ${REOPEN_MINUTES} minutes of its end; this one ended at ${seminar.endedAt.toISOString().slice(11, 16)} UTC. Start a new one instead.`);
    }
    await db
      .update(seminars)
      .set({ endedAt: null, ...versionBump(true), lastActiveAt: now() })
      .where(and(eq(seminars.code, seminar.code), gt(seminars.endedAt, new Date(now().getTime() - reopenMs))))
      .returning(notified);
  }

  /** Why `poll` cannot take `choice` from anyone at this step, or null if it can. */
  function refusalOf(seminar: SeminarRow, poll: PollKind, choice: string): SeminarError | null {
    const topic = topicOf(seminar.topic);
    const step = topic?.steps[seminar.step - 1];
    if (!topic || !step || !openPollsAt(step).includes(poll)) {
      return new SeminarError(409, `The "${poll}" poll is not open now: it is open ${POLLS[poll].when}.`);
    }
    const choices = POLLS[poll].choices(topic, step);
    if (!choices.some((option) => option.value === choice)) {
      const listed = choices.slice(0, 12).map((option) => option.value);
      return new SeminarError(400, `"${choice.slice(0, 80)}" is not an answer to "${POLLS[poll].legend(topic, step)}"; choose one of: ${listed.join(", ")}${choices.length > listed.length ? ", …" : ""}.`);
    }
    return null;
  }

  /** Votes are announced at most every VOTES_ANNOUNCED_EVERY_MS per seminar: the host's tallies follow, the phones see nothing. */
  const announcing = new Map<string, { timer?: ReturnType<typeof setTimeout>; last: number }>();
  function announceVotes(code: string) {
    let seminar = announcing.get(code);
    if (!seminar) announcing.set(code, (seminar = { last: 0 }));
    if (seminar.timer) return;
    const entry = seminar;
    entry.timer = setTimeout(
      () => {
        entry.timer = undefined;
        entry.last = Date.now();
        void db
          .update(seminars)
          // Votes are activity: a seminar being answered is not idle.
          .set({ version: sql`${seminars.version} + 1`, lastActiveAt: now() })
          .where(eq(seminars.code, code))
          .returning(notified)
          .catch((error: Error) => console.error(`seminar ${code}: could not announce votes: ${error.message}`))
          .finally(() => {
            // Kept one period more, so the next vote still waits its turn.
            setTimeout(() => {
              if (!entry.timer && announcing.get(code) === entry) announcing.delete(code);
            }, VOTES_ANNOUNCED_EVERY_MS).unref();
          });
      },
      Math.max(0, entry.last + VOTES_ANNOUNCED_EVERY_MS - Date.now()),
    );
  }

  const ballotKey = (ballot: Ballot) => `${ballot.participantId}\u0000${ballot.poll}`;

  /**
   * The keys of the batch's votes in a poll for changed answers only
   * (`moved`) from someone whose before and after answers, as this batch
   * leaves them, are the same or missing. One query for the whole batch: a
   * room answering what moved it must not cost reads per vote before the
   * votes are batched.
   */
  async function unchangedAnswers(seminar: SeminarRow, accepted: Map<string, Ballot>): Promise<string[]> {
    const asking = [...accepted.values()].filter((ballot) => POLLS[ballot.poll].forChangedAnswers);
    if (asking.length === 0) return [];
    const answers = new Map<string, Partial<Record<PollKind, string>>>();
    const answersOf = (participantId: string) => answers.get(participantId) ?? answers.set(participantId, {}).get(participantId)!;
    const written = await db
      .select({ participantId: votes.participantId, poll: votes.poll, choice: votes.choice })
      .from(votes)
      .where(
        and(
          eq(votes.seminarCode, seminar.code),
          eq(votes.topic, seminar.topic),
          inArray(votes.participantId, [...new Set(asking.map((ballot) => ballot.participantId))]),
          inArray(votes.poll, ["before", "after"]),
        ),
      );
    for (const { participantId, poll, choice } of written) answersOf(participantId)[poll as PollKind] = choice;
    // The batch's own before and after answers are written with it.
    for (const ballot of accepted.values()) if (ballot.poll === "before" || ballot.poll === "after") answersOf(ballot.participantId)[ballot.poll] = ballot.choice;
    return asking
      .filter((ballot) => {
        const mine = answers.get(ballot.participantId) ?? {};
        return !mine.before || !mine.after || mine.before === mine.after;
      })
      .map(ballotKey);
  }

  /**
   * Judges a batch of votes by the seminar's row: the ones to write (the
   * later of one participant's two in the batch), the earlier ones they
   * replace, and the refused, each with why.
   */
  async function verdictOn(seminar: SeminarRow, batch: Ballot[]) {
    const accepted = new Map<string, Ballot>();
    const replaced: Ballot[] = [];
    const refused: Array<[Ballot, SeminarError]> = [];
    for (const ballot of batch) {
      const refusal =
        ballot.topic !== undefined && ballot.topic !== seminar.topic
          ? new SeminarError(409, `The "${ballot.poll}" poll you answered has closed: the seminar has moved on to another question.`)
          : refusalOf(seminar, ballot.poll, ballot.choice);
      if (refusal) refused.push([ballot, refusal]);
      // The same participant twice in one batch: the later vote replaces the earlier, as it would one at a time.
      else {
        const key = ballotKey(ballot);
        const earlier = accepted.get(key);
        if (earlier) replaced.push(earlier);
        accepted.set(key, ballot);
      }
    }
    for (const key of await unchangedAnswers(seminar, accepted)) {
      for (const ballot of [accepted.get(key)!, ...replaced.filter((earlier) => ballotKey(earlier) === key)]) {
        refused.push([ballot, new SeminarError(409, "Only people whose answer changed between before and after are asked what moved them; yours did not change.")]);
      }
      accepted.delete(key);
    }
    return { accepted, replaced, refused };
  }

  /**
   * The row each seminar's last batch of votes was written under: the next
   * batch is judged by it without reading the seminar again. The write checks
   * that the seminar is still on that question and step, and live; when it
   * is not, the row is forgotten and the batch judged again on a fresh read.
   * A vote is refused only on a fresh read.
   */
  const writtenUnder = new LRUCache<string, SeminarRow>({ max: 10_000 });

  /**
   * Writes a batch of votes in one statement: valid only while the seminar is
   * still on the step they were judged at (a host who moved on meanwhile
   * closed the poll, and the votes are judged again on the new step, not
   * filed under another). Each vote's promise resolves once it is committed.
   */
  async function writeBallots(code: string, batch: Ballot[]) {
    const remembered = writtenUnder.get(code);
    let seminar = remembered ?? (await live(code));
    let verdict = await verdictOn(seminar, batch);
    if (remembered && verdict.refused.length > 0) {
      seminar = await live(code);
      verdict = await verdictOn(seminar, batch);
    }
    const { accepted, replaced, refused } = verdict;
    for (const [ballot, refusal] of refused) ballot.reject(refusal);
    if (accepted.size === 0) return;
    const at = now().toISOString();
    const incoming = sql.join(
      [...accepted.values()].map((ballot) => sql`(${ballot.participantId}::text, ${ballot.poll}::text, ${ballot.choice}::text)`),
      sql`, `,
    );
    const written = await rowsOf<{ code: string }>(
      db.execute(sql`
        WITH current AS (
          SELECT code FROM ${seminars}
          WHERE code = ${seminar.code} AND topic = ${seminar.topic} AND step = ${seminar.step} AND ended_at IS NULL
        ), incoming (participant_id, poll, choice) AS (VALUES ${incoming}
        ), joined AS (
          INSERT INTO ${participants} (seminar_code, participant_id, joined_at)
          SELECT code, participant_id, ${at}::timestamptz FROM current, incoming
          -- One order for every batch: two processes writing the same people lock their rows alike, and never deadlock.
          ORDER BY participant_id
          ON CONFLICT DO NOTHING
        ), voted AS (
          INSERT INTO ${votes} (seminar_code, topic, poll, participant_id, choice, voted_at)
          SELECT code, ${seminar.topic}, poll, participant_id, choice, ${at}::timestamptz FROM current, incoming
          ORDER BY participant_id, poll
          ON CONFLICT (seminar_code, topic, poll, participant_id) DO UPDATE SET choice = excluded.choice, voted_at = excluded.voted_at
        )
        SELECT code FROM current`),
    );
    if (written.length === 0) {
      writtenUnder.delete(seminar.code);
      for (const ballot of [...replaced, ...accepted.values()]) ballots.add(seminar.code, ballot);
      return;
    }
    writtenUnder.set(seminar.code, seminar);
    for (const ballot of [...replaced, ...accepted.values()]) ballot.resolve();
    announceVotes(seminar.code);
  }

  const ballots = new GroupCommit<Ballot>(writeBallots, (batch, error) => batch.forEach((ballot) => ballot.reject(error)), options.voteWindowMs ?? 10);

  /**
   * Records a participant's vote, replacing their earlier one in the same
   * poll; resolves once it is committed. A poll for changed answers only
   * (`moved`) refuses anyone whose before and after answers are the same.
   * `topic`, when given, is the question the voter saw: a vote for another is
   * refused rather than counted in the question shown now.
   */
  async function vote(code: string, participantId: string, poll: PollKind, choice: string, topic?: string): Promise<void> {
    const canonical = normalizeCode(code);
    if (!canonical) throw unknownCode(code);
    return new Promise((resolve, reject) => ballots.add(canonical, { participantId, poll, choice, topic, resolve, reject }));
  }

  const toRoomQuestion = (question: typeof roomQuestions.$inferSelect, mine: boolean, upvoted: boolean): RoomQuestion => ({
    id: question.id,
    text: question.text,
    votes: question.votes,
    hidden: question.hidden,
    createdAt: question.createdAt.toISOString(),
    mine,
    upvoted,
  });

  /**
   * Adds a room question. `clientKey` is the phone's own name for it: sent
   * again (its answer was lost on the way back), the same question is
   * returned, not asked twice.
   */
  async function ask(code: string, participantId: string, text: string, clientKey?: string): Promise<RoomQuestion> {
    const clean = cleanQuestion(text);
    const seminar = await live(code);
    const at = now();
    return db.transaction(async (tx) => {
      await tx.insert(participants).values({ seminarCode: seminar.code, participantId, joinedAt: at }).onConflictDoNothing();
      const [asked] = await tx
        .insert(roomQuestions)
        .values({ seminarCode: seminar.code, participantId, text: clean, createdAt: at, clientKey: clientKey ?? null })
        .onConflictDoNothing()
        .returning();
      if (!asked) {
        const [earlier] = await tx
          .select()
          .from(roomQuestions)
          .where(and(eq(roomQuestions.seminarCode, seminar.code), eq(roomQuestions.participantId, participantId), eq(roomQuestions.clientKey, clientKey ?? "")));
        return toRoomQuestion(earlier!, true, false);
      }
      const [changed] = await tx
        .update(seminars)
        .set({ ...versionBump(true, true), lastActiveAt: at })
        .where(and(eq(seminars.code, seminar.code), isNull(seminars.endedAt)))
        .returning(notified);
      if (!changed) throw new SeminarError(410, ENDED_MESSAGE);
      return toRoomQuestion(asked, true, false);
    });
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
      UPDATE ${seminars} SET version = version + 1, room_version = room_version + 1, questions_version = questions_version + 1, last_active_at = ${at}::timestamptz
      WHERE code = ${seminar.code} AND ended_at IS NULL AND EXISTS (SELECT 1 FROM upvoted)
      RETURNING pg_notify(${CHANGES_CHANNEL}, code || ':' || version)`);
  }

  async function setQuestionHidden(code: string, questionId: number, hidden: boolean): Promise<void> {
    const { seminar } = await questionOf(code, questionId);
    await db.transaction(async (tx) => {
      await tx.update(roomQuestions).set({ hidden }).where(eq(roomQuestions.id, questionId));
      await tx
        .update(seminars)
        .set({ ...versionBump(true, true), lastActiveAt: now() })
        .where(eq(seminars.code, seminar.code))
        .returning(notified);
    });
  }

  async function questions(code: string, { participantId, includeHidden }: { participantId?: string; includeHidden: boolean }): Promise<RoomQuestion[]> {
    const canonical = normalizeCode(code);
    if (!canonical) return [];
    const who = participantId ?? "";
    const found = await db
      .select({
        question: roomQuestions,
        mine: sql<boolean>`${roomQuestions.participantId} = ${who}`,
        upvoted: sql<boolean>`EXISTS (SELECT 1 FROM ${questionUpvotes} WHERE ${questionUpvotes.questionId} = ${roomQuestions.id} AND ${questionUpvotes.participantId} = ${who})`,
      })
      .from(roomQuestions)
      .where(and(eq(roomQuestions.seminarCode, canonical), includeHidden ? undefined : eq(roomQuestions.hidden, false)))
      .orderBy(desc(roomQuestions.votes), asc(roomQuestions.createdAt), asc(roomQuestions.id));
    return found.map(({ question, mine, upvoted }) => toRoomQuestion(question, Boolean(mine), Boolean(upvoted)));
  }

  /** A participant's own part of their phone's view, in one query: their answers on the topic, the questions they asked and upvoted. */
  async function mine(code: string, participantId: string, topic: string): Promise<{ votes: Partial<Record<PollKind, string>>; asked: number[]; upvoted: number[] }> {
    const canonical = normalizeCode(code);
    const found = canonical
      ? await rowsOf<{ kind: "vote" | "asked" | "upvoted"; key: string; value: string | null }>(
          db.execute(sql`
            SELECT 'vote' AS kind, poll AS key, choice AS value FROM ${votes}
            WHERE seminar_code = ${canonical} AND topic = ${topic} AND participant_id = ${participantId}
            UNION ALL
            SELECT 'asked', id::text, NULL FROM ${roomQuestions} WHERE seminar_code = ${canonical} AND participant_id = ${participantId}
            UNION ALL
            SELECT 'upvoted', u.question_id::text, NULL FROM ${questionUpvotes} u JOIN ${roomQuestions} q ON q.id = u.question_id
            WHERE q.seminar_code = ${canonical} AND u.participant_id = ${participantId}`),
        )
      : [];
    return {
      votes: Object.fromEntries(found.filter((row) => row.kind === "vote").map((row) => [row.key, row.value ?? ""])),
      asked: found.filter((row) => row.kind === "asked").map((row) => Number(row.key)),
      upvoted: found.filter((row) => row.kind === "upvoted").map((row) => Number(row.key)),
    };
  }

  function tally(keys: string[], counted: Map<string, number>): Tally {
    const counts = Object.fromEntries(keys.map((key) => [key, counted.get(key) ?? 0]));
    return { counts, total: Object.values(counts).reduce((sum, count) => sum + count, 0) };
  }

  function share(tally: Tally, choice: string): number {
    return tally.total === 0 ? 0 : (100 * (tally.counts[choice] ?? 0)) / tally.total;
  }

  /**
   * Tallies, pairs and what moved people, from one pass over the topic's
   * votes: each participant's answers side by side (one column per poll),
   * counted by combination. Self-joins of the votes table would do the same,
   * but cost a nested loop per participant where the planner has no
   * statistics (PGlite runs no autovacuum): about 1 s at 2,000 participants.
   */
  async function resultsOf(canonical: string, topicId: string): Promise<TopicResults> {
    const topic = topicOf(topicId);
    const columns = sql.join(
      POLL_KINDS.map((poll) => sql`max(choice) FILTER (WHERE poll = ${poll}) AS ${sql.identifier(poll)}`),
      sql`, `,
    );
    const combinations = await rowsOf<Partial<Record<PollKind, string | null>> & { count: number }>(
      db.execute(sql`
        SELECT ${sql.join(POLL_KINDS.map((poll) => sql.identifier(poll)), sql`, `)}, count(*)::int AS count
        FROM (SELECT ${columns} FROM ${votes} WHERE seminar_code = ${canonical} AND topic = ${topicId} GROUP BY participant_id) answers
        GROUP BY ${sql.join(POLL_KINDS.map((_, index) => sql.raw(String(index + 1))), sql`, `)}`),
    );
    const counted = new Map<PollKind, Map<string, number>>(POLL_KINDS.map((poll) => [poll, new Map()]));
    const pairs = new Map<string, { before: string | null; after: string | null; count: number }>();
    const moved: Array<{ choice: string; before: string; after: string; count: number }> = [];
    for (const combination of combinations) {
      const count = Number(combination.count);
      for (const poll of POLL_KINDS) {
        const choice = combination[poll];
        if (choice != null) counted.get(poll)!.set(choice, (counted.get(poll)!.get(choice) ?? 0) + count);
      }
      const before = combination.before ?? null;
      const after = combination.after ?? null;
      if (before !== null || after !== null) {
        const key = `${before}\u0000${after}`;
        const pair = pairs.get(key);
        if (pair) pair.count += count;
        else pairs.set(key, { before, after, count });
      }
      // Only those whose answer changed were asked, and only their answers count: an answer changed back no longer does.
      if (combination.moved != null && before !== null && after !== null && before !== after) moved.push({ choice: combination.moved, before, after, count });
    }
    const byPoll = (poll: PollKind) => counted.get(poll)!;
    const keys = (poll: PollKind) => (topic ? POLLS[poll].tallyKeys(topic) : [...byPoll(poll).keys()]);
    const before = tally(keys("before"), byPoll("before"));
    const after = tally(keys("after"), byPoll("after"));
    const strongest = tally(keys("strongest"), byPoll("strongest"));
    const movedTotals: Record<string, number> = {};
    const movedBySide: TopicResults["movedBySide"] = { towardYes: {}, towardNo: {}, other: {} };
    for (const { choice, before: from, after: to, count } of moved) {
      movedTotals[choice] = (movedTotals[choice] ?? 0) + count;
      const side = { 1: movedBySide.towardYes, [-1]: movedBySide.towardNo, 0: movedBySide.other }[direction(from, to)];
      side[choice] = (side[choice] ?? 0) + count;
    }
    const shift =
      after.total === 0
        ? null
        : (Object.fromEntries(keys("after").map((choice) => [choice, Math.round((share(after, choice) - share(before, choice)) * 10) / 10])) as Record<StanceChoice, number>);
    return {
      topic: topicId,
      before,
      after,
      strongest,
      moved: movedTotals,
      movedBySide,
      paired: pairAnswers(pairs.values()),
      shift,
    };
  }

  async function results(code: string, topic: string): Promise<TopicResults> {
    const seminar = await existing(code);
    return resultsOf(seminar.code, topic);
  }

  /** The current topic and every topic the room voted on, in the debate's order. */
  async function topicsOf(seminar: SeminarRow): Promise<string[]> {
    const voted = await db.selectDistinct({ topic: votes.topic }).from(votes).where(eq(votes.seminarCode, seminar.code));
    const wanted = new Set([seminar.topic, ...voted.map((row) => row.topic)]);
    const rank = (topic: string) => (content.order.includes(topic) ? content.order.indexOf(topic) : content.order.length);
    return [...wanted].sort((a, b) => rank(a) - rank(b));
  }

  async function exportResults(code: string): Promise<SeminarExport> {
    const seminar = await existing(code, { participants: true });
    return {
      seminar: {
        code: seminar.code,
        topic: seminar.topic,
        step: seminar.step,
        participants: seminar.participants ?? 0,
        createdAt: seminar.createdAt.toISOString(),
        endedAt: seminar.endedAt?.toISOString() ?? null,
      },
      topics: await Promise.all((await topicsOf(seminar)).map((topic) => resultsOf(seminar.code, topic))),
      questions: (await questions(seminar.code, { includeHidden: true })).map((question) => ({ ...question, mine: false, upvoted: false })),
    };
  }

  /**
   * Every participant's answers per question, the participant named by the
   * order they joined in (P1, P2, …): pseudonymous, never the cookie's id.
   */
  async function answerRows(code: string): Promise<AnswerRow[]> {
    const seminar = await existing(code);
    const found = await rowsOf<{ rank: number; topic: string; poll: string; choice: string }>(
      db.execute(sql`
        WITH ranked AS (
          -- Numbered among those who answered something, so the pseudonyms run without gaps.
          SELECT participant_id, row_number() OVER (ORDER BY joined_at, participant_id) AS rank
          FROM ${participants} p WHERE seminar_code = ${seminar.code}
            AND EXISTS (SELECT 1 FROM ${votes} v WHERE v.seminar_code = p.seminar_code AND v.participant_id = p.participant_id)
        )
        SELECT ranked.rank::int AS rank, v.topic, v.poll, v.choice
        FROM ${votes} v JOIN ranked ON ranked.participant_id = v.participant_id
        WHERE v.seminar_code = ${seminar.code}`),
    );
    const order = await topicsOf(seminar);
    const rows = new Map<string, AnswerRow & { rank: number }>();
    for (const { rank, topic, poll, choice } of found) {
      const key = `${rank}\u0000${topic}`;
      let answer = rows.get(key);
      if (!answer) rows.set(key, (answer = { participant: `P${rank}`, rank: Number(rank), topic, answers: {} }));
      answer.answers[poll as PollKind] = choice;
    }
    return [...rows.values()]
      .sort((a, b) => a.rank - b.rank || order.indexOf(a.topic) - order.indexOf(b.topic))
      .map(({ participant, topic, answers }) => ({ participant, topic, answers }));
  }

  /** Announces a change only the host sees, such as the phones connected now. */
  async function touch(code: string): Promise<void> {
    await db.update(seminars).set({ version: sql`${seminars.version} + 1` }).where(eq(seminars.code, code)).returning(notified);
  }

  /** Records how many phones this process has connected to each seminar; the host's "here now" adds the processes up. */
  async function reportPresence(processId: string, connected: Map<string, number>): Promise<void> {
    const at = now();
    for (const [code, count] of connected) {
      await db
        .insert(presence)
        .values({ processId, seminarCode: code, connected: count, updatedAt: at })
        .onConflictDoUpdate({ target: [presence.processId, presence.seminarCode], set: { connected: count, updatedAt: at } })
        .catch(() => undefined);
    }
  }

  async function hereNow(code: string): Promise<number> {
    const [found] = await db
      .select({ here: sql<number>`coalesce(sum(${presence.connected}), 0)::int`.mapWith(Number) })
      .from(presence)
      .where(and(eq(presence.seminarCode, code), gt(presence.updatedAt, new Date(now().getTime() - PRESENCE_FRESH_MS))));
    return found?.here ?? 0;
  }

  /** Ends seminars idle too long, deletes those ended longer ago than the retention, and forgets stale presence. */
  async function sweep(at: Date = now()): Promise<{ ended: number; deleted: number }> {
    const ended = await db
      .update(seminars)
      .set({ endedAt: sql`${seminars.lastActiveAt} + ${`${idleMs} milliseconds`}::interval`, ...versionBump(true) })
      .where(and(isNull(seminars.endedAt), sql`${seminars.lastActiveAt} < ${new Date(at.getTime() - idleMs).toISOString()}::timestamptz`))
      .returning(notified);
    const deleted = await db
      .delete(seminars)
      .where(sql`${seminars.endedAt} < ${new Date(at.getTime() - retentionMs).toISOString()}::timestamptz`)
      .returning({ code: seminars.code });
    await db.delete(presence).where(sql`${presence.updatedAt} < ${new Date(at.getTime() - 10 * PRESENCE_FRESH_MS).toISOString()}::timestamptz`);
    return { ended: ended.length, deleted: deleted.length };
  }

  return {
    store,
    content,
    createSeminar,
    getState,
    getRoomState,
    isHostSecret,
    isParticipant,
    join,
    setStep,
    setPaused,
    setRevealed,
    endSeminar,
    reopenSeminar,
    vote,
    pendingVotes: () => ballots.pending(),
    ask,
    upvote,
    setQuestionHidden,
    questions,
    mine,
    results,
    exportResults,
    answerRows,
    reportPresence,
    hereNow,
    touch,
    subscribe: (code: string, listener: (state: SeminarState) => void) => fanout.subscribe(normalizeCode(code) ?? code, listener),
    /** Resolves once live changes reach this process's subscribers. */
    listening: () => fanout.ready(),
    sweep,
  };
}

export type Seminars = ReturnType<typeof createSeminars>;
