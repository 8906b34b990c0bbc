/**
 * The seminar tables, one schema for PGlite and PostgreSQL. Migrations are
 * generated from it (`npm run db:migration`) into app/seminar/migrations/.
 * Every table but `seminars` hangs off a seminar and goes with it when the
 * sweep deletes it (ON DELETE CASCADE), so no data outlives its retention.
 */
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

const moment = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const seminars = pgTable(
  "seminars",
  {
    code: text("code").primaryKey(),
    /** SHA-256 of the host secret, hex: the secret itself is never stored. */
    hostSecretHash: text("host_secret_hash").notNull(),
    topic: text("topic").notNull(),
    step: integer("step").notNull(),
    paused: boolean("paused").notNull().default(false),
    revealed: boolean("revealed").notNull().default(false),
    /** Grows with every change the host or the projector should see: steps, votes, joins, questions. */
    version: integer("version").notNull().default(1),
    /** Grows only with what the phones show (the step, pausing, revealing, ending, the room's questions), so a vote does not reach every phone. */
    roomVersion: integer("room_version").notNull().default(1),
    questionsVersion: integer("questions_version").notNull().default(0),
    createdAt: moment("created_at").notNull(),
    lastActiveAt: moment("last_active_at").notNull(),
    endedAt: moment("ended_at"),
  },
  (table) => [index("seminars_last_active_at").on(table.lastActiveAt), index("seminars_ended_at").on(table.endedAt), check("seminars_step_positive", sql`${table.step} >= 1`)],
);

const seminarCode = () =>
  text("seminar_code")
    .notNull()
    .references(() => seminars.code, { onDelete: "cascade" });

export const participants = pgTable(
  "participants",
  {
    seminarCode: seminarCode(),
    participantId: text("participant_id").notNull(),
    joinedAt: moment("joined_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.seminarCode, table.participantId] })],
);

/** One row per participant, poll and topic: a changed vote replaces the row's choice. */
export const votes = pgTable(
  "votes",
  {
    seminarCode: seminarCode(),
    topic: text("topic").notNull(),
    poll: text("poll").notNull(),
    participantId: text("participant_id").notNull(),
    choice: text("choice").notNull(),
    votedAt: moment("voted_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.seminarCode, table.topic, table.poll, table.participantId] })],
);

export const roomQuestions = pgTable(
  "room_questions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    seminarCode: seminarCode(),
    participantId: text("participant_id").notNull(),
    text: text("text").notNull(),
    /** Kept in step with question_upvotes, so listing the questions needs no aggregate. */
    votes: integer("votes").notNull().default(0),
    hidden: boolean("hidden").notNull().default(false),
    createdAt: moment("created_at").notNull(),
    /** The phone's own name for the question, so that sending it again after a lost answer does not ask it twice. */
    clientKey: text("client_key"),
  },
  (table) => [
    index("room_questions_seminar").on(table.seminarCode),
    uniqueIndex("room_questions_client_key").on(table.seminarCode, table.participantId, table.clientKey),
  ],
);

export const questionUpvotes = pgTable(
  "question_upvotes",
  {
    questionId: integer("question_id")
      .notNull()
      .references(() => roomQuestions.id, { onDelete: "cascade" }),
    participantId: text("participant_id").notNull(),
  },
  (table) => [primaryKey({ columns: [table.questionId, table.participantId] })],
);

/**
 * How many phones each server process has connected to a seminar now, written
 * by each process every few seconds: the host's "here now" adds up the rows
 * that are fresh.
 */
export const presence = pgTable(
  "seminar_presence",
  {
    processId: text("process_id").notNull(),
    seminarCode: seminarCode(),
    connected: integer("connected").notNull(),
    updatedAt: moment("updated_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.processId, table.seminarCode] })],
);

/** Counts of the rate limits every process shares (rate-limiter-flexible's Drizzle store): key, points used, when they reset. */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull(),
  expire: moment("expire"),
});
