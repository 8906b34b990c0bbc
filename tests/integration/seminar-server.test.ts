/**
 * The seminar over HTTP, on the production server as `npm start` runs it
 * (app/cli/serve.mjs, NODE_ENV unset): the write endpoint's refusals, bad input at the edge,
 * the headers of every route, the access log, the live streams, the limits,
 * a server behind a proxy with a public address, two servers on one
 * PostgreSQL, and votes that outlive a SIGKILL. Seminars are started the way
 * a host starts them (POST /seminar), on the real debate.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { decode } from "turbo-stream";
import { Agent, setGlobalDispatcher } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "~/seminar/db.server";
import { CODE_ALPHABET } from "~/seminar/rules";
import { startServer, temporaryDataDir, type RunningServer } from "../e2e/server";
import { postgresDatabase, type TestDatabase } from "../postgres";
import { probedServerArgs, serverMemory, serverTimers } from "../server-probe";
import { connectSse, type SseEvent } from "../sse";

/**
 * What the tests need of the debate, learnt from a server (`learnDebate`):
 * compiling the content here as well would cost this file seconds of its two
 * cores. The first question, its number of steps (the last is the closing
 * screen), one claim and one viewpoint.
 */
let topic = "";
let CLOSING = 0;
/** The first viewpoint's screen: after the question (1) and the overview (2). */
const viewpointStep = 3;
let claim = "";
let perspective = "";

async function learnDebate(base: string) {
  if (topic) return;
  const model = (await (await fetch(`${base}/api/perspectives.json`)).json()) as { topics: { id: string }[]; perspectives: { id: string; claims: { id: string }[] }[] };
  topic = model.topics[0]!.id;
  perspective = model.perspectives[0]!.id;
  claim = model.perspectives.flatMap((viewpoint) => viewpoint.claims)[0]!.id;
  const probe = await startSeminar(base);
  const stream = connectSse(`${base}/s/${probe.code}/events`, { reconnect: false });
  try {
    CLOSING = (JSON.parse((await stream.next(() => true, 10_000)).data) as { total: number }).total;
  } finally {
    stream.close();
  }
}

// This file's requests keep an idle connection a few seconds only. A server is idle here for minutes between tests,
// and once a request went out on a connection the server had long closed ("other side closed").
setGlobalDispatcher(new Agent({ keepAliveTimeout: 2_000, keepAliveMaxTimeout: 2_000 }));

/** The view a live stream sent. */
const viewOf = (event: SseEvent) => JSON.parse(event.data) as { step: number; version: number; roomVersion: number; answered?: number | null; ended: boolean; topic: string };

interface Seminar {
  code: string;
  /** The host's cookie, `cp_host_CODE=secret`. */
  host: string;
  secret: string;
}

/** Starts a seminar as a host's browser does, on `base` (with `headers` from a proxy, if any). */
async function startSeminar(base: string, { headers = {}, origin = base }: { headers?: Record<string, string>; origin?: string } = {}): Promise<Seminar> {
  const response = await fetch(`${base}/seminar`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams({ topic }).toString(),
  });
  expect(response.status, await response.clone().text()).toBe(303);
  const code = /^\/s\/([A-Z0-9]{6})\/present$/.exec(response.headers.get("location") ?? "")?.[1];
  expect(code).toBeDefined();
  const cookie = response.headers.get("set-cookie")!.split(";")[0]!;
  return { code: code!, host: cookie, secret: cookie.split("=")[1]! };
}

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

/** POSTs an action as the seminar's pages do (JSON unless told), from `base`'s own origin unless told. */
async function act(
  base: string,
  code: string,
  fields: Record<string, unknown> | string,
  { cookie, origin = base, accept = "application/json", type = "application/json", headers = {} }: { cookie?: string; origin?: string | null; accept?: string; type?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const sent: Record<string, string> = { "Content-Type": type, Accept: accept, ...headers };
  if (origin) sent.Origin = origin;
  if (cookie) sent.Cookie = cookie;
  const response = await fetch(`${base}/s/${code}/actions`, { method: "POST", headers: sent, body: typeof fields === "string" ? fields : JSON.stringify(fields), redirect: "manual" });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (response.headers.get("content-type") ?? "").includes("json") ? JSON.parse(text) : text };
}

/** The participant cookie an answer set. */
const participantOf = (answer: Answer) => answer.headers.get("set-cookie")!.split(";")[0]!;
const madeUpParticipant = () => `cp_participant=${randomBytes(16).toString("base64url")}`;
const randomCode = () => Array.from({ length: 6 }, () => CODE_ALPHABET[randomBytes(1)[0]! % CODE_ALPHABET.length]).join("");

async function resultsOf(base: string, seminar: Seminar) {
  const response = await fetch(`${base}/s/${seminar.code}/results.json`, { headers: { Cookie: seminar.host } });
  expect(response.status).toBe(200);
  return response.json();
}

/** A request written byte for byte, and the answer as it came (the connection closes after it). */
function rawRequest(port: number, request: string): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const split = text.indexOf("\r\n\r\n");
      const head = text.slice(0, split);
      let body = text.slice(split + 4);
      if (/^transfer-encoding: chunked/im.test(head)) {
        let plain = "";
        for (let rest = body; ; ) {
          const line = rest.indexOf("\r\n");
          const size = parseInt(rest.slice(0, line), 16);
          if (!size) break;
          plain += rest.slice(line + 2, line + 2 + size);
          rest = rest.slice(line + 2 + size + 2);
        }
        body = plain;
      }
      resolve({ status: Number(head.split(" ")[1]), head, body });
    });
    socket.write(request, "latin1");
  });
}

/** Nothing of the server's insides: no stack frames, no file paths. */
function expectNoInternals(body: string) {
  expect(body).not.toMatch(/^\s*at .+[(:]/m);
  expect(body).not.toMatch(/\/work\/|node_modules|file:\/\/|\.mjs|\.js:\d+/);
  expect(body).not.toMatch(/TypeError|ReferenceError|URIError|SyntaxError: /);
}

/** Runs `work` on every item, `width` at a time. */
async function inBatches<T, R>(items: T[], width: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += width) {
    results.push(...(await Promise.all(items.slice(start, start + width).map((item, offset) => work(item, start + offset)))));
  }
  return results;
}

const PUBLIC = "https://seminar.example.edu";
/** Live streams one client address may hold open on the PostgreSQL pair (a lecture hall's worth by default). */
const STREAMS_PER_ADDRESS = 12;
/** Two servers on one PostgreSQL behind a proxy on this machine, as docs/deploy.md has it: client addresses come from X-Forwarded-For. */
const postgresEnv = (url: string) => ({ DATABASE_URL: url, TRUST_PROXY: "loopback", COUNTERPOINT_PUBLIC_URL: PUBLIC, SEMINAR_STREAMS_PER_ADDRESS: String(STREAMS_PER_ADDRESS), NODE_ENV: undefined });

interface Pair {
  database: TestDatabase;
  a: RunningServer;
  b: RunningServer;
  stopped?: boolean;
}
let pair: Promise<Pair> | undefined;

/**
 * The PostgreSQL database and its two servers, started once: the PGlite
 * server's tests start them in the background, so that the second core starts
 * them while the first runs those tests.
 */
function postgresPair(): Promise<Pair> {
  pair ??= (async () => {
    const database = await postgresDatabase();
    const started: RunningServer[] = [];
    try {
      started.push(await startServer(postgresEnv(database.url)));
      started.push(await startServer(postgresEnv(database.url)));
    } catch (error) {
      await Promise.all(started.map((server) => server.stop()));
      await database.stop();
      throw error;
    }
    return { database, a: started[0]!, b: started[1]! };
  })();
  return pair;
}

afterAll(async () => {
  const started = await pair?.catch(() => undefined);
  if (!started || started.stopped) return;
  await Promise.all([started.a.stop(), started.b.stop()]);
  await started.database.stop();
});

const SECURITY_HEADERS = ["content-security-policy", "x-content-type-options", "referrer-policy", "permissions-policy", "x-frame-options", "cache-control"];

describe("one production server", () => {
  const data = temporaryDataDir();
  let server: RunningServer;
  let base: string;
  let seminar: Seminar;

  beforeAll(async () => {
    // The PGlite folder is made (initdb, migrations) here, so that the server's start is not its first on a slow machine.
    await (await openStore({ kind: "pglite", dataDir: data.dir })).close();
    server = await startServer({ COUNTERPOINT_DATA: data.dir, NODE_ENV: undefined }, probedServerArgs);
    base = server.baseUrl;
    void postgresPair().catch(() => undefined);
    await learnDebate(base);
    seminar = await startSeminar(base);
  });
  afterAll(async () => {
    await server?.stop();
    data.remove();
  });

  it("refuses bad writes with the right status and a message that says what to fix", async () => {
    const { code, host } = seminar;
    const post = (fields: Record<string, unknown> | string, options?: Parameters<typeof act>[3]) => act(base, code, fields, options);
    expect(await post({ intent: "dance" })).toMatchObject({ status: 400, body: { error: expect.stringContaining("intent must be one of: step, pause") } });
    expect(await post({ intent: "vote", poll: "sideways", choice: "yes" })).toMatchObject({ status: 400, body: { error: expect.stringContaining("poll must be one of: before, after, strongest, moved") } });
    expect(await post({ intent: "vote", poll: "before", choice: "perhaps" })).toMatchObject({ status: 400, body: { error: expect.stringContaining("yes, no, mixed, unsure") } });
    expect(await post({ intent: "vote", poll: "before" })).toMatchObject({ status: 400, body: { error: expect.stringContaining("choice is missing") } });
    expect(await post({ intent: "step", topic, step: "two" }, { cookie: host })).toMatchObject({ status: 400, body: { error: "step must be a number" } });
    expect(await post({ intent: "step", topic, step: CLOSING + 1 }, { cookie: host })).toMatchObject({ status: 400, body: { error: expect.stringContaining(`from 1 to ${CLOSING}`) } });
    expect(await post({ intent: "ask", text: "x".repeat(300) })).toMatchObject({ status: 400, body: { error: expect.stringContaining("at most 280") } });
    expect(await post({ intent: "ask", text: "hi", key: "not a key!" })).toMatchObject({ status: 400, body: { error: expect.stringContaining("key must be letters") } });
    expect(await post({ intent: "vote", poll: "before", choice: "yes", redirectTo: "https://elsewhere.example/" })).toMatchObject({ status: 400, body: { error: expect.stringContaining(`/s/${code}`) } });
    expect(await post("{intent")).toMatchObject({ status: 400, body: { error: expect.stringContaining("not valid JSON") } });
    expect(await post("[1,2]")).toMatchObject({ status: 400, body: { error: expect.stringContaining("must be an object") } });
    // The poll is not open at this step.
    expect(await post({ intent: "vote", poll: "after", choice: "yes" })).toMatchObject({ status: 409, body: { error: expect.stringContaining('"after" poll is not open now') } });
    expect(await post("intent=vote", { type: "text/plain" })).toMatchObject({ status: 415, body: { error: expect.stringContaining("application/x-www-form-urlencoded") } });
    const got = await fetch(`${base}/s/${code}/actions`, { headers: { Accept: "application/json" } });
    expect(got.status).toBe(405);
    expect(got.headers.get("allow")).toBe("POST");
    expect((await got.json()).error).toMatch(/Send seminar actions with POST/);
    expect(await act(base, "ZZZZZZ", { intent: "vote", poll: "before", choice: "yes" })).toMatchObject({ status: 404, body: { error: expect.stringContaining('No seminar has the code "ZZZZZZ"') } });
    expect((await resultsOf(base, seminar)).topics[0].before.total).toBe(0);
  });

  it("refuses host intents from participants and writes from other sites with 403, changing nothing", async () => {
    const { code, host } = seminar;
    const participant = participantOf(await act(base, code, { intent: "ask", text: "Is this the host's question?" }));
    for (const fields of [{ intent: "step", topic, step: 2 }, { intent: "pause" }, { intent: "reveal" }, { intent: "end" }, { intent: "reopen" }, { intent: "hide-question", question: 1 }]) {
      const refused = await act(base, code, fields, { cookie: participant });
      expect(refused.status, fields.intent).toBe(403);
      expect(refused.body.error).toMatch(/^Only the seminar's host can/);
    }
    expect((await act(base, code, { intent: "end" }, { cookie: `cp_host_${code}=not-the-secret` })).status).toBe(403);
    // Another seminar's host is not this one's.
    const other = await startSeminar(base);
    expect((await act(base, code, { intent: "pause" }, { cookie: `cp_host_${code}=${other.secret}` })).status).toBe(403);
    const crossSite = await act(base, code, { intent: "vote", poll: "before", choice: "yes" }, { origin: "https://elsewhere.example" });
    expect(crossSite).toMatchObject({ status: 403, body: { error: expect.stringContaining("Cross-site request refused") } });
    expect((await act(base, code, { intent: "pause" }, { origin: null, cookie: host })).status).toBe(403);
    expect((await act(base, code, { intent: "pause" }, { origin: null, cookie: host, headers: { Referer: "https://elsewhere.example/s/x" } })).status).toBe(403);
    // A same-site Referer stands in for a missing Origin.
    expect((await act(base, code, { intent: "resume" }, { origin: null, cookie: host, headers: { Referer: `${base}/s/${code}/host` } })).status).toBe(200);
    const results = await resultsOf(base, seminar);
    expect(results.seminar).toMatchObject({ step: 1, endedAt: null });
    expect(results.topics[0].before.total).toBe(0);
    const stream = connectSse(`${base}/s/${code}/events?as=host`, { reconnect: false, headers: { Cookie: host } });
    try {
      const view = JSON.parse((await stream.next(() => true, 10_000)).data);
      expect(view).toMatchObject({ step: 1, paused: false, revealed: false, ended: false });
    } finally {
      stream.close();
    }
  });

  it("refuses a write to a page from another site with 403, not a failure, and follows no X-Forwarded-* without TRUST_PROXY", async () => {
    const start = (headers: Record<string, string>) =>
      fetch(`${base}/seminar`, { method: "POST", redirect: "manual", headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers }, body: `topic=${topic}` });
    const attempts: Record<string, string>[] = [
      { Origin: "https://elsewhere.example" },
      { Origin: "null" },
      { Origin: "https://elsewhere.example", Accept: "application/json" },
      // What a proxy would send, from a client that is not one.
      { Origin: "https://example.edu", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "example.edu" },
      // A made-up X-Forwarded-Host beside the right Origin.
      { Origin: base, "X-Forwarded-Host": "elsewhere.example" },
    ];
    for (const headers of attempts) {
      const refused = await start(headers);
      const body = await refused.text();
      if (headers.Origin === base) {
        expect(refused.status, JSON.stringify(headers)).toBe(303);
        continue;
      }
      expect(refused.status, JSON.stringify(headers)).toBe(403);
      expect(body).toMatch(/Cross-site request refused/);
      expect(refused.headers.get("set-cookie")).toBeNull();
      expectNoInternals(body);
    }
    // The page's own data request (Remix's single fetch) too.
    const data = await fetch(`${base}/seminar.data`, { method: "POST", headers: { Origin: "https://elsewhere.example", "Content-Type": "application/x-www-form-urlencoded" }, body: `topic=${topic}` });
    expect(data.status).toBe(403);
    const own = await startSeminar(base);
    const vote = await act(base, own.code, { intent: "vote", poll: "before", choice: "no" }, { headers: { "X-Forwarded-Proto": "https" } });
    expect(vote.status).toBe(200);
    expect(vote.headers.get("set-cookie")).not.toMatch(/Secure/);
    expect(server.output()).not.toMatch(/Aborting the action/);
  });

  it("answers question ids beyond PostgreSQL's integer with 400, and changes nothing", async () => {
    const { code, host } = seminar;
    const asked = await act(base, code, { intent: "ask", text: "Which id am I?" });
    const participant = participantOf(asked);
    const before = await resultsOf(base, seminar);
    for (const question of [2 ** 31, 1e20, "9".repeat(30), -1, 1.5, "1e400"]) {
      const upvote = await act(base, code, { intent: "upvote", question }, { cookie: participant });
      expect(upvote.status, String(question)).toBe(400);
      expect(upvote.body.error).toMatch(/^question /);
      expect((await act(base, code, { intent: "hide-question", question }, { cookie: host })).status, String(question)).toBe(400);
    }
    // The largest id there can be is a question that does not exist.
    expect(await act(base, code, { intent: "upvote", question: 2 ** 31 - 1 }, { cookie: participant })).toMatchObject({ status: 404, body: { error: expect.stringContaining("no question 2147483647") } });
    const after = await resultsOf(base, seminar);
    expect(after.questions).toEqual(before.questions);
    expect(after.questions.find((question: { id: number }) => question.id === asked.body.question.id)).toMatchObject({ votes: 0, hidden: false });
  });

  it("refuses a redirectTo with a control or non-ASCII character with 400, and does not count the vote", async () => {
    const { code } = seminar;
    for (const redirectTo of [`/s/${code}\u0001`, `/s/${code}?\u007f`, `/s/${code}\t`, `/s/${code}/caf\u00e9`, `/s/${code}\u2028`, `/s/${code}\r\nSet-Cookie: x=1`]) {
      const refused = await act(base, code, { intent: "vote", poll: "before", choice: "yes", redirectTo });
      expect(refused.status, JSON.stringify(redirectTo)).toBe(400);
      expect(refused.body.error).toMatch(/redirectTo must be a path in this seminar/);
    }
    // The same from a form posted without JavaScript: back to the page with the error, not where it asked.
    for (const raw of ["%01", "%7F", "%09", "%C3%A9"]) {
      const form = await act(base, code, `intent=vote&poll=before&choice=yes&redirectTo=%2Fs%2F${code}${raw}`, {
        type: "application/x-www-form-urlencoded",
        accept: "text/html,application/xhtml+xml,*/*;q=0.8",
      });
      expect(form.status, raw).toBe(303);
      const location = new URL(form.headers.get("location")!, base);
      expect(location.pathname).toBe(`/s/${code}`);
      expect(location.searchParams.get("error")).toMatch(/redirectTo must be a path/);
    }
    expect((await resultsOf(base, seminar)).topics[0].before.total).toBe(0);
    // A plain one is followed.
    const accepted = await act(base, code, `intent=vote&poll=before&choice=yes&redirectTo=${encodeURIComponent(`/s/${code}?tab=poll`)}`, {
      type: "application/x-www-form-urlencoded",
      accept: "text/html",
    });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get("location")).toBe(`/s/${code}?tab=poll`);
    expect((await resultsOf(base, seminar)).topics[0].before.total).toBe(1);
  });

  it("answers 413 to a body over 4096 bytes, with Content-Length and chunked alike, with a message and no reset", async () => {
    const { code } = seminar;
    const declared = await act(base, code, { intent: "ask", text: "x".repeat(5000) });
    expect(declared).toMatchObject({ status: 413, body: { error: expect.stringContaining("larger than 4096 bytes") } });

    const chunked = await new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
      const request = http.request(`${base}/s/${code}/actions`, {
        method: "POST",
        headers: { Origin: base, "Content-Type": "application/json", Accept: "application/json", "Transfer-Encoding": "chunked" },
      });
      request.on("response", (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode!, body, headers: response.headers }));
        response.on("error", reject);
      });
      request.on("error", reject);
      const chunk = `{"intent":"ask","text":"${"y".repeat(1000)}`;
      let sent = 0;
      const more = () => {
        while (sent < 10) {
          sent += 1;
          if (!request.write(chunk)) return request.once("drain", more);
        }
        request.end('"}');
      };
      more();
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).error).toMatch(/larger than 4096 bytes/);
    // The server is fine, and nothing was asked.
    expect((await resultsOf(base, seminar)).questions.some((question: { text: string }) => question.text.startsWith("yyy"))).toBe(false);
  });

  it("answers a malformed Host or a bad %-encoding with a plain 400: no stack trace, no file path", async () => {
    const port = server.port;
    const logged = server.output().length;
    for (const host of ["bad host", "[zz", "a:99999", "exa_mple.org", "<script>"]) {
      for (const target of ["/", "/seminar", `/s/${seminar.code}`, "/healthz"]) {
        const answer = await rawRequest(port, `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
        expect(answer.status, `${target} with Host: ${host}`).toBe(400);
        expect(answer.body).toMatch(/^The Host header is not a host name/);
        expect(answer.head).toMatch(/^content-type: text\/plain/im);
        expect(answer.head).toMatch(/^x-content-type-options: nosniff/im);
        expectNoInternals(answer.body);
      }
    }
    const post = await rawRequest(port, `POST /s/${seminar.code}/actions HTTP/1.1\r\nHost: [zz\r\nOrigin: http://[zz\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
    expect(post.status).toBe(400);
    expect(JSON.parse(post.body).error).toMatch(/Host header/);
    const noHost = await rawRequest(port, "GET /seminar HTTP/1.0\r\n\r\n");
    expect(noHost.status).toBe(400);
    expect(noHost.body).toMatch(/no Host header/);
    for (const target of ["/build/%E0%A4%A", "/%", "/%E0%A4%A", "/s/%ZZ", "/claims/%C0%AF", `/s/${seminar.code}/%`]) {
      const answer = await rawRequest(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
      expect(answer.status, target).toBe(400);
      expect(answer.body, target).toBe("The request could not be read; check the address and try again.");
    }
    // The client's mistakes are not logged as the server's failures.
    expect(server.output().slice(logged)).not.toMatch(/Error|    at /);
    // Methods the pages do not take: 405, with the site's error page and nothing of its insides.
    for (const [method, target] of [["OPTIONS", "/seminar"], ["PUT", "/about"], ["DELETE", `/s/${seminar.code}/actions`]] as const) {
      const answer = await rawRequest(port, `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      expect(answer.status, `${method} ${target}`).toBe(405);
      expectNoInternals(answer.body);
    }
  });

  it("says on the projector and the console that phones cannot open a localhost address, and how to fix it", async () => {
    for (const page of ["present", "host"]) {
      const html = await (await fetch(`${base}/s/${seminar.code}/${page}`, { headers: { Cookie: seminar.host } })).text();
      expect(html, page).toContain(`Phones cannot open 127.0.0.1:${server.port}`);
      expect(html, page).toContain("COUNTERPOINT_PUBLIC_URL");
      expect(html, page).toContain(`127.0.0.1:${server.port}/s/${seminar.code}`);
    }
    // The projector shows nothing secret: no console link, no host key.
    const projector = await (await fetch(`${base}/s/${seminar.code}/present`, { headers: { Cookie: seminar.host } })).text();
    expect(projector).not.toContain(seminar.secret);
    expect(projector).not.toContain(`/s/${seminar.code}/host`);
  });

  it("writes no host key to the access log, and takes it out of the address", async () => {
    const { code, secret } = await startSeminar(base);
    const claimed = await fetch(`${base}/s/${code}/host?key=${encodeURIComponent(secret)}`, { redirect: "manual" });
    expect(claimed.status).toBe(303);
    expect(claimed.headers.get("location")).toBe(`/s/${code}/host`);
    expect(claimed.headers.get("referrer-policy")).toBe("no-referrer");
    const cookie = claimed.headers.get("set-cookie")!;
    expect(cookie.startsWith(`cp_host_${code}=${secret};`)).toBe(true);
    expect(cookie.split("; ").slice(1).sort()).toEqual(["HttpOnly", "Max-Age=2592000", `Path=/s/${code}`, "SameSite=Lax"]);
    const wrong = await fetch(`${base}/s/${code}/host?key=WRONG-${secret}&token=t0k3n`, { redirect: "manual" });
    expect(wrong.status).toBe(403);
    await expect.poll(() => server.output(), { timeout: 5_000 }).toContain(`GET /s/${code}/host?key=[redacted] 303`);
    await expect.poll(() => server.output(), { timeout: 5_000 }).toContain(`GET /s/${code}/host?key=[redacted]&token=[redacted] 403`);
    expect(server.output()).not.toContain(secret);
    expect(server.output()).not.toContain("t0k3n");
  });

  it("sends phones a step but not a vote, the projector both, and nothing to a stream that is up to date", async () => {
    const { code, host } = await startSeminar(base);
    const room = connectSse(`${base}/s/${code}/events?as=room`, { reconnect: false });
    const screen = connectSse(`${base}/s/${code}/events?as=screen`, { reconnect: false, headers: { Cookie: host } });
    const hostStream = connectSse(`${base}/s/${code}/events?as=host`, { reconnect: false, headers: { Cookie: host } });
    try {
      const first = viewOf(await room.next(() => true, 10_000));
      const shown = viewOf(await screen.next(() => true, 10_000));
      await hostStream.next(() => true, 10_000);
      expect(room.events[0]!.id).toBe(String(first.roomVersion));
      expect(shown.answered).toBe(0);
      expect(first).not.toHaveProperty("hostResults");
      expect(first).not.toHaveProperty("here");

      expect((await act(base, code, { intent: "vote", poll: "before", choice: "yes" })).status).toBe(200);
      // The projector and the console count the vote...
      await screen.next((event) => viewOf(event).answered === 1, 10_000);
      const counted = await hostStream.next((event) => (JSON.parse(event.data) as { hostResults: { before: { total: number } } }).hostResults.before.total === 1, 10_000);
      expect(JSON.parse(counted.data).allQuestions).toEqual([]);
      // ...and the phones' next event is the host's next step, not the vote.
      expect((await act(base, code, { intent: "step", topic, step: 2 }, { cookie: host })).status).toBe(200);
      const stepped = await room.next((event) => viewOf(event).step === 2, 10_000);
      expect(room.events).toEqual([room.events[0], stepped]);
      expect(stepped.id).toBe(String(first.roomVersion + 1));

      // Up to date: a stream that says so gets nothing until the next change.
      const upToDate = connectSse(`${base}/s/${code}/events?as=room`, { reconnect: false, headers: { "Last-Event-ID": stepped.id! } });
      await expect.poll(() => upToDate.connections, { timeout: 10_000 }).toBe(1);
      expect((await act(base, code, { intent: "step", topic, step: 3 }, { cookie: host })).status).toBe(200);
      const next = await upToDate.next(() => true, 10_000);
      expect(viewOf(next).step).toBe(3);
      expect(upToDate.events).toHaveLength(1);
      // A stream that is behind gets the view now at once.
      const behind = connectSse(`${base}/s/${code}/events?as=room`, { reconnect: false, headers: { "Last-Event-ID": first.roomVersion.toString() } });
      expect(viewOf(await behind.next(() => true, 10_000)).step).toBe(3);
      upToDate.close();
      behind.close();
    } finally {
      room.close();
      screen.close();
      hostStream.close();
    }
  });

  it("gives a phone the same view after a step from its stream as from its page's data", async () => {
    const { code, host } = await startSeminar(base);
    const phone = participantOf(await act(base, code, { intent: "vote", poll: "before", choice: "mixed" }));
    const room = connectSse(`${base}/s/${code}/events`, { reconnect: false, headers: { Cookie: phone } });
    try {
      await room.next(() => true, 10_000);
      for (const step of [viewpointStep, CLOSING]) {
        expect((await act(base, code, { intent: "step", topic, step }, { cookie: host })).status).toBe(200);
        const streamed = JSON.parse((await room.next((event) => viewOf(event).step === step, 10_000)).data);
        expect(streamed.screen.screen.kind).toBe(step === CLOSING ? "closing" : "viewpoint");
        // What the phone page loads when it reloads its data (Remix's single fetch, `/s/CODE.data`).
        const response = await fetch(`${base}/s/${code}.data`, { headers: { Cookie: phone } });
        expect(response.status).toBe(200);
        const decoded = (await decode(response.body!)).value as Record<string, { data?: { view?: unknown; mine?: { votes: Record<string, string> } } }>;
        const page = Object.values(decoded).find((route) => route?.data?.view)?.data;
        expect(page?.view).toEqual(streamed);
        expect(page?.mine?.votes).toEqual({ before: "mixed" });
      }
      expect(JSON.parse(room.events.at(-1)!.data).polls.map((poll: { kind: string }) => poll.kind)).toEqual(["after", "moved"]);
    } finally {
      room.close();
    }
  });

  it("answers phones joining after the first from the page rendered for it, before Express: each its own cookie and nonce, and each counted", async () => {
    const seminar = await startSeminar(base);
    const page = `/s/${seminar.code}`;
    const visits: Array<{ status: number; headers: Record<string, string>; body: string; nonce: string }> = [];
    for (let visit = 0; visit < 4; visit++) {
      const response = await fetch(`${base}${page}`);
      const headers = Object.fromEntries(response.headers);
      const nonce = /'nonce-([^']+)'/.exec(headers["content-security-policy"] ?? "")?.[1] ?? "";
      visits.push({ status: response.status, headers, body: await response.text(), nonce });
    }
    expect(visits.map((visit) => visit.status)).toEqual([200, 200, 200, 200]);
    const cookies = visits.map((visit) => visit.headers["set-cookie"]!.split(";")[0]!);
    expect(new Set(cookies).size).toBe(4);
    expect(new Set(visits.map((visit) => visit.nonce)).size).toBe(4);
    // Apart from its own cookie, nonce and date, each answer is the first one's, headers and document alike.
    const shared = ({ headers, body, nonce }: (typeof visits)[number]) => ({
      headers: { ...headers, date: "", "set-cookie": headers["set-cookie"]!.replace(/^cp_participant=[^;]+/, ""), "content-security-policy": headers["content-security-policy"]!.replace(nonce, "") },
      body: body.replaceAll(nonce, ""),
    });
    expect(visits[0]!.body).toContain(`nonce="${visits[0]!.nonce}"`);
    expect(visits[0]!.headers["cache-control"]).toBe("no-store");
    for (const visit of visits.slice(1)) expect(shared(visit)).toEqual(shared(visits[0]!));
    // Only the first went through Express and Remix, whose access log has it.
    await expect.poll(() => server.output(), { timeout: 5_000 }).toContain(`GET ${page} 200`);
    expect(server.output().split(`GET ${page} 200`)).toHaveLength(2);
    // Each joined: the host counts four, and each one's vote is theirs.
    expect((await resultsOf(base, seminar)).seminar.participants).toBe(4);
    for (const cookie of cookies) {
      const vote = await act(base, seminar.code, { intent: "vote", poll: "before", choice: "yes" }, { cookie });
      expect(vote.status).toBe(200);
      expect(vote.headers.get("set-cookie")).toBeNull();
    }
    expect((await resultsOf(base, seminar)).topics[0].before.counts.yes).toBe(4);
  });

  it("answers phones joining while the host ends the seminar with the page or with the ended page, never a bare error", async () => {
    const seminar = await startSeminar(base);
    expect((await fetch(`${base}/s/${seminar.code}`)).status).toBe(200);
    const joining = Array.from({ length: 40 }, async () => {
      const response = await fetch(`${base}/s/${seminar.code}`);
      return { status: response.status, html: await response.text() };
    });
    const ended = act(base, seminar.code, { intent: "end" }, { cookie: seminar.host });
    expect((await ended).status).toBe(200);
    for (const { status, html } of await Promise.all(joining)) {
      expect([200, 410]).toContain(status);
      if (status === 410) expect(html).toContain("This seminar has ended");
      expectNoInternals(html);
    }
    const after = await fetch(`${base}/s/${seminar.code}`);
    expect(after.status).toBe(410);
    expect(await after.text()).toContain("This seminar has ended");
  });

  it("lets go of phones that leave, even when a garbage collection came between their joining and leaving", async () => {
    const { code } = await startSeminar(base);
    const idle = await serverTimers(server.process);
    const phones = Array.from({ length: 10 }, () => connectSse(`${base}/s/${code}/events`, { reconnect: false }));
    try {
      await Promise.all(phones.map((phone) => phone.next(() => true, 10_000)));
      // Each live stream keeps a timer for its pings.
      expect(await serverTimers(server.process)).toBeGreaterThanOrEqual(idle + phones.length);
      // In Node 20, a collection here cut the signal Remix gives a loader off from its connection (nodejs/node#55428).
      await serverMemory(server.process, "collect");
    } finally {
      phones.forEach((phone) => phone.close());
    }
    await expect.poll(() => serverTimers(server.process), { timeout: 10_000 }).toBeLessThanOrEqual(idle);
  });

  it("keeps the projector's and the console's streams for the host", async () => {
    const { code } = seminar;
    const participant = participantOf(await act(base, code, { intent: "ask", text: "Can I see the console?" }));
    for (const as of ["screen", "host"]) {
      for (const cookie of [undefined, participant, `cp_host_${code}=guess`]) {
        const response = await fetch(`${base}/s/${code}/events?as=${as}`, { headers: cookie ? { Cookie: cookie } : {} });
        expect(response.status, `${as} with ${cookie}`).toBe(403);
        expect(await response.text()).toMatch(/Only the seminar's host/);
      }
    }
    const bogus = await fetch(`${base}/s/${code}/events?as=everyone`);
    expect(bogus.status).toBe(400);
    expect(await bogus.text()).toMatch(/as must be one of: room, screen, host/);
    expect((await fetch(`${base}/s/${code}/results.csv`, { headers: { Cookie: participant } })).status).toBe(403);
  });

  it("limits one participant's writes with 429 and Retry-After, and no one else's", async () => {
    const limitedSeminar = await startSeminar(base);
    const { code } = limitedSeminar;
    const participant = participantOf(await act(base, code, { intent: "vote", poll: "before", choice: "no" }));
    const statuses: number[] = [];
    for (let index = 0; index < 29; index++) statuses.push((await act(base, code, { intent: "vote", poll: "before", choice: "yes" }, { cookie: participant })).status);
    expect(statuses.every((status) => status === 200)).toBe(true);
    const limited = await act(base, code, { intent: "vote", poll: "before", choice: "mixed" }, { cookie: participant });
    expect(limited).toMatchObject({ status: 429, body: { error: expect.stringMatching(/wait \d+ seconds/) } });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(10);
    expect((await act(base, code, { intent: "vote", poll: "before", choice: "no" })).status).toBe(200);
    // The refused vote changed nothing: the participant's last answer is the last accepted one.
    expect((await resultsOf(base, limitedSeminar)).topics[0].before.counts).toEqual({ yes: 1, no: 1, mixed: 0, unsure: 0 });
  });

  it("ends a seminar: writes answer 410, the phone page says it ended, the host still gets the results", async () => {
    const ended = await startSeminar(base);
    const participant = participantOf(await act(base, ended.code, { intent: "vote", poll: "before", choice: "yes" }));
    expect((await act(base, ended.code, { intent: "end" }, { cookie: ended.host })).status).toBe(200);
    for (const cookie of [participant, undefined]) {
      expect(await act(base, ended.code, { intent: "vote", poll: "before", choice: "no" }, { cookie })).toMatchObject({ status: 410, body: { error: expect.stringContaining("This seminar has ended") } });
    }
    expect((await act(base, ended.code, { intent: "step", topic, step: 2 }, { cookie: ended.host })).status).toBe(410);
    const phone = await fetch(`${base}/s/${ended.code}`, { headers: { Cookie: participant } });
    expect(phone.status).toBe(410);
    expect(phone.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await phone.text();
    expect(html).toContain("This seminar has ended");
    expectNoInternals(html);
    const form = await act(base, ended.code, "intent=vote&poll=before&choice=no", { type: "application/x-www-form-urlencoded", accept: "text/html" });
    expect(form.status).toBe(303);
    expect(new URL(form.headers.get("location")!, base).searchParams.get("error")).toMatch(/ended/);
    const results = await resultsOf(base, ended);
    expect(results.seminar.endedAt).not.toBeNull();
    expect(results.topics[0].before.counts).toEqual({ yes: 1, no: 0, mixed: 0, unsure: 0 });
    // Undone within 10 minutes, it takes answers again.
    expect((await act(base, ended.code, { intent: "reopen" }, { cookie: ended.host })).status).toBe(200);
    expect((await act(base, ended.code, { intent: "vote", poll: "before", choice: "no" }, { cookie: participant })).status).toBe(200);
  });

  it("sets the security headers and a Cache-Control on every route the app has", { timeout: 120_000 }, async () => {
    const live = await startSeminar(base);
    const phone = participantOf(await act(base, live.code, { intent: "vote", poll: "before", choice: "yes" }));
    const { code, host } = live;
    const brief = `c=${encodeURIComponent(claim)}`;
    const form = { "Content-Type": "application/x-www-form-urlencoded", Origin: base };
    type Probe = { path: string; method?: string; headers?: Record<string, string>; body?: string; status: number };
    const seminarPage = (page: string): Probe[] => [
      { path: `/s/${code}/${page}`, headers: { Cookie: host }, status: 200 },
      { path: `/s/${code}/${page}`, status: 403 },
    ];
    /** One address or more for every file in app/routes: a route added without an entry here fails this test. */
    const routes: Record<string, Probe[]> = {
      "$.tsx": [{ path: "/no-such-page", status: 404 }],
      "_index.tsx": [{ path: "/", status: 200 }],
      "about.tsx": [{ path: "/about", status: 200 }],
      "api.$.ts": [{ path: "/api/nothing-here", status: 404 }],
      "api.perspectives.$file.ts": [
        { path: `/api/perspectives/${perspective}.json`, status: 200 },
        { path: "/api/perspectives/nobody.json", status: 404 },
      ],
      "api.perspectives[.json].ts": [{ path: "/api/perspectives.json", status: 200 }],
      "brief.tsx": [{ path: `/brief?${brief}`, status: 200 }],
      "brief[.bib].ts": [{ path: `/brief.bib?${brief}`, status: 200 }],
      "brief[.docx].ts": [{ path: `/brief.docx?${brief}`, status: 200 }],
      "brief[.json].ts": [{ path: `/brief.json?${brief}`, status: 200 }],
      "brief[.md].ts": [
        { path: `/brief.md?${brief}`, status: 200 },
        { path: "/brief.md?c=no-such-claim", status: 404 },
      ],
      "brief[.ris].ts": [{ path: `/brief.ris?${brief}`, status: 200 }],
      "claims.$id.tsx": [
        { path: `/claims/${claim}`, status: 200 },
        { path: "/claims/no-such-claim", status: 404 },
      ],
      "compare.tsx": [{ path: "/compare", status: 200 }],
      "glossary.tsx": [{ path: "/glossary", status: 200 }],
      "healthz.ts": [{ path: "/healthz", status: 200 }],
      "perspectives.$id.tsx": [{ path: `/perspectives/${perspective}`, status: 200 }],
      "present.$topic.($step).tsx": [
        { path: `/present/${topic}`, status: 200 },
        { path: `/present/${topic}/2`, status: 200 },
        { path: `/present/${topic}/9999`, status: 404 },
      ],
      "references[.bib].ts": [{ path: "/references.bib", status: 200 }],
      "s.$code.tsx": [{ path: "/s/ZZZZZZ", status: 404 }],
      "s.$code._index.tsx": [
        { path: `/s/${code}`, headers: { Cookie: phone }, status: 200 },
        { path: `/s/${code}.data`, headers: { Cookie: phone }, status: 200 },
      ],
      "s.$code.actions.ts": [
        { path: `/s/${code}/actions`, method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json", Origin: base, Cookie: phone }, body: '{"intent":"vote","poll":"before","choice":"no"}', status: 200 },
        { path: `/s/${code}/actions`, method: "POST", headers: { ...form, Accept: "text/html" }, body: "intent=vote&poll=before&choice=no", status: 303 },
        { path: `/s/${code}/actions`, status: 405 },
        { path: `/s/${code}/actions`, method: "POST", headers: { "Content-Type": "application/json", Origin: base }, body: "x".repeat(5000), status: 413 },
      ],
      "s.$code.events.ts": [{ path: `/s/${code}/events`, status: 200 }],
      "s.$code.host.tsx": [...seminarPage("host"), { path: `/s/${code}/host?key=${host.split("=")[1]}`, status: 303 }],
      "s.$code.present.tsx": seminarPage("present"),
      "s.$code.results[.csv].ts": [
        { path: `/s/${code}/results.csv`, headers: { Cookie: host }, status: 200 },
        { path: `/s/${code}/results.csv`, status: 403 },
      ],
      "s.$code.results[.json].ts": [{ path: `/s/${code}/results.json`, headers: { Cookie: host }, status: 200 }],
      "s.$code.summary.tsx": seminarPage("summary"),
      "search.tsx": [{ path: "/search?q=raids", status: 200 }],
      "seminar.tsx": [
        { path: "/seminar", status: 200 },
        { path: "/seminar?code=nope", status: 400 },
        { path: "/seminar", method: "POST", headers: form, body: `topic=${topic}`, status: 303 },
        { path: "/seminar", method: "POST", headers: { ...form, Origin: "https://elsewhere.example" }, body: `topic=${topic}`, status: 403 },
      ],
      "sources.tsx": [{ path: "/sources", status: 200 }],
      "sources_.uses[.json].ts": [{ path: "/sources/uses.json", status: 200 }],
      "topics.$id.tsx": [
        { path: `/topics/${topic}`, status: 200 },
        { path: `/topics/${topic}.data`, status: 200 },
      ],
      "topics.$id_.map.tsx": [
        { path: `/topics/${topic}/map`, status: 200 },
        { path: "/topics/no-such-question/map", status: 404 },
      ],
      "where-do-i-stand.tsx": [
        { path: "/where-do-i-stand", status: 200 },
        { path: `/where-do-i-stand?${topic}=yes`, status: 200 },
        { path: `/where-do-i-stand?${topic}=`, status: 302 },
      ],
      "api.debate[.argdown].ts": [{ path: "/api/debate.argdown", status: 200 }],
      "api.debate[.aif.json].ts": [{ path: "/api/debate.aif.json", status: 200 }],
    };
    const files = readdirSync(path.resolve("app/routes")).filter((file) => /\.(tsx?|jsx?|mdx?)$/.test(file));
    expect(files.filter((file) => !(file in routes)), "route files this test has no address for: add them to `routes`").toEqual([]);
    expect(Object.keys(routes).filter((file) => !files.includes(file)), "addresses for route files that are gone").toEqual([]);

    const asset = readdirSync(path.resolve("public/build")).find((file) => file.endsWith(".js"))!;
    const probes: Probe[] = [
      ...Object.values(routes).flat(),
      { path: `/build/${asset}`, status: 200 },
      { path: "/build/no-such-file.js", status: 404 },
      { path: "/favicon.svg", status: 200 },
      { path: "/%", status: 400 },
    ];
    const problems: string[] = [];
    for (const probe of probes) {
      // Twice: the second answer of a page that is kept comes from the render cache, before Express.
      for (const round of [1, 2]) {
        const controller = new AbortController();
        const response = await fetch(`${base}${probe.path}`, { method: probe.method ?? "GET", headers: probe.headers, body: probe.body, redirect: "manual", signal: controller.signal });
        const what = `${probe.method ?? "GET"} ${probe.path} (${round})`;
        if (response.status !== probe.status) problems.push(`${what}: status ${response.status}, expected ${probe.status}`);
        for (const header of SECURITY_HEADERS) if (!response.headers.get(header)) problems.push(`${what}: no ${header}`);
        if (response.headers.get("x-content-type-options") !== "nosniff") problems.push(`${what}: X-Content-Type-Options ${response.headers.get("x-content-type-options")}`);
        if (response.headers.get("x-frame-options") !== "DENY") problems.push(`${what}: X-Frame-Options ${response.headers.get("x-frame-options")}`);
        if (!/frame-ancestors 'none'/.test(response.headers.get("content-security-policy") ?? "")) problems.push(`${what}: CSP ${response.headers.get("content-security-policy")}`);
        const type = response.headers.get("content-type") ?? "";
        if (type.startsWith("text/html") && !/script-src 'self' 'nonce-/.test(response.headers.get("content-security-policy") ?? "")) problems.push(`${what}: a document without its nonce policy`);
        if (/^\/s\//.test(probe.path) && !probe.path.startsWith("/s/ZZZZZZ") && !/no-store|no-cache/.test(response.headers.get("cache-control") ?? "")) {
          problems.push(`${what}: a seminar answer that may be cached: ${response.headers.get("cache-control")}`);
        }
        if (type.includes("event-stream")) controller.abort();
        else if (response.status >= 400) expectNoInternals(await response.text());
        else await response.arrayBuffer();
      }
    }
    expect(problems).toEqual([]);
  });

  it("keeps a vote acknowledged before a SIGKILL, after a restart on the same PGlite folder", async () => {
    const { code, host, secret } = await startSeminar(base);
    const voters = 40;
    const answers = await Promise.all(Array.from({ length: voters }, (_, index) => act(base, code, { intent: "vote", poll: "before", choice: index % 4 ? "yes" : "no" })));
    expect(answers.map((answer) => answer.status)).toEqual(Array(voters).fill(200));
    const exited = new Promise((resolve) => server.process.once("exit", resolve));
    server.process.kill("SIGKILL");
    await exited;
    server = await startServer({ COUNTERPOINT_DATA: data.dir, NODE_ENV: undefined });
    base = server.baseUrl;
    const results = await resultsOf(base, { code, host, secret });
    expect(results.topics[0].before).toEqual({ counts: { yes: 30, no: 10, mixed: 0, unsure: 0 }, total: voters });
    expect(results.seminar.participants).toBe(voters);
  }, 90_000);
});

describe("settings the server cannot use", () => {
  it("stop it at start with a message that says what they must be", () => {
    for (const [name, value, message] of [
      ["TRUST_PROXY", "the proxy", /TRUST_PROXY must be true, a number of hops, or addresses and CIDR ranges/],
      ["COUNTERPOINT_PUBLIC_URL", "ftp://seminar.example.edu", /COUNTERPOINT_PUBLIC_URL must start with https:\/\/ or http:\/\//],
      ["COUNTERPOINT_PUBLIC_URL", "https://example.edu/seminar", /COUNTERPOINT_PUBLIC_URL must be an origin only/],
    ] as const) {
      const env: Record<string, string | undefined> = { ...process.env, PORT: "1", [name]: value };
      delete env.NODE_ENV;
      const started = spawnSync(process.execPath, ["app/cli/serve.mjs", "build/index.js"], {
        env: env as NodeJS.ProcessEnv,
        encoding: "utf8",
        timeout: 30_000,
      });
      expect(started.status, `${name}=${value}`).toBe(1);
      expect(started.stderr).toMatch(/^Counterpoint cannot start: /);
      expect(started.stderr).toMatch(message);
      expectNoInternals(started.stderr);
    }
  });
});

describe("two servers on one PostgreSQL, behind a proxy, with a public address", () => {
  let database: TestDatabase;
  let a: RunningServer;
  let b: RunningServer;
  const proxied = { "X-Forwarded-Proto": "https", "X-Forwarded-Host": "example.edu" };
  const env = () => postgresEnv(database.url);

  beforeAll(async () => {
    const pair = await postgresPair();
    ({ database, a, b } = pair);
    await learnDebate(a.baseUrl);
    // From here on this suite stops them, whichever `a` is running then.
    pair.stopped = true;
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.stop();
  });

  it("a phone streaming from one follows the host on the other, and votes sent to both count once each in one tally", async () => {
    const seminar = await startSeminar(a.baseUrl);
    const { code, host } = seminar;
    const phone = connectSse(`${b.baseUrl}/s/${code}/events`);
    const screen = connectSse(`${b.baseUrl}/s/${code}/events?as=screen`, { headers: { Cookie: host } });
    try {
      await phone.next(() => true, 10_000);
      await screen.next(() => true, 10_000);
      for (const step of [2, 3, 1]) {
        expect((await act(a.baseUrl, code, { intent: "step", topic, step }, { cookie: host })).status).toBe(200);
        await phone.next((event) => viewOf(event).step === step, 10_000);
      }
      // 60 phones, each voting through both servers at once (one changing its mind), and 20 more through one.
      const people = Array.from({ length: 60 }, () => madeUpParticipant());
      const sent = await Promise.all([
        ...people.map((cookie) => act(a.baseUrl, code, { intent: "vote", poll: "before", choice: "yes" }, { cookie })),
        ...people.map((cookie, index) => act(b.baseUrl, code, { intent: "vote", poll: "before", choice: index < 10 ? "no" : "yes" }, { cookie })),
        ...Array.from({ length: 20 }, (_, index) => act(index % 2 ? a.baseUrl : b.baseUrl, code, { intent: "vote", poll: "before", choice: "mixed" })),
      ]);
      expect(sent.map((answer) => answer.status).filter((status) => status !== 200)).toEqual([]);
      for (const server of [a, b]) {
        const { before } = (await resultsOf(server.baseUrl, seminar)).topics[0];
        expect(before.total).toBe(80);
        expect(before.counts.mixed).toBe(20);
        expect(before.counts.yes + before.counts.no).toBe(60);
      }
      expect((await resultsOf(b.baseUrl, seminar)).seminar.participants).toBe(80);
      // The projector on the other server counts them all.
      await screen.next((event) => viewOf(event).answered === 80, 10_000);
      // Phones here now: one on each server (a participant's two tabs count once), added up across the processes.
      const [first, second] = people;
      const streams = [connectSse(`${a.baseUrl}/s/${code}/events`, { headers: { Cookie: first! } }), connectSse(`${b.baseUrl}/s/${code}/events`, { headers: { Cookie: second! } }), connectSse(`${b.baseUrl}/s/${code}/events`, { headers: { Cookie: second! } })];
      try {
        const here = await screen.next((event) => (JSON.parse(event.data) as { here: number }).here === 2, 15_000);
        expect(JSON.parse(here.data).joined).toBe(80);
      } finally {
        streams.forEach((stream) => stream.close());
      }
    } finally {
      phone.close();
      screen.close();
    }
  });

  it("takes an ending back from the other process, and a phone there sees the seminar again", async () => {
    const { code, host } = await startSeminar(a.baseUrl);
    const phone = connectSse(`${b.baseUrl}/s/${code}/events`, { reconnect: false });
    try {
      await phone.next(() => true, 10_000);
      expect((await act(a.baseUrl, code, { intent: "end" }, { cookie: host })).status).toBe(200);
      const ended = await phone.next((event) => viewOf(event).ended, 10_000);
      expect(JSON.parse(ended.data).reopenableUntil).not.toBeNull();
      expect((await act(b.baseUrl, code, { intent: "vote", poll: "before", choice: "yes" })).status).toBe(410);
      // A participant cannot take it back; the host can, from either process.
      expect((await act(b.baseUrl, code, { intent: "reopen" })).status).toBe(403);
      expect((await act(b.baseUrl, code, { intent: "reopen" }, { cookie: host })).status).toBe(200);
      await phone.next((event) => !viewOf(event).ended, 10_000, phone.events.indexOf(ended) + 1);
      expect((await act(b.baseUrl, code, { intent: "vote", poll: "before", choice: "yes" })).status).toBe(200);
    } finally {
      phone.close();
    }
  });

  it("caps the live streams one address holds open, and counts a closed one out", async () => {
    const { code } = await startSeminar(b.baseUrl);
    const from = { "X-Forwarded-For": "10.50.0.1" };
    const streams = Array.from({ length: STREAMS_PER_ADDRESS }, () => connectSse(`${b.baseUrl}/s/${code}/events`, { reconnect: false, headers: from }));
    try {
      await Promise.all(streams.map((stream) => stream.next(() => true, 10_000)));
      const refused = await fetch(`${b.baseUrl}/s/${code}/events`, { headers: from });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await refused.text()).toMatch(/Too many live connections/);
      // Another address, and the same address on the other process, are not held back.
      const other = connectSse(`${b.baseUrl}/s/${code}/events`, { reconnect: false, headers: { "X-Forwarded-For": "10.50.0.2" } });
      const elsewhere = connectSse(`${a.baseUrl}/s/${code}/events`, { reconnect: false, headers: from });
      await Promise.all([other.next(() => true, 10_000), elsewhere.next(() => true, 10_000)]);
      other.close();
      elsewhere.close();
      streams.pop()!.close();
      // Once the server has seen the stream close, the address may open one again.
      await expect
        .poll(
          async () => {
            const response = await fetch(`${b.baseUrl}/s/${code}/events`, { headers: from });
            await response.body?.cancel();
            return response.status;
          },
          { timeout: 10_000 },
        )
        .toBe(200);
    } finally {
      streams.forEach((stream) => stream.close());
    }
  });

  it("shares one wrong-code limit: guesses split across both are limited at the same total", async () => {
    const guesser = { "X-Forwarded-For": "10.30.0.1" };
    const statuses: number[] = [];
    for (let index = 0; index < 40; index++) {
      const server = index % 2 ? b : a;
      statuses.push((await fetch(`${server.baseUrl}/s/${randomCode()}/events`, { headers: { ...guesser, Cookie: madeUpParticipant() } })).status);
    }
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(404));
    expect(statuses.slice(30)).toEqual(Array(10).fill(429));
    // Addresses a client adds to X-Forwarded-For itself buy nothing: the proxy appends the one it saw.
    const spoofed: number[] = [];
    for (let index = 0; index < 32; index++) {
      const headers = { "X-Forwarded-For": `203.0.113.${index}, 10.30.0.2`, Cookie: madeUpParticipant() };
      spoofed.push((await fetch(`${(index % 2 ? b : a).baseUrl}/s/${randomCode()}/events`, { headers })).status);
    }
    expect(spoofed.filter((status) => status === 404)).toHaveLength(30);
    expect(spoofed.slice(30)).toEqual([429, 429]);
  });

  it("starts a seminar over the proxy's https (TRUST_PROXY), with Secure cookies", async () => {
    const base = a.baseUrl;
    const started = await fetch(`${base}/seminar`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: "https://example.edu", "Content-Type": "application/x-www-form-urlencoded", ...proxied },
      body: `topic=${topic}`,
    });
    expect(started.status).toBe(303);
    const code = /\/s\/([A-Z0-9]{6})\/present$/.exec(started.headers.get("location")!)![1]!;
    expect(started.headers.get("set-cookie")!.split("; ").slice(1).sort()).toEqual(["HttpOnly", "Max-Age=2592000", `Path=/s/${code}`, "SameSite=Lax", "Secure"]);
    const host = started.headers.get("set-cookie")!.split(";")[0]!;
    const vote = await act(base, code, { intent: "vote", poll: "before", choice: "yes" }, { origin: "https://example.edu", headers: proxied });
    expect(vote.status).toBe(200);
    expect(vote.headers.get("set-cookie")).toMatch(/; Secure;/);
    // The Origin check follows the proxy too: plain http to the same host is another site.
    expect((await act(base, code, { intent: "pause" }, { cookie: host, origin: "http://example.edu", headers: proxied })).status).toBe(403);
    expect((await act(base, code, { intent: "pause" }, { cookie: host, origin: "https://example.edu", headers: proxied })).status).toBe(200);
    // A phone on the other process, through the same proxy.
    const phone = await fetch(`${b.baseUrl}/s/${code}`, { headers: proxied });
    expect(phone.status).toBe(200);
    expect(phone.headers.get("set-cookie")).toMatch(/; Secure/);
  });

  it("sends phones to COUNTERPOINT_PUBLIC_URL from the projector and the console, whatever Host the request named", async () => {
    const base = a.baseUrl;
    const seminar = await startSeminar(base);
    for (const hostHeader of [undefined, "evil.example", "localhost:3000"]) {
      const headers: Record<string, string> = { Cookie: seminar.host, ...(hostHeader ? { "X-Forwarded-Host": hostHeader } : {}) };
      const projector = await (await fetch(`${base}/s/${seminar.code}/present`, { headers })).text();
      expect(projector, String(hostHeader)).toContain(`seminar.example.edu/s/${seminar.code}`);
      expect(projector).not.toContain("Phones cannot open");
      if (hostHeader) expect(projector).not.toContain(`${hostHeader}/s/${seminar.code}`);
      const consolePage = await (await fetch(`${base}/s/${seminar.code}/host`, { headers })).text();
      expect(consolePage).toContain(`${PUBLIC}/s/${seminar.code}/host?key=${encodeURIComponent(seminar.secret)}`);
      expect(consolePage).not.toContain("Phones cannot open");
    }
  });

  it("does not count 300 phones reloading an ended seminar as wrong codes: a new phone still joins another", { timeout: 90_000 }, async () => {
    const base = a.baseUrl;
    const campus = { "X-Forwarded-For": "10.20.0.1" };
    const ended = await startSeminar(base);
    const open = await startSeminar(base);
    expect((await act(base, ended.code, { intent: "end" }, { cookie: ended.host })).status).toBe(200);
    const statuses = await inBatches(Array.from({ length: 300 }), 25, async (_, index) => {
      // Half with a cookie of their own, half with none.
      const headers: Record<string, string> = { ...campus, ...(index % 2 ? { Cookie: madeUpParticipant() } : {}) };
      const response = await fetch(`${base}/s/${ended.code}`, { headers });
      await response.arrayBuffer();
      return response.status;
    });
    expect(statuses.filter((status) => status !== 410)).toEqual([]);
    const joined = await fetch(`${base}/s/${open.code}`, { headers: campus });
    expect(joined.status).toBe(200);
    expect(joined.headers.get("set-cookie")).toMatch(/^cp_participant=/);
    expect((await act(base, open.code, { intent: "vote", poll: "before", choice: "yes" }, { headers: campus })).status).toBe(200);
    expect((await fetch(`${base}/s/${randomCode()}/events`, { headers: campus })).status).toBe(404);
  });

  it("limits 500 guesses with fresh made-up cookies from one address, and then answers a real code the same way", { timeout: 90_000 }, async () => {
    const base = b.baseUrl;
    const guesser = { "X-Forwarded-For": "10.20.0.2" };
    const real = await startSeminar(base);
    const statuses = await inBatches(Array.from({ length: 500 }), 25, async () => {
      const response = await fetch(`${base}/s/${randomCode()}/events`, { headers: { ...guesser, Cookie: madeUpParticipant() } });
      await response.arrayBuffer();
      return response.status;
    });
    expect(statuses.filter((status) => status === 404)).toHaveLength(30);
    expect(statuses.filter((status) => status === 429)).toHaveLength(470);
    const wrong = await fetch(`${base}/s/${randomCode()}/events`, { headers: { ...guesser, Cookie: madeUpParticipant() } });
    const right = await fetch(`${base}/s/${real.code}/events`, { headers: { ...guesser, Cookie: madeUpParticipant() } });
    expect([wrong.status, right.status]).toEqual([429, 429]);
    const [wrongText, rightText] = [await wrong.text(), await right.text()];
    expect(rightText.replace(/\d+/g, "N")).toBe(wrongText.replace(/\d+/g, "N"));
    expect(rightText).toMatch(/Too many wrong seminar codes/);
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
    const page = await fetch(`${base}/s/${real.code}`, { headers: { ...guesser, Cookie: madeUpParticipant() } });
    expect(page.status).toBe(429);
    expect(await page.text()).toContain("Too many tries");
    const vote = await act(base, real.code, { intent: "vote", poll: "before", choice: "yes" }, { headers: guesser });
    expect(vote.status).toBe(429);
    // The host of that seminar, on the same network, is not locked out of it; other addresses are not limited.
    expect((await fetch(`${base}/s/${real.code}/present`, { headers: { ...guesser, Cookie: real.host } })).status).toBe(200);
    expect((await fetch(`${base}/s/${real.code}`, { headers: { "X-Forwarded-For": "10.20.0.3" } })).status).toBe(200);
  });

  it("keeps a vote acknowledged before a SIGKILL, after a restart", async () => {
    const seminar = await startSeminar(a.baseUrl);
    const answers = await Promise.all(Array.from({ length: 30 }, () => act(a.baseUrl, seminar.code, { intent: "vote", poll: "before", choice: "unsure" })));
    expect(answers.map((answer) => answer.status)).toEqual(Array(30).fill(200));
    const exited = new Promise((resolve) => a.process.once("exit", resolve));
    a.process.kill("SIGKILL");
    await exited;
    // The other server has them at once; the restarted one too.
    expect((await resultsOf(b.baseUrl, seminar)).topics[0].before.counts.unsure).toBe(30);
    a = await startServer(env());
    expect((await resultsOf(a.baseUrl, seminar)).topics[0].before).toEqual({ counts: { yes: 0, no: 0, mixed: 0, unsure: 30 }, total: 30 });
  }, 90_000);

  it("answers with a plain 500 and no stack trace when the database is gone", async () => {
    const seminar = await startSeminar(a.baseUrl);
    const name = new URL(database.url).pathname.slice(1);
    const adminUrl = new URL(database.url);
    adminUrl.pathname = "/postgres";
    const admin = new pg.Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]);
      const page = await fetch(`${a.baseUrl}/s/${seminar.code}`);
      expect(page.status).toBeGreaterThanOrEqual(500);
      expectNoInternals(await page.text());
      const action = await act(a.baseUrl, seminar.code, { intent: "vote", poll: "before", choice: "yes" });
      expect(action.status).toBeGreaterThanOrEqual(500);
      expectNoInternals(JSON.stringify(action.body));
      const stream = await fetch(`${a.baseUrl}/s/${seminar.code}/events`);
      expect(stream.status).toBeGreaterThanOrEqual(500);
      expectNoInternals(await stream.text());
      // The rest of the site does not need the database.
      expect((await fetch(`${a.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`).catch(() => undefined);
      await admin.end();
    }
  });
});
