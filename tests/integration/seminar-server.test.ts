/**
 * The seminar over HTTP, on the production server: the write endpoint's
 * refusals, the live stream, the exports; two servers on one PostgreSQL; a
 * server restarted mid-session on the same PGlite folder; phones that leave.
 * Seminars are made in the test's own process on the database the servers
 * then use.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type StoreConfig } from "~/seminar/db.server";
import { stepsOf } from "~/seminar/present.server";
import { createSeminars, type SeminarState, type Seminars } from "~/seminar/service.server";
import { getContent } from "~/models/content.server";
import { startServer, temporaryDataDir, type RunningServer } from "../e2e/server";
import { postgresDatabase, type TestDatabase } from "../postgres";
import { probedServerArgs, serverMemory, serverTimers } from "../server-probe";
import { connectSse, type SseClient } from "../sse";

const HOUR = 3_600_000;
const topic = getContent().debate.topics[0]!.id;
const steps = stepsOf(topic)!;

/** Runs `work` on the database before (or beside) the servers that use it. */
async function withSeminars<T>(config: StoreConfig, work: (seminars: Seminars) => Promise<T>, now?: () => Date): Promise<T> {
  const store = await openStore(config);
  try {
    return await work(createSeminars(store, { now }));
  } finally {
    await store.close();
  }
}

function client(baseUrl: string, code: string, cookie = "") {
  return async (fields: Record<string, unknown>, init: { origin?: string | null; accept?: string; cookie?: string } = {}) => {
    const headers: Record<string, string> = { "Content-Type": "application/json", Accept: init.accept ?? "application/json" };
    const origin = init.origin === undefined ? baseUrl : init.origin;
    if (origin) headers.Origin = origin;
    const cookies = init.cookie ?? cookie;
    if (cookies) headers.Cookie = cookies;
    const response = await fetch(`${baseUrl}/s/${code}/actions`, { method: "POST", headers, body: JSON.stringify(fields), redirect: "manual" });
    const type = response.headers.get("content-type") ?? "";
    return { status: response.status, headers: response.headers, body: type.includes("json") ? await response.json() : await response.text() };
  };
}

const stateOf = (event: { data: string }) => JSON.parse(event.data) as SeminarState;

describe("the seminar endpoints", () => {
  const data = temporaryDataDir();
  let server: RunningServer;
  let code: string;
  let ended: string;
  let endedHost: string;
  let host: string;
  let post: ReturnType<typeof client>;

  beforeAll(async () => {
    const config = { kind: "pglite", dataDir: data.dir } as const;
    const longAgo = new Date(Date.now() - 13 * HOUR);
    const idle = await withSeminars(config, (seminars) => seminars.createSeminar(topic), () => longAgo);
    ended = idle.code;
    endedHost = `cp_host_${ended}=${idle.hostSecret}`;
    const created = await withSeminars(config, (seminars) => seminars.createSeminar(topic));
    code = created.code;
    host = `cp_host_${code}=${created.hostSecret}`;
    server = await startServer({ COUNTERPOINT_DATA: data.dir });
    post = client(server.baseUrl, code);
  });
  afterAll(async () => {
    await server?.stop();
    data.remove();
  });

  it("lets the host step and a participant vote, once per poll, the cookie naming the participant", async () => {
    expect((await post({ intent: "step", topic, step: 2 }, { cookie: host })).body.state).toMatchObject({ step: 2, openPoll: "before" });
    const first = await post({ intent: "vote", poll: "before", choice: "no" });
    expect(first.status).toBe(200);
    const cookie = first.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^cp_participant=[\w-]{22,}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
    const participant = cookie.split(";")[0]!;
    await post({ intent: "vote", poll: "before", choice: "yes" }, { cookie: participant });
    await post({ intent: "vote", poll: "before", choice: "yes" }, { cookie: participant });
    const results = await (await fetch(`${server.baseUrl}/s/${code}/results.json`, { headers: { Cookie: host } })).json();
    expect(results.topics[0].before.counts).toEqual({ yes: 1, no: 0, mixed: 0, unsure: 0 });
    expect(results.seminar.participants).toBe(1);
  });

  it("refuses a participant's host action with 403", async () => {
    const refused = await post({ intent: "step", topic, step: 3 });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatch(/Only the seminar's host can step/);
    expect((await post({ intent: "end" }, { cookie: `cp_host_${code}=not-the-secret` })).status).toBe(403);
  });

  it("refuses a write from another site, or with no origin at all, with 403", async () => {
    const crossSite = await post({ intent: "vote", poll: "before", choice: "yes" }, { origin: "https://elsewhere.example" });
    expect(crossSite).toMatchObject({ status: 403, body: expect.stringContaining("Cross-site request refused") });
    expect((await post({ intent: "pause" }, { origin: null, cookie: host })).status).toBe(403);
  });

  it("answers malformed and oversized input with 400, 413 and 415 and a message", async () => {
    expect(await post({ intent: "dance" })).toMatchObject({ status: 400, body: { error: expect.stringContaining("intent must be one of") } });
    expect(await post({ intent: "vote", poll: "sideways", choice: "yes" })).toMatchObject({ status: 400, body: { error: expect.stringContaining("poll must be one of: before, after, strongest") } });
    expect(await post({ intent: "vote", poll: "before", choice: "perhaps" })).toMatchObject({ status: 400, body: { error: expect.stringContaining("yes, no, mixed, unsure") } });
    expect(await post({ intent: "step", topic, step: "two" }, { cookie: host })).toMatchObject({ status: 400, body: { error: "step must be a number" } });
    expect(await post({ intent: "ask", text: "x".repeat(300) })).toMatchObject({ status: 400, body: { error: expect.stringContaining("at most 280") } });
    expect(await post({ intent: "vote", poll: "before", choice: "yes", redirectTo: "https://elsewhere.example/" })).toMatchObject({ status: 400, body: { error: expect.stringContaining(`/s/${code}`) } });

    const badJson = await fetch(`${server.baseUrl}/s/${code}/actions`, { method: "POST", headers: { Origin: server.baseUrl, "Content-Type": "application/json" }, body: "{intent" });
    expect(badJson.status).toBe(400);
    expect((await badJson.json()).error).toMatch(/not valid JSON/);
    const tooLarge = await post({ intent: "ask", text: "x".repeat(5000) });
    expect(tooLarge).toMatchObject({ status: 413, body: { error: expect.stringContaining("4096 bytes") } });
    const plain = await fetch(`${server.baseUrl}/s/${code}/actions`, { method: "POST", headers: { Origin: server.baseUrl, "Content-Type": "text/plain" }, body: "vote" });
    expect(plain.status).toBe(415);
  });

  it("answers 409 for a poll that is not open", async () => {
    expect(await post({ intent: "vote", poll: "after", choice: "yes" })).toMatchObject({ status: 409, body: { error: expect.stringContaining("not open now") } });
  });

  it("sends a form posted without JavaScript back to the page, with the error in the address when refused", async () => {
    const form = (body: string) =>
      fetch(`${server.baseUrl}/s/${code}/actions`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: server.baseUrl, "Content-Type": "application/x-www-form-urlencoded", Accept: "text/html,application/xhtml+xml,*/*;q=0.8" },
        body,
      });
    const accepted = await form(`intent=vote&poll=before&choice=mixed&redirectTo=${encodeURIComponent(`/s/${code}?tab=poll`)}`);
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get("location")).toBe(`/s/${code}?tab=poll`);
    const refused = await form("intent=vote&poll=after&choice=yes");
    expect(refused.status).toBe(303);
    expect(new URL(refused.headers.get("location")!, server.baseUrl).searchParams.get("error")).toMatch(/"after" poll is not open now/);
  });

  it("answers 404 for unknown and ended seminars", async () => {
    expect(await client(server.baseUrl, "ZZZZZZ")({ intent: "vote", poll: "before", choice: "yes" })).toMatchObject({
      status: 404,
      body: { error: expect.stringContaining('No seminar has the code "ZZZZZZ"') },
    });
    // Idle for 13 hours: the server's sweep at start ended it.
    expect(await client(server.baseUrl, ended)({ intent: "vote", poll: "before", choice: "yes" })).toMatchObject({ status: 404, body: { error: "This seminar has ended." } });
    expect((await fetch(`${server.baseUrl}/s/ZZZZZZ/events`)).status).toBe(404);
  });

  it("limits one participant's writes, and one client's wrong codes, with 429", async () => {
    const participant = (await post({ intent: "vote", poll: "before", choice: "yes" })).headers.get("set-cookie")!.split(";")[0]!;
    const statuses: number[] = [];
    for (let index = 0; index < 31; index++) statuses.push((await post({ intent: "vote", poll: "before", choice: "yes" }, { cookie: participant })).status);
    expect(statuses.slice(0, 29).every((status) => status === 200)).toBe(true);
    const limited = await post({ intent: "vote", poll: "before", choice: "yes" }, { cookie: participant });
    expect(limited).toMatchObject({ status: 429, body: { error: expect.stringMatching(/wait \d+ seconds/) } });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another participant is not held back.
    expect((await post({ intent: "vote", poll: "before", choice: "no" })).status).toBe(200);

    const guesser = (await post({ intent: "vote", poll: "before", choice: "yes" })).headers.get("set-cookie")!.split(";")[0]!;
    const guesses: number[] = [];
    for (let index = 0; index < 21; index++) guesses.push((await fetch(`${server.baseUrl}/s/ZZZZ${"23456789ABCDEFGHJKMNPQRSTUVWXYZ"[index]}Z/events`, { headers: { Cookie: guesser } })).status);
    expect(guesses.slice(0, 20).every((status) => status === 404)).toBe(true);
    expect(guesses[20]).toBe(429);
    // Once limited, even the right code is refused to the guesser, so guessing learns nothing more.
    const right = await fetch(`${server.baseUrl}/s/${code}/events`, { headers: { Cookie: guesser } });
    expect(right.status).toBe(429);
    expect(await right.text()).toMatch(/Too many wrong seminar codes/);
  });

  it("streams the state: retry, the current state unless Last-Event-ID has it, then every change", async () => {
    const response = await fetch(`${server.baseUrl}/s/${code}/events`);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toMatch(/^retry: 1000\n\n/);
    await reader.cancel();

    const phone = connectSse(`${server.baseUrl}/s/${code}/events`, { reconnect: false });
    const current = stateOf(await phone.next((event) => event.event === "state", 2000));
    phone.close();
    const upToDate = connectSse(`${server.baseUrl}/s/${code}/events`, { reconnect: false, headers: { "Last-Event-ID": String(current.version) } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(upToDate.connections).toBe(1);
    expect(upToDate.events).toEqual([]);
    await post({ intent: "step", topic, step: 3 }, { cookie: host });
    expect(stateOf(await upToDate.next((event) => stateOf(event).step === 3, 2000)).version).toBeGreaterThan(current.version);
    upToDate.close();
  });

  it("exports the results as CSV and JSON to the host only, defusing formulas", async () => {
    const participant = (await post({ intent: "ask", text: '=HYPERLINK("http://x") is this, "really" evidence?' })).status;
    expect(participant).toBe(200);
    const json = await fetch(`${server.baseUrl}/s/${code}/results.json`, { headers: { Cookie: host } });
    expect(json.headers.get("content-disposition")).toBe(`attachment; filename="seminar-${code}-results.json"`);
    const exported = await json.json();
    expect(exported.questions[0].text).toMatch(/^=HYPERLINK/);
    const csv = await fetch(`${server.baseUrl}/s/${code}/results.csv`, { headers: { Cookie: host } });
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="seminar-${code}-results.csv"`);
    const lines = (await csv.text()).split("\r\n");
    expect(lines[0]).toBe("topic,poll,choice,votes");
    expect(exported.topics[0].before.counts.yes).toBeGreaterThan(0);
    expect(lines).toContain(`${topic},before,yes,${exported.topics[0].before.counts.yes}`);
    expect(lines).toContain("question,votes,hidden");
    expect(lines).toContain(`"'=HYPERLINK(""http://x"") is this, ""really"" evidence?",0,false`);
    expect((await fetch(`${server.baseUrl}/s/${code}/results.csv`)).status).toBe(403);
    // The host of an ended seminar still gets the results; no one gets them for an unknown code.
    expect((await fetch(`${server.baseUrl}/s/${ended}/results.json`, { headers: { Cookie: endedHost } })).status).toBe(200);
    expect((await fetch(`${server.baseUrl}/s/ZZZZZZ/results.json`, { headers: { Cookie: host } })).status).toBe(404);
  });
});

describe("two servers on one PostgreSQL", () => {
  let database: TestDatabase;
  let a: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    database = await postgresDatabase();
    [a, b] = await Promise.all([startServer({ DATABASE_URL: database.url }), startServer({ DATABASE_URL: database.url })]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.stop();
  });

  it("a phone on one server follows the host on the other within a second, and both count votes", async () => {
    const { code, hostSecret } = await withSeminars({ kind: "postgres", url: database.url }, (seminars) => seminars.createSeminar(topic));
    const host = `cp_host_${code}=${hostSecret}`;
    const phone = connectSse(`${b.baseUrl}/s/${code}/events`);
    await phone.next((event) => event.event === "state", 5000);
    for (const step of [2, 3, 4]) {
      const sent = performance.now();
      expect((await client(a.baseUrl, code)({ intent: "step", topic, step }, { cookie: host })).status).toBe(200);
      const followed = await phone.next((event) => stateOf(event).step === step, 1000);
      expect(followed.at - sent).toBeLessThan(1000);
    }
    await client(a.baseUrl, code)({ intent: "step", topic, step: 1 }, { cookie: host });
    await client(a.baseUrl, code)({ intent: "vote", poll: "before", choice: "yes" });
    await client(b.baseUrl, code)({ intent: "vote", poll: "before", choice: "no" });
    const participants = await phone.next((event) => stateOf(event).participants === 2, 2000);
    expect(stateOf(participants).step).toBe(1);
    const results = await (await fetch(`${b.baseUrl}/s/${code}/results.json`, { headers: { Cookie: host } })).json();
    expect(results.topics[0].before.counts).toMatchObject({ yes: 1, no: 1 });
    phone.close();
  });
});

describe("a server restarted mid-session", () => {
  const data = temporaryDataDir();
  let server: RunningServer | undefined;
  let phone: SseClient | undefined;

  afterAll(async () => {
    phone?.close();
    await server?.stop();
    data.remove();
  });

  it("loses nothing: the phone reconnects with Last-Event-ID, resumes at the current step, and every vote is kept", async () => {
    const { code, hostSecret } = await withSeminars({ kind: "pglite", dataDir: data.dir }, (seminars) => seminars.createSeminar(topic));
    const host = `cp_host_${code}=${hostSecret}`;
    server = await startServer({ COUNTERPOINT_DATA: data.dir });
    const port = String(server.port);
    let post = client(server.baseUrl, code);

    phone = connectSse(`${server.baseUrl}/s/${code}/events`);
    await phone.next((event) => event.event === "state", 5000);
    const voters = 12;
    for (let voter = 0; voter < voters; voter++) expect((await post({ intent: "vote", poll: "before", choice: voter % 3 ? "yes" : "unsure" })).status).toBe(200);
    await post({ intent: "step", topic, step: 4 }, { cookie: host });
    const beforeRestart = stateOf(await phone.next((event) => stateOf(event).step === 4, 2000));

    await server.stop();
    server = await startServer({ COUNTERPOINT_DATA: data.dir, PORT: port });
    post = client(server.baseUrl, code);
    // The phone's stream dropped with the server; it comes back by itself, saying what it has.
    await expect.poll(() => phone!.connections, { timeout: 10_000 }).toBe(2);
    expect(phone.lastEventId).toBe(String(beforeRestart.version));
    expect(stateOf(phone.events.at(-1)!).step).toBe(4);

    const from = phone.events.length;
    await post({ intent: "step", topic, step: steps.length }, { cookie: host });
    expect(stateOf(await phone.next((event) => stateOf(event).step === steps.length, 2000, from)).version).toBe(beforeRestart.version + 1);
    await post({ intent: "vote", poll: "after", choice: "no" });

    const results = await (await fetch(`${server.baseUrl}/s/${code}/results.json`, { headers: { Cookie: host } })).json();
    expect(results.topics[0].before).toEqual({ counts: { yes: 8, no: 0, mixed: 0, unsure: 4 }, total: voters });
    expect(results.topics[0].after.total).toBe(1);
    expect(results.seminar.participants).toBe(voters + 1);
  }, 120_000);
});

describe("phones that leave", () => {
  const data = temporaryDataDir();
  let server: RunningServer | undefined;

  afterAll(async () => {
    server?.process.disconnect();
    await server?.stop();
    data.remove();
  });

  it("are let go by the server, even when a garbage collection came between their joining and leaving", async () => {
    const { code } = await withSeminars({ kind: "pglite", dataDir: data.dir }, (seminars) => seminars.createSeminar(topic));
    server = await startServer({ COUNTERPOINT_DATA: data.dir }, probedServerArgs);
    const idle = await serverTimers(server.process);
    const phones = Array.from({ length: 10 }, () => connectSse(`${server!.baseUrl}/s/${code}/events`, { reconnect: false }));
    await Promise.all(phones.map((phone) => phone.next((event) => event.event === "state", 5000)));
    // Each live stream keeps a timer for its pings.
    expect(await serverTimers(server.process)).toBeGreaterThanOrEqual(idle + phones.length);
    // In Node 20, a collection here cut the signal Remix gives a loader off from its connection (nodejs/node#55428).
    await serverMemory(server.process, "collect");
    phones.forEach((phone) => phone.close());
    await expect.poll(() => serverTimers(server!.process), { timeout: 5000 }).toBeLessThanOrEqual(idle);
  }, 60_000);
});
