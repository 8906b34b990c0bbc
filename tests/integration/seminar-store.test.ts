/**
 * The seminar rules on a real database: the same suite on PGlite (a fresh
 * data folder) and on PostgreSQL (a fresh database; see tests/postgres.ts),
 * with a clock the tests move. The service takes any debate: most tests run
 * on a small one built here, so that they say exactly which step opens which
 * poll; the last checks the real content.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getContent } from "~/models/content.server";
import { seminarContent } from "~/models/present.server";
import { openStore, rowsOf, type Store } from "~/seminar/db.server";
import { createLimits } from "~/seminar/limits.server";
import { signTestP } from "~/seminar/paired";
import { openPollsAt, POLLS } from "~/seminar/polls";
import { resultsCsv } from "~/seminar/results-export.server";
import { ENDED_MESSAGE, normalizeCode, REOPEN_MINUTES } from "~/seminar/rules";
import { createSeminars, type SeminarState, type Seminars } from "~/seminar/service.server";
import type { SeminarContent, SeminarTopic } from "~/seminar/topic";
import { postgresDatabase, type TestDatabase } from "../postgres";

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** A small debate: one question with two viewpoints, and a second question. */
const raids: SeminarTopic = {
  id: "raids",
  title: "Raids",
  question: "Do raids help the people they are meant to?",
  steps: [
    { kind: "question" }, // 1: before
    { kind: "overview" }, // 2: before
    { kind: "viewpoint", viewpoint: "abolitionist" }, // 3: strongest
    { kind: "item", viewpoint: "abolitionist" }, // 4: strongest
    { kind: "viewpoint", viewpoint: "rights" }, // 5: strongest
    { kind: "item", viewpoint: "rights" }, // 6: strongest
    { kind: "closing" }, // 7: after, moved
  ],
  viewpoints: [
    { id: "abolitionist", name: "Abolitionist" },
    { id: "rights", name: "Sex workers' rights" },
  ],
  claims: [
    { id: "raids-rescue", viewpoint: "abolitionist", title: "Raids rescue victims" },
    { id: "raids-harm", viewpoint: "rights", title: "Raids harm workers" },
  ],
};
const borders: SeminarTopic = {
  id: "borders",
  title: "Borders",
  question: "Do border controls prevent trafficking?",
  steps: [{ kind: "question" }, { kind: "viewpoint", viewpoint: "rights" }, { kind: "closing" }],
  viewpoints: [{ id: "rights", name: "Sex workers' rights" }],
  claims: [{ id: "borders-displace", viewpoint: "rights", title: "Controls displace" }],
};
const content: SeminarContent = {
  topics: new Map([
    [raids.id, raids],
    [borders.id, borders],
  ]),
  order: [raids.id, borders.id],
};
const CLOSING = raids.steps.length;

/** A database for the suite, and the store a second process would open on it. */
interface Backend {
  store: Store;
  /** Another connection to the same database, as a second server process has (PGlite: the same store, one process). */
  second: () => Promise<Store>;
  stop: () => Promise<void>;
}

/** The PostgreSQL database, made while the PGlite suite runs (initdb is a process of its own, on the other core). */
let database: Promise<TestDatabase> | undefined;
const postgres = () => (database ??= postgresDatabase());
afterAll(async () => {
  const left = database;
  database = undefined;
  await (await left?.catch(() => undefined))?.stop();
});

const backends: { name: string; open: () => Promise<Backend> }[] = [
  {
    name: "PGlite",
    async open() {
      void postgres().catch(() => undefined);
      const dataDir = mkdtempSync(path.join(tmpdir(), "counterpoint-pglite-"));
      const store = await openStore({ kind: "pglite", dataDir });
      return { store, second: async () => store, stop: async () => (await store.close(), rmSync(dataDir, { recursive: true, force: true })) };
    },
  },
  {
    name: "PostgreSQL",
    async open() {
      const made = await postgres();
      const store = await openStore({ kind: "postgres", url: made.url });
      const others: Store[] = [];
      return {
        store,
        second: async () => {
          const other = await openStore({ kind: "postgres", url: made.url });
          others.push(other);
          return other;
        },
        stop: async () => {
          for (const other of others) await other.close();
          await store.close();
          database = undefined;
          await made.stop();
        },
      };
    },
  },
];

/** A store whose vote-writing statement first runs `hook` (once), as if another process changed the seminar just before it. */
function interceptedStore(store: Store) {
  let hook: (() => Promise<void>) | undefined;
  const dialect = (store.db as unknown as { dialect: { sqlToQuery(query: unknown): { sql: string } } }).dialect;
  const db = new Proxy(store.db, {
    get(target, property, receiver) {
      if (property !== "execute") return Reflect.get(target, property, receiver);
      return async (query: Parameters<Store["db"]["execute"]>[0]) => {
        const text = typeof query === "string" ? query : dialect.sqlToQuery(query).sql;
        if (hook && text.includes("incoming (participant_id, poll, choice)")) {
          const run = hook;
          hook = undefined;
          await run();
        }
        return target.execute(query);
      };
    },
  });
  return {
    store: { ...store, db } as Store,
    /** Runs `work` just before the next batch of votes is written, after it was judged. */
    beforeNextWrite: (work: () => Promise<void>) => (hook = work),
  };
}

describe.each(backends)("seminar rules on $name", ({ open }) => {
  let backend: Backend;
  let clock = new Date("2026-03-02T09:00:00Z");
  const now = () => clock;
  const later = (ms: number) => (clock = new Date(clock.getTime() + ms));
  let seminars: Seminars;

  beforeAll(async () => {
    backend = await open();
    seminars = createSeminars(backend.store, content, { now, idleHours: 12, retentionDays: 30 });
  });
  afterAll(() => backend?.stop());

  /** A new seminar on `topic`, at `step`. */
  async function seminarAt(step = 1, topic = raids.id) {
    const created = await seminars.createSeminar(topic);
    if (step !== 1) await seminars.setStep(created.code, topic, step);
    return created;
  }

  const count = async (query: ReturnType<typeof sql>) => (await rowsOf<{ count: number }>(backend.store.db.execute(query)))[0]!.count;

  it("creates a seminar with a 6-character code and a secret of which only the hash is kept", async () => {
    const { code, hostSecret, state } = await seminars.createSeminar(raids.id);
    expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/);
    expect(Buffer.from(hostSecret, "base64url").length).toBeGreaterThanOrEqual(32);
    expect(state).toMatchObject({ code, topic: raids.id, step: 1, total: CLOSING, paused: false, revealed: false, ended: false, reopenableUntil: null, participants: 0, openPolls: ["before"], openPoll: "before" });
    expect(await seminars.isHostSecret(code, hostSecret)).toBe(true);
    expect(await seminars.isHostSecret(code, `${hostSecret}x`)).toBe(false);
    expect(await seminars.isHostSecret(code, "")).toBe(false);
    expect(await seminars.isHostSecret("ZZZZZZ", hostSecret)).toBe(false);
    const stored = await backend.store.db.execute(sql`SELECT * FROM seminars WHERE code = ${code}`);
    expect(JSON.stringify(stored)).not.toContain(hostSecret);
    // Typed codes are matched case-insensitively, spaces and dashes ignored.
    expect((await seminars.getState(`${code.slice(0, 3).toLowerCase()}-${code.slice(3)} `))?.code).toBe(code);
    expect(normalizeCode(" ab3-d4e ")).toBe("AB3D4E");
    expect(normalizeCode("AB0D4E")).toBeNull();
    await expect(seminars.createSeminar("no-such-question")).rejects.toMatchObject({ status: 400, message: expect.stringContaining("no-such-question") });
  });

  it("opens each poll at its steps only, and takes only its choices", async () => {
    const { code } = await seminarAt(1);
    await expect(seminars.vote(code, "alice", "after", "yes")).rejects.toMatchObject({ status: 409, message: expect.stringContaining(`open ${POLLS.after.when}`) });
    await expect(seminars.vote(code, "alice", "strongest", "abolitionist")).rejects.toMatchObject({ status: 409 });
    await expect(seminars.vote(code, "alice", "before", "maybe")).rejects.toMatchObject({ status: 400, message: expect.stringContaining("yes, no, mixed, unsure") });
    await seminars.vote(code, "alice", "before", "unsure");

    await seminars.setStep(code, raids.id, 4);
    expect((await seminars.getState(code))?.openPolls).toEqual(["strongest"]);
    await expect(seminars.vote(code, "alice", "before", "yes")).rejects.toMatchObject({ status: 409 });
    await expect(seminars.vote(code, "alice", "strongest", "rights")).rejects.toMatchObject({ status: 400, message: expect.stringContaining("abolitionist") });
    await seminars.vote(code, "alice", "strongest", "abolitionist");
    await seminars.setStep(code, raids.id, 5);
    // One strongest-case answer per person: the later replaces the earlier.
    await seminars.vote(code, "alice", "strongest", "rights");

    // Paused seminars still take votes for their current step.
    await seminars.setPaused(code, true);
    await seminars.setStep(code, raids.id, CLOSING);
    expect((await seminars.getState(code))?.openPolls).toEqual(["after", "moved"]);
    await seminars.vote(code, "alice", "after", "yes");

    const results = await seminars.results(code, raids.id);
    expect(results.before.counts).toEqual({ yes: 0, no: 0, mixed: 0, unsure: 1 });
    expect(results.strongest).toEqual({ counts: { abolitionist: 0, rights: 1 }, total: 1 });
    expect(results.after.counts).toEqual({ yes: 1, no: 0, mixed: 0, unsure: 0 });
  });

  it("refuses steps outside the question, and unknown codes with 404", async () => {
    const { code } = await seminarAt(1);
    await expect(seminars.setStep(code, raids.id, CLOSING + 1)).rejects.toMatchObject({ status: 400, message: expect.stringContaining(`from 1 to ${CLOSING}`) });
    await expect(seminars.setStep(code, raids.id, 0)).rejects.toMatchObject({ status: 400 });
    await expect(seminars.setStep(code, raids.id, 1.5)).rejects.toMatchObject({ status: 400 });
    await expect(seminars.setStep(code, "nope", 1)).rejects.toMatchObject({ status: 400 });
    expect(await seminars.getState("ZZZZZZ")).toBeNull();
    expect(await seminars.getState("not a code")).toBeNull();
    await expect(seminars.join("ZZZZZZ", "alice")).rejects.toMatchObject({ status: 404, message: expect.stringContaining("ZZZZZZ") });
    await expect(seminars.vote("ZZZZZZ", "alice", "before", "yes")).rejects.toMatchObject({ status: 404 });
    await expect(seminars.vote("not a code", "alice", "before", "yes")).rejects.toMatchObject({ status: 404 });
  });

  it("counts hundreds of votes sent at once once each, a changed vote with its last choice", async () => {
    const { code } = await seminarAt(1);
    const voters = 400;
    const choice = (index: number) => (["yes", "no", "mixed", "unsure"] as const)[index % 4]!;
    const changed = (index: number) => (["no", "mixed", "unsure", "yes"] as const)[index % 4]!;
    // Everyone votes; the first 100 vote again at once with another choice, the next 50 with the same.
    const sent = [
      ...Array.from({ length: voters }, (_, index) => seminars.vote(code, `voter-${index}`, "before", choice(index))),
      ...Array.from({ length: 100 }, (_, index) => seminars.vote(code, `voter-${index}`, "before", changed(index))),
      ...Array.from({ length: 50 }, (_, index) => seminars.vote(code, `voter-${100 + index}`, "before", choice(100 + index))),
    ];
    await Promise.all(sent);
    const expected = { yes: 0, no: 0, mixed: 0, unsure: 0 };
    for (let index = 0; index < voters; index++) expected[index < 100 ? changed(index) : choice(index)] += 1;
    const results = await seminars.results(code, raids.id);
    expect(results.before).toEqual({ counts: expected, total: voters });
    expect((await seminars.getState(code))?.participants).toBe(voters);
    expect((await seminars.mine(code, "voter-1", raids.id)).votes).toEqual({ before: changed(1) });
    expect((await seminars.mine(code, "voter-101", raids.id)).votes).toEqual({ before: choice(101) });
    expect(await count(sql`SELECT count(*)::int AS count FROM votes WHERE seminar_code = ${code}`)).toBe(voters);
    expect(seminars.pendingVotes()).toBe(0);

    // A second wave, everyone changing at once: still one vote each.
    await Promise.all(Array.from({ length: voters }, (_, index) => seminars.vote(code, `voter-${index}`, "before", "mixed")));
    expect((await seminars.results(code, raids.id)).before).toEqual({ counts: { yes: 0, no: 0, mixed: voters, unsure: 0 }, total: voters });
  });

  it("judges a vote again when its poll closed between judging and writing, and never files it under another step", async () => {
    const intercepted = interceptedStore(backend.store);
    const racing = createSeminars(intercepted.store, content, { now });

    // Before closes: the host moved to the closing screen while the vote was on its way to the database.
    const { code } = await seminarAt(1);
    intercepted.beforeNextWrite(() => seminars.setStep(code, raids.id, CLOSING));
    await expect(racing.vote(code, "late", "before", "yes")).rejects.toMatchObject({ status: 409, message: expect.stringContaining('"before" poll is not open now') });
    expect((await racing.mine(code, "late", raids.id)).votes).toEqual({});
    expect(await count(sql`SELECT count(*)::int AS count FROM votes WHERE seminar_code = ${code}`)).toBe(0);
    expect(await count(sql`SELECT count(*)::int AS count FROM participants WHERE seminar_code = ${code}`)).toBe(0);

    // The strongest case, for the abolitionist screens, while the host moved on to the rights viewpoint's.
    const second = await seminarAt(3);
    intercepted.beforeNextWrite(() => seminars.setStep(second.code, raids.id, 5));
    await expect(racing.vote(second.code, "late", "strongest", "abolitionist")).rejects.toMatchObject({ status: 400 });
    expect((await racing.results(second.code, raids.id)).strongest.total).toBe(0);

    // The same poll still open on the next step: judged again, and counted.
    const third = await seminarAt(1);
    intercepted.beforeNextWrite(() => seminars.setStep(third.code, raids.id, 2));
    await racing.vote(third.code, "late", "before", "no");
    expect((await racing.mine(third.code, "late", raids.id)).votes).toEqual({ before: "no" });

    // A vote for the question the phone showed, arriving after the host moved to another question's same poll: refused, not counted there.
    const moved = await seminarAt(1);
    await seminars.setStep(moved.code, borders.id, 1);
    await expect(seminars.vote(moved.code, "late", "before", "yes", raids.id)).rejects.toMatchObject({ status: 409, message: expect.stringContaining("moved on to another question") });
    expect((await seminars.results(moved.code, borders.id)).before.total).toBe(0);
    await seminars.vote(moved.code, "late", "before", "yes", borders.id);
    expect((await seminars.results(moved.code, borders.id)).before.total).toBe(1);

    // The seminar ended meanwhile: refused as ended.
    const fourth = await seminarAt(1);
    intercepted.beforeNextWrite(() => seminars.endSeminar(fourth.code));
    await expect(racing.vote(fourth.code, "late", "before", "yes")).rejects.toMatchObject({ status: 410, message: ENDED_MESSAGE });
    expect((await racing.results(fourth.code, raids.id)).before.total).toBe(0);

    // A batch is judged by the row the last one was written under; another process moved on since. Poll closed now: the write finds the step moved, and the vote is judged again on a fresh read.
    const fifth = await seminarAt(1);
    await racing.vote(fifth.code, "early", "before", "yes");
    await seminars.setStep(fifth.code, raids.id, CLOSING);
    await expect(racing.vote(fifth.code, "late", "before", "no")).rejects.toMatchObject({ status: 409, message: expect.stringContaining('"before" poll is not open now') });
    // Poll open again now, though closed on the remembered row: counted, since a vote is refused only on a fresh read.
    await racing.vote(fifth.code, "early", "after", "no");
    await seminars.setStep(fifth.code, raids.id, 1);
    await racing.vote(fifth.code, "late", "before", "no");
    expect((await racing.results(fifth.code, raids.id)).before).toMatchObject({ counts: { yes: 1, no: 1 }, total: 2 });
  });

  it("keeps one tally and one participant count for two services on the same database", async () => {
    const other = createSeminars(await backend.second(), content, { now });
    const { code } = await seminarAt(1);
    const received: SeminarState[] = [];
    const unsubscribe = other.subscribe(code, (state) => received.push(state));
    await other.listening();

    // The same 150 people vote through both at once, in opposite orders, and 50 more through one or the other.
    const people = Array.from({ length: 150 }, (_, index) => `both-${index}`);
    await Promise.all([
      ...people.map((person) => seminars.vote(code, person, "before", "yes")),
      ...[...people].reverse().map((person) => other.vote(code, person, "before", "yes")),
      ...Array.from({ length: 25 }, (_, index) => seminars.vote(code, `a-${index}`, "before", "no")),
      ...Array.from({ length: 25 }, (_, index) => other.vote(code, `b-${index}`, "before", "mixed")),
    ]);
    const expected = { counts: { yes: 150, no: 25, mixed: 25, unsure: 0 }, total: 200 };
    expect((await seminars.results(code, raids.id)).before).toEqual(expected);
    expect((await other.results(code, raids.id)).before).toEqual(expected);
    expect((await seminars.getState(code))?.participants).toBe(200);
    expect((await other.getState(code))?.participants).toBe(200);

    // A change made through one reaches the other's subscribers.
    await seminars.setStep(code, raids.id, 2);
    await expect.poll(() => received.at(-1)?.step, { timeout: 5_000 }).toBe(2);
    expect(received.at(-1)?.participants).toBe(200);
    unsubscribe();
  });

  it("announces every change to subscribers, coalesced; votes reach the host's version, not the phones'", async () => {
    const { code } = await seminarAt(1);
    const received: SeminarState[] = [];
    const unsubscribe = seminars.subscribe(code, (state) => received.push(state));
    await seminars.listening();
    const start = (await seminars.getState(code))!;
    await seminars.vote(code, "alice", "before", "yes");
    await expect.poll(() => received.at(-1)?.version ?? 0, { timeout: 5_000 }).toBeGreaterThan(start.version);
    expect(received.at(-1)?.roomVersion).toBe(start.roomVersion);
    await seminars.setStep(code, raids.id, 2);
    await expect.poll(() => received.at(-1)?.step, { timeout: 5_000 }).toBe(2);
    expect(received.at(-1)!.roomVersion).toBe(start.roomVersion + 1);
    const from = received.length;
    const burst = [3, 4, 5, 6, 3, 4, 5, 6, 3, 4, 5, 6];
    for (const step of burst) await seminars.setStep(code, raids.id, step);
    const last = (await seminars.getState(code))!.version;
    await expect.poll(() => received.at(-1)?.version, { timeout: 5_000 }).toBe(last);
    expect(received.at(-1)?.step).toBe(6);
    // Versions only grow, and a burst of changes arrives as fewer events than changes.
    const versions = received.map((state) => state.version);
    expect(new Set(versions).size).toBe(versions.length);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(received.length - from).toBeLessThan(burst.length);
    await seminars.endSeminar(code);
    await expect.poll(() => received.at(-1)?.ended, { timeout: 5_000 }).toBe(true);
    unsubscribe();
  });

  it("asks what moved someone only if their answer changed, and stops counting it when the answer changes back", async () => {
    const { code } = await seminarAt(1);
    await seminars.vote(code, "same", "before", "yes");
    await seminars.vote(code, "mover", "before", "no");
    await seminars.vote(code, "back", "before", "mixed");
    await seminars.vote(code, "toward-no", "before", "yes");
    await seminars.vote(code, "to-unsure", "before", "yes");
    await seminars.setStep(code, raids.id, CLOSING);
    // Not yet answered after: nothing to compare.
    await expect(seminars.vote(code, "mover", "moved", "raids-harm")).rejects.toMatchObject({ status: 409, message: expect.stringContaining("did not change") });
    await seminars.vote(code, "same", "after", "yes");
    await seminars.vote(code, "mover", "after", "yes");
    await seminars.vote(code, "back", "after", "yes");
    await seminars.vote(code, "toward-no", "after", "no");
    await seminars.vote(code, "to-unsure", "after", "unsure");
    await seminars.vote(code, "late", "after", "no");

    await expect(seminars.vote(code, "same", "moved", "raids-harm")).rejects.toMatchObject({ status: 409, message: expect.stringContaining("did not change") });
    // After only: no before answer to differ from.
    await expect(seminars.vote(code, "late", "moved", "raids-harm")).rejects.toMatchObject({ status: 409 });
    await expect(seminars.vote(code, "mover", "moved", "no-such-claim")).rejects.toMatchObject({ status: 400, message: expect.stringContaining("raids-rescue") });
    await seminars.vote(code, "mover", "moved", "raids-harm");
    await seminars.vote(code, "back", "moved", "raids-harm");
    await seminars.vote(code, "toward-no", "moved", "raids-rescue");
    await seminars.vote(code, "to-unsure", "moved", "something-else");
    expect(await count(sql`SELECT count(*)::int AS count FROM votes WHERE seminar_code = ${code} AND poll = 'moved'`)).toBe(4);

    let results = await seminars.results(code, raids.id);
    expect(results.moved).toEqual({ "raids-harm": 2, "raids-rescue": 1, "something-else": 1 });
    expect(results.movedBySide).toEqual({ towardYes: { "raids-harm": 2 }, towardNo: { "raids-rescue": 1 }, other: { "something-else": 1 } });

    // "back" changes the after answer back to mixed: its answer to what moved it no longer counts.
    await seminars.vote(code, "back", "after", "mixed");
    results = await seminars.results(code, raids.id);
    expect(results.moved).toEqual({ "raids-harm": 1, "raids-rescue": 1, "something-else": 1 });
    expect(results.movedBySide.towardYes).toEqual({ "raids-harm": 1 });
    await expect(seminars.vote(code, "back", "moved", "raids-rescue")).rejects.toMatchObject({ status: 409 });
    expect((await seminars.exportResults(code)).topics[0]?.moved).toEqual({ "raids-harm": 1, "raids-rescue": 1, "something-else": 1 });
  });

  it("judges what moved someone by the answers their own batch leaves, sent together", async () => {
    const { code } = await seminarAt(1);
    await seminars.vote(code, "changes", "before", "no");
    await seminars.vote(code, "keeps", "before", "no");
    await seminars.setStep(code, raids.id, CLOSING);
    // Sent at once, so written in one batch: the after answers in it count for the moved votes beside them.
    const sent = await Promise.allSettled([
      seminars.vote(code, "changes", "after", "yes"),
      seminars.vote(code, "changes", "moved", "raids-harm"),
      seminars.vote(code, "keeps", "after", "no"),
      seminars.vote(code, "keeps", "moved", "raids-harm"),
    ]);
    expect(sent.map((outcome) => outcome.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "rejected"]);
    expect((sent[3] as PromiseRejectedResult).reason).toMatchObject({ status: 409, message: expect.stringContaining("did not change") });
    expect((await seminars.results(code, raids.id)).moved).toEqual({ "raids-harm": 1 });
  });

  it("pairs each participant's answers, and shows no shift until the after poll has answers", async () => {
    const { code } = await seminarAt(1);
    const answers: [string, string | null, string | null][] = [
      ["p1", "no", "yes"],
      ["p2", "no", "yes"],
      ["p3", "yes", "no"],
      ["p4", "mixed", "mixed"],
      ["p5", "unsure", "yes"],
      ["p6", "yes", null],
      ["p7", null, "mixed"],
    ];
    for (const [who, before] of answers) if (before) await seminars.vote(code, who, "before", before);
    await seminars.setStep(code, raids.id, CLOSING);
    let results = await seminars.results(code, raids.id);
    expect(results.shift).toBeNull();
    expect(results.paired).toMatchObject({ n: 0, beforeOnly: 6, afterOnly: 0, towardYes: 0, towardNo: 0, signTest: { p: 1 } });
    const exported = await seminars.exportResults(code);
    expect(exported.topics).toHaveLength(1);
    expect(exported.topics[0]).toMatchObject({ topic: raids.id, shift: null, paired: { n: 0, beforeOnly: 6 } });

    for (const [who, , after] of answers) if (after) await seminars.vote(code, who, "after", after);
    results = await seminars.results(code, raids.id);
    expect(results.before).toEqual({ counts: { yes: 2, no: 2, mixed: 1, unsure: 1 }, total: 6 });
    expect(results.after).toEqual({ counts: { yes: 3, no: 1, mixed: 2, unsure: 0 }, total: 6 });
    expect(results.paired).toEqual({
      n: 5,
      beforeOnly: 1,
      afterOnly: 1,
      transitions: {
        yes: { yes: 0, no: 1, mixed: 0, unsure: 0 },
        no: { yes: 2, no: 0, mixed: 0, unsure: 0 },
        mixed: { yes: 0, no: 0, mixed: 1, unsure: 0 },
        unsure: { yes: 1, no: 0, mixed: 0, unsure: 0 },
      },
      towardYes: 2,
      towardNo: 1,
      signTest: { p: signTestP(2, 3) },
    });
    // Shares after minus before, in points: yes 50 - 33.3, no 16.7 - 33.3, mixed 33.3 - 16.7, unsure 0 - 16.7.
    expect(results.shift).toEqual({ yes: 16.7, no: -16.7, mixed: 16.7, unsure: -16.7 });
    const json = JSON.parse(JSON.stringify(await seminars.exportResults(code)));
    expect(json.topics[0].paired.transitions.no.yes).toBe(2);
    expect(json.topics[0].shift.yes).toBe(16.7);
  });

  it("ends a seminar, refuses every write with 410, and takes the ending back within 10 minutes only", async () => {
    const { code } = await seminarAt(1);
    await seminars.vote(code, "alice", "before", "yes");
    const question = await seminars.ask(code, "alice", "Who pays for the raids?");
    const endedAt = clock.getTime();
    await seminars.endSeminar(code);
    const ended = (await seminars.getState(code))!;
    expect(ended).toMatchObject({ ended: true, openPolls: [], openPoll: null, reopenableUntil: new Date(endedAt + REOPEN_MINUTES * MINUTE).toISOString() });
    const gone = { status: 410, message: ENDED_MESSAGE };
    await expect(seminars.vote(code, "bob", "before", "no")).rejects.toMatchObject(gone);
    await expect(seminars.join(code, "bob")).rejects.toMatchObject(gone);
    await expect(seminars.ask(code, "bob", "Too late?")).rejects.toMatchObject(gone);
    await expect(seminars.upvote(code, "bob", question.id)).rejects.toMatchObject(gone);
    await expect(seminars.setStep(code, raids.id, 2)).rejects.toMatchObject(gone);
    await expect(seminars.setPaused(code, true)).rejects.toMatchObject(gone);
    await expect(seminars.setRevealed(code, true)).rejects.toMatchObject(gone);
    await expect(seminars.endSeminar(code)).rejects.toMatchObject(gone);
    await expect(seminars.setQuestionHidden(code, question.id, true)).rejects.toMatchObject(gone);
    // The host's results outlive the ending.
    expect((await seminars.results(code, raids.id)).before.total).toBe(1);
    expect((await seminars.getState(code))?.participants).toBe(1);

    later(9 * MINUTE);
    await seminars.reopenSeminar(code);
    expect(await seminars.getState(code)).toMatchObject({ ended: false, reopenableUntil: null, openPoll: "before", step: 1 });
    await seminars.vote(code, "bob", "before", "no");
    expect((await seminars.results(code, raids.id)).before.total).toBe(2);
    // Reopening an open seminar changes nothing.
    const version = (await seminars.getState(code))!.version;
    await seminars.reopenSeminar(code);
    expect((await seminars.getState(code))!.version).toBe(version);

    await seminars.endSeminar(code);
    later(REOPEN_MINUTES * MINUTE + 1000);
    expect((await seminars.getState(code))?.reopenableUntil).toBeNull();
    await expect(seminars.reopenSeminar(code)).rejects.toMatchObject({ status: 409, message: expect.stringContaining(`within ${REOPEN_MINUTES} minutes`) });
    expect((await seminars.getState(code))?.ended).toBe(true);
    await expect(seminars.reopenSeminar("ZZZZZZ")).rejects.toMatchObject({ status: 404 });
  });

  it("asks a question sent twice with the same key once, even at the same moment", async () => {
    const { code } = await seminarAt(1);
    const first = await seminars.ask(code, "alice", "  What counts as\n evidence here?  ", "q-1");
    expect(first).toMatchObject({ text: "What counts as evidence here?", votes: 0, hidden: false, mine: true });
    const version = (await seminars.getState(code))!.questionsVersion;
    const again = await seminars.ask(code, "alice", "What counts as evidence here?", "q-1");
    expect(again.id).toBe(first.id);
    expect((await seminars.getState(code))!.questionsVersion).toBe(version);
    // Another phone's key of the same name is its own question.
    expect((await seminars.ask(code, "bob", "What counts as evidence here?", "q-1")).id).not.toBe(first.id);
    // Without a key, each sending is a question.
    await seminars.ask(code, "carol", "Why?");
    await seminars.ask(code, "carol", "Why?");
    const together = await Promise.all(Array.from({ length: 8 }, () => seminars.ask(code, "dan", "Sent eight times at once", "q-dan")));
    expect(new Set(together.map((question) => question.id)).size).toBe(1);
    const listed = await seminars.questions(code, { includeHidden: true });
    expect(listed.map((question) => question.text).sort()).toEqual(["Sent eight times at once", "What counts as evidence here?", "What counts as evidence here?", "Why?", "Why?"]);
  });

  it("takes room questions as plain text, upvoted once per participant, hidden and shown by the host", async () => {
    const { code } = await seminarAt(1);
    const first = await seminars.ask(code, "alice", "What counts as evidence here?");
    later(1000);
    const second = await seminars.ask(code, "bob", "<b>Who</b> funds the studies?");
    const before = (await seminars.getState(code))!;
    await seminars.upvote(code, "carol", second.id);
    await seminars.upvote(code, "carol", second.id);
    await seminars.upvote(code, "bob", second.id);
    // An upvote is shown to the phones; the second by the same person changes nothing.
    const upvoted = (await seminars.getState(code))!;
    expect(upvoted.questionsVersion).toBe(before.questionsVersion + 2);
    expect(upvoted.roomVersion).toBe(before.roomVersion + 2);
    const seen = await seminars.questions(code, { participantId: "carol", includeHidden: false });
    expect(seen.map((question) => [question.text, question.votes, question.upvoted, question.mine])).toEqual([
      ["<b>Who</b> funds the studies?", 2, true, false],
      ["What counts as evidence here?", 0, false, false],
    ]);
    const bobs = await seminars.mine(code, "bob", (await seminars.getState(code))!.topic);
    expect({ asked: bobs.asked, upvoted: bobs.upvoted }).toEqual({ asked: [second.id], upvoted: [second.id] });

    await seminars.setQuestionHidden(code, second.id, true);
    expect((await seminars.questions(code, { includeHidden: false })).map((question) => question.id)).toEqual([first.id]);
    expect((await seminars.questions(code, { includeHidden: true })).find((question) => question.id === second.id)?.hidden).toBe(true);
    await expect(seminars.upvote(code, "dan", second.id)).rejects.toMatchObject({ status: 404 });
    await seminars.setQuestionHidden(code, second.id, false);
    expect(await seminars.questions(code, { includeHidden: false })).toHaveLength(2);

    await expect(seminars.ask(code, "alice", "   ")).rejects.toMatchObject({ status: 400, message: expect.stringContaining("empty") });
    await expect(seminars.ask(code, "alice", "x".repeat(281))).rejects.toMatchObject({ status: 400, message: expect.stringContaining("280") });
    await expect(seminars.ask(code, "alice", "bell\u0007")).rejects.toMatchObject({ status: 400, message: expect.stringContaining("control") });
    await expect(seminars.ask(code, "alice", "right\u202Eto left")).rejects.toMatchObject({ status: 400 });
    await expect(seminars.upvote(code, "alice", 999_999)).rejects.toMatchObject({ status: 404 });
    // A question of another seminar is not this one's.
    const elsewhere = await seminarAt(1);
    await expect(seminars.upvote(elsewhere.code, "alice", first.id)).rejects.toMatchObject({ status: 404 });
    await expect(seminars.setQuestionHidden(elsewhere.code, first.id, true)).rejects.toMatchObject({ status: 404 });
  });

  it("names participants P1..Pn by the order they joined, never by their id, in the rows and results.csv", async () => {
    const { code, hostSecret } = await seminarAt(1);
    // Joined, never answered: no row, and no number that would leave a gap.
    await seminars.join(code, "quiet-joined-before-all");
    later(1000);
    await seminars.join(code, "zed-joined-first");
    later(1000);
    await seminars.join(code, "amy-joined-second");
    later(1000);
    await seminars.vote(code, "kim-joined-third", "before", "no");
    await seminars.vote(code, "amy-joined-second", "before", "yes");
    await seminars.vote(code, "zed-joined-first", "before", "mixed");
    await seminars.setStep(code, raids.id, 3);
    await seminars.vote(code, "amy-joined-second", "strongest", "abolitionist");
    await seminars.setStep(code, raids.id, CLOSING);
    await seminars.vote(code, "amy-joined-second", "after", "no");
    await seminars.vote(code, "amy-joined-second", "moved", "raids-harm");
    await seminars.vote(code, "zed-joined-first", "after", "mixed");
    await seminars.setStep(code, borders.id, 1);
    await seminars.vote(code, "kim-joined-third", "before", "yes");

    const rows = await seminars.answerRows(code);
    expect(rows).toEqual([
      { participant: "P1", topic: raids.id, answers: { before: "mixed", after: "mixed" } },
      { participant: "P2", topic: raids.id, answers: { before: "yes", strongest: "abolitionist", after: "no", moved: "raids-harm" } },
      { participant: "P3", topic: raids.id, answers: { before: "no" } },
      { participant: "P3", topic: borders.id, answers: { before: "yes" } },
    ]);
    const request = new Request(`http://localhost/s/${code}/results.csv`, { headers: { Cookie: `cp_host_${code}=${hostSecret}` } });
    const csv = await (await resultsCsv({ service: seminars, limits: createLimits(undefined), live: undefined as never, visitor: { request, address: "127.0.0.1" } }, code)).text();
    expect(csv).toBe(
      [
        "participant,question,before,after,strongest,moved",
        "P1,raids,mixed,mixed,,",
        "P2,raids,yes,no,abolitionist,raids-harm",
        "P3,raids,no,,,",
        "P3,borders,yes,,,",
        "",
      ].join("\r\n"),
    );
    expect(csv).not.toContain("joined");
  });

  it("adds up the phones every process reports, and stops counting a process that stopped reporting", async () => {
    const { code } = await seminarAt(1);
    const { code: other } = await seminarAt(1);
    expect(await seminars.hereNow(code)).toBe(0);
    await seminars.reportPresence("process-a", new Map([[code, 3]]));
    await seminars.reportPresence("process-b", new Map([[code, 2], [other, 7]]));
    expect(await seminars.hereNow(code)).toBe(5);
    expect(await seminars.hereNow(other)).toBe(7);
    // A new report replaces the process's last, it does not add to it.
    await seminars.reportPresence("process-a", new Map([[code, 4]]));
    expect(await seminars.hereNow(code)).toBe(6);
    later(15_000);
    await seminars.reportPresence("process-b", new Map([[code, 2]]));
    later(10_000);
    // process-a reported 25 s ago: stale; process-b 10 s ago: counted.
    expect(await seminars.hereNow(code)).toBe(2);
    later(30_000);
    expect(await seminars.hereNow(code)).toBe(0);
  });

  it("ends a seminar after the idle hours, deletes it with everything it holds after the retention days, and forgets stale presence", async () => {
    const { code } = await seminarAt(1);
    await seminars.vote(code, "alice", "before", "yes");
    const question = await seminars.ask(code, "alice", "Will this be kept?");
    await seminars.upvote(code, "bob", question.id);
    await seminars.reportPresence("process-gone", new Map([[code, 9]]));
    const lastActive = clock.getTime();

    expect((await seminars.sweep(new Date(lastActive + 11 * HOUR))).ended).toBe(0);
    expect((await seminars.getState(code))?.ended).toBe(false);
    const swept = await seminars.sweep(new Date(lastActive + 13 * HOUR));
    expect(swept.ended).toBeGreaterThanOrEqual(1);
    const ended = await seminars.getState(code);
    expect(ended?.ended).toBe(true);
    await expect(seminars.join(code, "bob")).rejects.toMatchObject({ status: 410, message: ENDED_MESSAGE });
    expect((await seminars.exportResults(code)).topics[0]?.before.counts.yes).toBe(1);
    // Presence older than a few minutes is deleted.
    expect(await count(sql`SELECT count(*)::int AS count FROM seminar_presence WHERE process_id = 'process-gone'`)).toBe(0);

    expect((await seminars.sweep(new Date(lastActive + 12 * HOUR + 29 * 24 * HOUR))).deleted).toBe(0);
    expect(await seminars.getState(code)).not.toBeNull();
    expect((await seminars.sweep(new Date(lastActive + 12 * HOUR + 31 * 24 * HOUR))).deleted).toBeGreaterThanOrEqual(1);
    expect(await seminars.getState(code)).toBeNull();
    for (const table of ["votes", "room_questions", "participants"]) {
      expect(await count(sql`SELECT count(*)::int AS count FROM ${sql.identifier(table)} WHERE seminar_code = ${code}`), table).toBe(0);
    }
    expect(await count(sql`SELECT count(*)::int AS count FROM question_upvotes WHERE question_id = ${question.id}`)).toBe(0);
    // The clock went on: later tests start from it.
    clock = new Date(lastActive + 12 * HOUR + 31 * 24 * HOUR);
  });

  it("exports every topic the room voted on, in the debate's order, and the questions with hidden ones", async () => {
    const { code } = await seminarAt(1, borders.id);
    await seminars.vote(code, "alice", "before", "no");
    await seminars.setStep(code, raids.id, CLOSING);
    await seminars.setRevealed(code, true);
    // Another question starts concealed.
    await seminars.setStep(code, borders.id, 1);
    expect((await seminars.getState(code))?.revealed).toBe(false);
    await seminars.setStep(code, raids.id, 1);
    await seminars.vote(code, "alice", "before", "yes");
    const question = await seminars.ask(code, "bob", "Why?");
    await seminars.setQuestionHidden(code, question.id, true);
    const exported = await seminars.exportResults(code);
    expect(exported.seminar).toMatchObject({ code, topic: raids.id, step: 1, participants: 2, endedAt: null });
    expect(exported.topics.map((results) => [results.topic, results.before.total, results.shift])).toEqual([
      [raids.id, 1, null],
      [borders.id, 1, null],
    ]);
    expect(exported.questions).toEqual([expect.objectContaining({ text: "Why?", hidden: true, mine: false })]);
  });
  it("counts wrong codes per address in the database, one count for every process on it", async () => {
    const small = { wrongCodes: 3, wrongCodesWindowSeconds: 60, participantWrites: 2, hostWrites: 4, writesWindowSeconds: 30 };
    const first = createLimits(backend.store, small);
    const second = createLimits(await backend.second(), small);
    const address = "192.0.2.7";
    expect(await first.guessWait(address)).toBe(0);
    expect(await first.wrongCode(address)).toBe(0);
    expect(await second.wrongCode(address)).toBe(0);
    expect(await second.guessWait(address)).toBe(0);
    expect(await first.wrongCode(address)).toBe(0);
    // Three tries between them: both make the address wait, guesses included, and asking uses no try.
    const wait = await second.guessWait(address);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await first.guessWait(address)).toBeGreaterThan(0);
    expect(await second.wrongCode(address)).toBeGreaterThan(0);
    expect(await rowsOf(backend.store.db.execute(sql`SELECT key, points FROM rate_limits WHERE key = ${`wrong-code:${address}`}`))).toEqual([{ key: "wrong-code:192.0.2.7", points: 4 }]);
    // Another address has its own count; many tries at once are all counted.
    await Promise.all(Array.from({ length: 20 }, () => first.wrongCode("192.0.2.8")));
    expect(await rowsOf(backend.store.db.execute(sql`SELECT points FROM rate_limits WHERE key = 'wrong-code:192.0.2.8'`))).toEqual([{ points: 20 }]);
    expect(await second.guessWait("192.0.2.9")).toBe(0);
  });

  it("runs a seminar on a real question: the strongest case by the viewpoint on screen, what moved by a real claim", async () => {
    const real = seminarContent(getContent());
    const onReal = createSeminars(backend.store, real, { now });
    const topic = real.topics.get(real.order[0]!)!;
    const { code } = await onReal.createSeminar(topic.id);
    await onReal.vote(code, "p", "before", "no");
    const viewpointStep = topic.steps.findIndex((step) => step.kind === "viewpoint") + 1;
    await onReal.setStep(code, topic.id, viewpointStep);
    await onReal.vote(code, "p", "strongest", topic.steps[viewpointStep - 1]!.viewpoint!);
    await onReal.setStep(code, topic.id, topic.steps.length);
    await onReal.vote(code, "p", "after", "yes");
    await onReal.vote(code, "p", "moved", topic.claims[0]!.id);
    const results = await onReal.results(code, topic.id);
    expect(Object.keys(results.strongest.counts)).toEqual(topic.viewpoints.map((viewpoint) => viewpoint.id));
    expect(results.strongest.total).toBe(1);
    expect(results.moved).toEqual({ [topic.claims[0]!.id]: 1 });
    expect(results.paired).toMatchObject({ n: 1, towardYes: 1 });
  });
});

describe("the real debate as the seminar sees it", () => {
  it("gives every question its steps from the question to the closing screen, with the viewpoints and claims they show", () => {
    const real = seminarContent(getContent());
    expect(real.order).toEqual(getContent().debate.topics.map((topic) => topic.id));
    for (const id of real.order) {
      const topic = real.topics.get(id)!;
      expect(topic.steps[0], id).toEqual({ kind: "question" });
      expect(topic.steps[1], id).toEqual({ kind: "overview" });
      expect(topic.steps.at(-1), id).toEqual({ kind: "closing" });
      const shown = topic.steps.filter((step) => step.kind === "viewpoint").map((step) => step.viewpoint);
      expect(shown, id).toEqual(topic.viewpoints.map((viewpoint) => viewpoint.id));
      for (const claim of topic.claims) expect(shown, `${id}: ${claim.id}`).toContain(claim.viewpoint);
      for (const step of topic.steps.filter((outline) => outline.kind === "item")) expect(shown, id).toContain(step.viewpoint);
      // Every step opens a poll: before, the strongest case, or after.
      expect(topic.steps.every((step) => openPollsAt(step).length > 0), id).toBe(true);
      expect(topic.claims.length, id).toBeGreaterThan(0);
    }
  });
});
