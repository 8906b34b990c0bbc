/**
 * The seminar rules on a real database: the same suite on PGlite (a fresh
 * data folder) and on PostgreSQL (a fresh database; see tests/postgres.ts),
 * with a clock the tests move to expire and delete seminars.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "~/seminar/db.server";
import { stepsOf } from "~/seminar/present.server";
import { createSeminars, normalizeCode, type SeminarState, type Seminars } from "~/seminar/service.server";
import { getContent } from "~/models/content.server";
import { postgresDatabase } from "../postgres";

const HOUR = 3_600_000;
const topic = getContent().debate.topics[0]!.id;
const steps = stepsOf(topic)!;
const viewpointStep = steps.findIndex((step) => step.kind === "viewpoint") + 1;
const itemStep = steps.findIndex((step) => step.kind === "item") + 1;
const shown = steps[viewpointStep - 1]!.viewpoint!;
const other = steps.find((step) => step.viewpoint && step.viewpoint !== shown)!.viewpoint!;

const stores = [
  {
    name: "PGlite",
    async open() {
      const dataDir = mkdtempSync(path.join(tmpdir(), "counterpoint-pglite-"));
      const store = await openStore({ kind: "pglite", dataDir });
      return { store, stop: async () => (await store.close(), rmSync(dataDir, { recursive: true, force: true })) };
    },
  },
  {
    name: "PostgreSQL",
    async open() {
      const database = await postgresDatabase();
      const store = await openStore({ kind: "postgres", url: database.url });
      return { store, stop: async () => (await store.close(), await database.stop()) };
    },
  },
];

describe.each(stores)("seminar rules on $name", ({ open }) => {
  let store: Store;
  let stop: () => Promise<void>;
  let clock = new Date("2026-03-02T09:00:00Z");
  let seminars: Seminars;

  beforeAll(async () => {
    ({ store, stop } = await open());
    seminars = createSeminars(store, { now: () => clock, idleHours: 12, retentionDays: 30 });
  });
  afterAll(() => stop?.());

  it("creates a seminar with a 6-character code and a secret of which only the hash counts", async () => {
    const { code, hostSecret, state } = await seminars.createSeminar(topic);
    expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/);
    expect(Buffer.from(hostSecret, "base64url").length).toBeGreaterThanOrEqual(16);
    expect(state).toMatchObject({ code, topic, step: 1, total: steps.length, paused: false, revealed: false, ended: false, participants: 0, openPoll: "before" });
    expect(await seminars.isHostSecret(code, hostSecret)).toBe(true);
    expect(await seminars.isHostSecret(code, `${hostSecret}x`)).toBe(false);
    expect(await seminars.isHostSecret(code, "")).toBe(false);
    const stored = await store.db.execute("SELECT host_secret_hash FROM seminars");
    expect(JSON.stringify(stored)).not.toContain(hostSecret);
    // Typed codes are matched case-insensitively, spaces and dashes ignored.
    expect((await seminars.getState(`${code.slice(0, 3).toLowerCase()}-${code.slice(3)} `))?.code).toBe(code);
  });

  it("refuses a seminar on an unknown question", async () => {
    await expect(seminars.createSeminar("no-such-question")).rejects.toMatchObject({ status: 400, message: expect.stringContaining("no-such-question") });
  });

  it("counts a double vote once, and a changed vote replaces the first", async () => {
    const { code } = await seminars.createSeminar(topic);
    await seminars.vote(code, "alice", "before", "yes");
    await seminars.vote(code, "alice", "before", "yes");
    await seminars.vote(code, "bob", "before", "no");
    await seminars.vote(code, "bob", "before", "mixed");
    const results = await seminars.results(code, topic);
    expect(results.before).toEqual({ counts: { yes: 1, no: 0, mixed: 1, unsure: 0 }, total: 2 });
    expect(await seminars.myVotes(code, "bob", topic)).toEqual({ before: "mixed" });
    expect((await seminars.getState(code))?.participants).toBe(2);
  });

  it("accepts each poll only while it is open, and says when it is", async () => {
    const { code } = await seminars.createSeminar(topic);
    await expect(seminars.vote(code, "alice", "after", "yes")).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/"after" poll is not open now/) });
    await expect(seminars.vote(code, "alice", "strongest", shown)).rejects.toMatchObject({ status: 409 });

    await seminars.setStep(code, topic, 2);
    await seminars.vote(code, "alice", "before", "unsure");

    await seminars.setStep(code, topic, itemStep);
    expect((await seminars.getState(code))?.openPoll).toBe("strongest");
    await expect(seminars.vote(code, "alice", "before", "yes")).rejects.toMatchObject({ status: 409 });
    await seminars.vote(code, "alice", "strongest", shown);
    await expect(seminars.vote(code, "alice", "strongest", other)).rejects.toMatchObject({ status: 409, message: expect.stringContaining(shown) });

    // Paused seminars still take votes for their current step.
    await seminars.setPaused(code, true);
    await seminars.setStep(code, topic, steps.length);
    await seminars.vote(code, "alice", "after", "yes");

    const results = await seminars.results(code, topic);
    expect(results.before.counts.unsure).toBe(1);
    expect(results.strongest.counts[shown]).toBe(1);
    expect(results.after.counts.yes).toBe(1);
    // Before: 100% unsure; after: 100% yes.
    expect(results.shift).toEqual({ yes: 100, no: 0, mixed: 0, unsure: -100 });
  });

  it("refuses malformed votes with a message naming what is allowed", async () => {
    const { code } = await seminars.createSeminar(topic);
    await expect(seminars.vote(code, "alice", "before", "maybe")).rejects.toMatchObject({ status: 400, message: expect.stringContaining("yes, no, mixed, unsure") });
    await seminars.setStep(code, topic, viewpointStep);
    await expect(seminars.vote(code, "alice", "strongest", "nobody")).rejects.toMatchObject({ status: 400, message: expect.stringContaining(shown) });
  });

  it("refuses steps outside the question", async () => {
    const { code } = await seminars.createSeminar(topic);
    await expect(seminars.setStep(code, topic, steps.length + 1)).rejects.toMatchObject({ status: 400, message: expect.stringContaining(`from 1 to ${steps.length}`) });
    await expect(seminars.setStep(code, topic, 0)).rejects.toMatchObject({ status: 400 });
    await expect(seminars.setStep(code, "nope", 1)).rejects.toMatchObject({ status: 400 });
  });

  it("answers 404 for unknown codes", async () => {
    expect(await seminars.getState("ZZZZZZ")).toBeNull();
    expect(await seminars.getState("not a code")).toBeNull();
    await expect(seminars.join("ZZZZZZ", "alice")).rejects.toMatchObject({ status: 404, message: expect.stringContaining("ZZZZZZ") });
    await expect(seminars.vote("ZZZZZZ", "alice", "before", "yes")).rejects.toMatchObject({ status: 404 });
  });

  it("takes room questions as plain text, upvoted once per participant, hidden by the host", async () => {
    const { code } = await seminars.createSeminar(topic);
    const first = await seminars.ask(code, "alice", "  What counts as\n evidence here?  ");
    expect(first).toMatchObject({ text: "What counts as evidence here?", votes: 0, hidden: false, mine: true });
    clock = new Date(clock.getTime() + 1000);
    const second = await seminars.ask(code, "bob", "<b>Who</b> funds the studies?");
    await seminars.upvote(code, "carol", second.id);
    await seminars.upvote(code, "carol", second.id);
    await seminars.upvote(code, "bob", second.id);

    const seen = await seminars.questions(code, { participantId: "carol", includeHidden: false });
    expect(seen.map((question) => [question.text, question.votes, question.upvoted, question.mine])).toEqual([
      ["<b>Who</b> funds the studies?", 2, true, false],
      ["What counts as evidence here?", 0, false, false],
    ]);

    const before = (await seminars.getState(code))!.questionsVersion;
    await seminars.setQuestionHidden(code, second.id, true);
    expect((await seminars.getState(code))!.questionsVersion).toBeGreaterThan(before);
    expect((await seminars.questions(code, { includeHidden: false })).map((question) => question.id)).toEqual([first.id]);
    expect((await seminars.questions(code, { includeHidden: true })).find((question) => question.id === second.id)?.hidden).toBe(true);
    await expect(seminars.upvote(code, "dan", second.id)).rejects.toMatchObject({ status: 404 });
    await seminars.setQuestionHidden(code, second.id, false);
    expect(await seminars.questions(code, { includeHidden: false })).toHaveLength(2);

    await expect(seminars.ask(code, "alice", "   ")).rejects.toMatchObject({ status: 400, message: expect.stringContaining("empty") });
    await expect(seminars.ask(code, "alice", "x".repeat(281))).rejects.toMatchObject({ status: 400, message: expect.stringContaining("280") });
    await expect(seminars.ask(code, "alice", "bell\u0007")).rejects.toMatchObject({ status: 400, message: expect.stringContaining("control") });
    await expect(seminars.upvote(code, "alice", 999_999)).rejects.toMatchObject({ status: 404 });
  });

  it("announces every change to subscribers, coalesced, and the ending", async () => {
    const { code } = await seminars.createSeminar(topic);
    const received: SeminarState[] = [];
    const unsubscribe = seminars.subscribe(code, (state) => received.push(state));
    await seminars.listening();
    await seminars.setStep(code, topic, 2);
    await expect.poll(() => received.at(-1)?.step, { timeout: 2000 }).toBe(2);
    for (let step = 3; step <= 6; step++) await seminars.setStep(code, topic, step);
    await expect.poll(() => received.at(-1)?.step, { timeout: 2000 }).toBe(6);
    // Versions only grow, and a burst of changes arrives as fewer events than changes.
    expect(received.map((state) => state.version)).toEqual([...received.map((state) => state.version)].sort((a, b) => a - b));
    expect(received.length).toBeLessThan(5);
    await seminars.endSeminar(code);
    await expect.poll(() => received.at(-1)?.ended, { timeout: 2000 }).toBe(true);
    unsubscribe();
    await expect(seminars.setStep(code, topic, 1)).rejects.toMatchObject({ status: 404, message: "This seminar has ended." });
  });

  it("ends a seminar after the idle hours and deletes it after the retention days", async () => {
    const { code } = await seminars.createSeminar(topic);
    await seminars.vote(code, "alice", "before", "yes");
    await seminars.ask(code, "alice", "Will this be kept?");
    const lastActive = clock.getTime();

    expect(await seminars.sweep(new Date(lastActive + 11 * HOUR))).toMatchObject({ ended: 0 });
    expect((await seminars.getState(code))?.ended).toBe(false);

    const swept = await seminars.sweep(new Date(lastActive + 13 * HOUR));
    expect(swept.ended).toBeGreaterThanOrEqual(1);
    expect((await seminars.getState(code))?.ended).toBe(true);
    await expect(seminars.join(code, "bob")).rejects.toMatchObject({ status: 404, message: "This seminar has ended." });
    // The host can still download the results until deletion.
    expect((await seminars.exportResults(code)).topics[0]?.before.counts.yes).toBe(1);

    expect((await seminars.sweep(new Date(lastActive + 12 * HOUR + 29 * 24 * HOUR))).deleted).toBe(0);
    expect(await seminars.getState(code)).not.toBeNull();
    expect((await seminars.sweep(new Date(lastActive + 12 * HOUR + 31 * 24 * HOUR))).deleted).toBeGreaterThanOrEqual(1);
    expect(await seminars.getState(code)).toBeNull();
    const left = await store.db.execute(`SELECT (SELECT count(*) FROM votes WHERE seminar_code = '${code}')::int AS votes, (SELECT count(*) FROM room_questions WHERE seminar_code = '${code}')::int AS questions`);
    expect((left as unknown as { rows: unknown[] }).rows).toEqual([{ votes: 0, questions: 0 }]);
  });

  it("exports every topic the room voted on, and the questions with hidden ones", async () => {
    const { code } = await seminars.createSeminar(topic);
    await seminars.vote(code, "alice", "before", "no");
    const second = getContent().debate.topics[1]!.id;
    await seminars.setStep(code, second, 1);
    expect((await seminars.getState(code))?.revealed).toBe(false);
    await seminars.vote(code, "alice", "before", "yes");
    const question = await seminars.ask(code, "bob", "Why?");
    await seminars.setQuestionHidden(code, question.id, true);
    const exported = await seminars.exportResults(code);
    expect(exported.seminar).toMatchObject({ code, topic: second, step: 1, participants: 2, endedAt: null });
    expect(exported.topics.map((results) => [results.topic, results.before.total])).toEqual([
      [topic, 1],
      [second, 1],
    ]);
    expect(exported.questions).toEqual([expect.objectContaining({ text: "Why?", hidden: true })]);
  });
});

it("normalizes typed codes", () => {
  expect(normalizeCode(" ab3-d4e ")).toBe("AB3D4E");
  expect(normalizeCode("AB3D4")).toBeNull();
  expect(normalizeCode("AB0D4E")).toBeNull();
});
