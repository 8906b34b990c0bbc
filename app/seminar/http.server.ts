/**
 * The seminar's requests: who is asking (participant cookie, host cookie),
 * whether they may (Origin check, rate limits), the one write endpoint, the
 * live stream and the exports. Every refusal says what was wrong and what to do.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { CACHE_NONE, setSecurityHeaders } from "~/lib/headers.server";
import {
  ask,
  endSeminar,
  exportResults,
  getState,
  isHostSecret,
  isParticipant,
  normalizeCode,
  POLLS,
  SeminarError,
  setPaused,
  setQuestionHidden,
  setRevealed,
  setStep,
  shutdown,
  subscribe,
  upvote,
  vote,
  type SeminarState,
} from "./seminars.server";

export const PARTICIPANT_COOKIE = "cp_participant";
export const hostCookieName = (code: string) => `cp_host_${code}`;
export const BODY_LIMIT = 4096;

const COOKIE_MAX_AGE = 30 * 24 * 3600;
const PARTICIPANT_ID = /^[A-Za-z0-9_-]{22,64}$/;

/** Counts events per key in fixed windows; the counts live in this process. */
class RateLimit {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Seconds until `key` may go on, 0 if it may now. */
  wait(key: string, now = Date.now()): number {
    const window = this.windows.get(key);
    if (!window || window.resetAt <= now || window.count < this.limit) return 0;
    return Math.ceil((window.resetAt - now) / 1000);
  }

  hit(key: string, now = Date.now()): void {
    const window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      if (this.windows.size > 50_000) this.prune(now);
      this.windows.set(key, { count: 1, resetAt: now + this.windowMs });
    } else window.count += 1;
  }

  private prune(now: number) {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}

/** A participant's writes: generous for a person, a wall for a script. */
const participantWrites = new RateLimit(30, 10_000);
/** A host steps quickly (a clicker held down), but is still one person. */
const hostWrites = new RateLimit(120, 10_000);
/** Wrong join codes per client (a participant cookie, or all clients without one together). */
const wrongCodes = new RateLimit(20, 60_000);
/**
 * Wrong codes on this server from anyone: past this, only people already in a
 * seminar (or its host) get in. A guesser who mints a fresh cookie per try
 * still meets this.
 */
const wrongCodesOverall = new RateLimit(300, 60_000);

function cookies(request: Request): Map<string, string> {
  const found = new Map<string, string>();
  for (const part of (request.headers.get("Cookie") ?? "").split(";")) {
    const separator = part.indexOf("=");
    if (separator > 0) found.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
  }
  return found;
}

function participantCookie(request: Request, id: string): string {
  const secure = new URL(request.url).protocol === "https:" ? "; Secure" : "";
  return `${PARTICIPANT_COOKIE}=${id}; Path=/; Max-Age=${COOKIE_MAX_AGE}; HttpOnly; SameSite=Lax${secure}`;
}

/** The anonymous participant behind a request; `setCookie` is there when the id is new. */
export function participant(request: Request): { id: string; setCookie?: string } {
  const id = cookies(request).get(PARTICIPANT_COOKIE);
  if (id && PARTICIPANT_ID.test(id)) return { id };
  const fresh = randomBytes(16).toString("base64url");
  return { id: fresh, setCookie: participantCookie(request, fresh) };
}

/** The Set-Cookie that makes a browser the host of seminar `code` (sent when it starts one, or claims the host link). */
export function hostCookie(code: string, secret: string, request?: Request): string {
  const secure = request && new URL(request.url).protocol === "https:" ? "; Secure" : "";
  return `${hostCookieName(code)}=${secret}; Path=/s/${code}; Max-Age=${COOKIE_MAX_AGE}; HttpOnly; SameSite=Lax${secure}`;
}

/** The host secret the request's cookie carries for `code`, unchecked (the console shows it as the host link). */
export function hostSecretOf(request: Request, code: string): string | undefined {
  const canonical = normalizeCode(code);
  return canonical ? cookies(request).get(hostCookieName(canonical)) : undefined;
}

export async function isHost(request: Request, code: string): Promise<boolean> {
  const canonical = normalizeCode(code);
  const secret = canonical && hostSecretOf(request, canonical);
  return Boolean(secret && (await isHostSecret(canonical, secret)));
}

function headers(extra: Record<string, string> = {}): Headers {
  return setSecurityHeaders(new Headers({ "Cache-Control": CACHE_NONE, ...extra }));
}

function text(status: number, message: string, extra: Record<string, string> = {}): Response {
  return new Response(message, { status, headers: headers({ "Content-Type": "text/plain; charset=utf-8", ...extra }) });
}

export async function requireHost(request: Request, code: string): Promise<void> {
  if (!(await isHost(request, code))) {
    throw text(403, "Only the seminar's host can do this. Open the host link you got when you started the seminar, on this device.");
  }
}

/** The host link `/s/CODE/host?key=SECRET`: keeps the secret in a cookie and takes it out of the address bar. */
export async function claimHostLink(request: Request, code: string): Promise<Response> {
  const canonical = normalizeCode(code);
  const key = new URL(request.url).searchParams.get("key") ?? "";
  if (!canonical || !(await getState(canonical))) throw text(404, `No seminar has the code "${code}".`);
  if (!(await isHostSecret(canonical, key))) {
    throw text(403, "This host link is not right for this seminar: copy the whole link you got when you started it.");
  }
  return new Response(null, {
    status: 303,
    headers: headers({
      Location: `/s/${canonical}/host`,
      "Set-Cookie": hostCookie(canonical, key, request),
      // The address still carries the secret: send it nowhere.
      "Referrer-Policy": "no-referrer",
    }),
  });
}

type Found = { state: SeminarState } | { status: 404 | 429; message: string; retryAfter?: number };

function tooMany(seconds: number): Found {
  return { status: 429, message: `Too many wrong seminar codes were tried. Wait ${seconds} seconds, then check the code on the projector and try again.`, retryAfter: seconds };
}

/**
 * Seminars known to be live a moment ago, for the write endpoint's gate: a
 * room voting at once would otherwise cost one lookup per vote. The write
 * itself checks again, so a seminar ended meanwhile still refuses it.
 */
const recentlyLive = new Map<string, { state: SeminarState; until: number }>();
const RECENT_MS = 1_000;

/** Finds a seminar for a request, counting wrong codes against the client's and the server's limits. */
async function find(request: Request, code: string, { ended, recent = false }: { ended: boolean; recent?: boolean }): Promise<Found> {
  const participantId = cookies(request).get(PARTICIPANT_COOKIE);
  const client = participantId && PARTICIPANT_ID.test(participantId) ? `participant:${participantId}` : "no-cookie";
  const wait = wrongCodes.wait(client);
  if (wait) return tooMany(wait);
  const canonical = normalizeCode(code);
  const known = recent && canonical ? recentlyLive.get(canonical) : undefined;
  const state = known && known.until > Date.now() ? known.state : canonical ? await getState(canonical) : null;
  if (recent && state && !state.ended && known?.state !== state) {
    if (recentlyLive.size > 10_000) recentlyLive.clear();
    recentlyLive.set(state.code, { state, until: Date.now() + RECENT_MS });
  }
  if (state && (ended || !state.ended)) {
    const overall = wrongCodesOverall.wait("all");
    if (overall && !(await isHost(request, state.code)) && !(participantId && (await isParticipant(state.code, participantId)))) return tooMany(overall);
    return { state };
  }
  wrongCodes.hit(client);
  wrongCodesOverall.hit("all");
  if (state) return { status: 404, message: "This seminar has ended." };
  return { status: 404, message: `No seminar has the code "${code}". Check the code on the projector and type it again.` };
}

function refusal(found: Exclude<Found, { state: SeminarState }>): Response {
  return text(found.status, found.message, found.retryAfter ? { "Retry-After": String(found.retryAfter) } : {});
}

/**
 * A live seminar for a page's loader, or a thrown 404 (unknown or ended) or
 * 429 (too many wrong codes). A code typed another way (lower case, a dash)
 * redirects to its canonical address, where the host cookie's path matches.
 */
export async function seminarOr404(request: Request, code: string): Promise<SeminarState> {
  const canonical = normalizeCode(code);
  if (canonical && canonical !== code && request.method === "GET") {
    const url = new URL(request.url);
    const path = url.pathname.split("/").map((segment) => (decodeURIComponent(segment) === code ? canonical : segment));
    throw new Response(null, { status: 302, headers: headers({ Location: `${path.join("/")}${url.search}` }) });
  }
  const found = await find(request, code, { ended: false });
  if ("state" in found) return found.state;
  throw refusal(found);
}

/** Same-origin check for writes: SameSite cookies cover browsers, this covers the rest of CSRF. */
export function sameOrigin(request: Request): boolean {
  const own = new URL(request.url).origin;
  const origin = request.headers.get("Origin");
  if (origin) return origin === own;
  const referer = request.headers.get("Referer");
  if (!referer) return false;
  try {
    return new URL(referer).origin === own;
  } catch {
    return false;
  }
}

/** True when the client ranks HTML above JSON: a form posted without JavaScript. */
function prefersHtml(request: Request): boolean {
  const ranked = (request.headers.get("Accept") ?? "").split(",").map((part, index) => {
    const [type = "", ...parameters] = part.trim().toLowerCase().split(";");
    const q = parameters.map((parameter) => parameter.trim()).find((parameter) => parameter.startsWith("q="));
    return { type: type.trim(), q: q ? Number(q.slice(2)) : 1, index };
  });
  const html = ranked.find((entry) => entry.type === "text/html");
  const json = ranked.find((entry) => entry.type === "application/json");
  if (!html || !(html.q > 0)) return false;
  return !json || html.q > json.q || (html.q === json.q && html.index < json.index);
}

class Refused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(request: Request): Promise<Buffer> {
  const tooLarge = `The request is larger than ${BODY_LIMIT} bytes; send less (a room question has at most 280 characters).`;
  if (Number(request.headers.get("Content-Length")) > BODY_LIMIT) throw new Refused(413, tooLarge);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > BODY_LIMIT) {
        await reader.cancel();
        throw new Refused(413, tooLarge);
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks);
}

async function readFields(request: Request): Promise<Record<string, unknown>> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  const body = await readBody(request);
  switch (type) {
    case "application/x-www-form-urlencoded":
      return Object.fromEntries(new URLSearchParams(Buffer.from(body).toString("utf8")));
    case "multipart/form-data": {
      let form: FormData;
      try {
        form = await new Request("http://localhost/", { method: "POST", headers: { "Content-Type": request.headers.get("Content-Type")! }, body: new Uint8Array(body) }).formData();
      } catch {
        throw new Refused(400, "The multipart form could not be read: send it as a browser would, with its boundary.");
      }
      const fields: Record<string, unknown> = {};
      for (const [name, value] of form) {
        if (typeof value !== "string") throw new Refused(400, `The field "${name}" is a file; seminar actions take text only.`);
        fields[name] = value;
      }
      return fields;
    }
    case "application/json": {
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(body).toString("utf8"));
      } catch {
        throw new Refused(400, 'The body is not valid JSON: send an object such as {"intent":"vote","poll":"before","choice":"yes"}.');
      }
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Refused(400, "The JSON body must be an object of fields, such as {\"intent\":\"pause\"}.");
      return parsed as Record<string, unknown>;
    }
    default:
      throw new Refused(415, "Send the action as a form (application/x-www-form-urlencoded or multipart/form-data) or as application/json.");
  }
}

const HOST_INTENTS = ["step", "pause", "resume", "reveal", "conceal", "end", "hide-question", "show-question"] as const;
const PARTICIPANT_INTENTS = ["vote", "ask", "upvote"] as const;
type HostIntent = (typeof HOST_INTENTS)[number];

const questionId = z.coerce.number({ error: "question must be the number of a room question" }).int("question must be a whole number").positive("question must be a positive number");
const INTENT_FIELDS = {
  step: z.object({
    topic: z.string({ error: "topic is missing: the id of the question to show" }).min(1, "topic is empty: give the id of the question to show").max(200, "topic is too long"),
    step: z.coerce.number({ error: "step must be a number" }).int("step must be a whole number").min(1, "step counts from 1"),
  }),
  pause: z.object({}),
  resume: z.object({}),
  reveal: z.object({}),
  conceal: z.object({}),
  end: z.object({}),
  "hide-question": z.object({ question: questionId }),
  "show-question": z.object({ question: questionId }),
  vote: z.object({
    poll: z.enum(POLLS, { error: `poll must be one of: ${POLLS.join(", ")}` }),
    choice: z.string({ error: "choice is missing: say what you vote for" }).min(1, "choice is empty: say what you vote for").max(200, "choice is too long"),
  }),
  ask: z.object({ text: z.string({ error: "text is missing: write your question in it" }).max(BODY_LIMIT) }),
  upvote: z.object({ question: questionId }),
} satisfies Record<HostIntent | (typeof PARTICIPANT_INTENTS)[number], z.ZodType>;

const intentField = z.enum([...HOST_INTENTS, ...PARTICIPANT_INTENTS], {
  error: `intent must be one of: ${[...HOST_INTENTS, ...PARTICIPANT_INTENTS].join(", ")}`,
});

function parseOrRefuse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new Refused(400, parsed.error.issues.map((issue) => issue.message).join("; "));
}

/** A same-origin path inside this seminar (`/s/CODE`, `/s/CODE/…`, `/s/CODE?…`), or undefined. */
function seminarPath(value: unknown, code: string): string | undefined {
  if (typeof value !== "string" || value.length > 500) return undefined;
  const prefix = `/s/${code}`;
  const rest = value.slice(prefix.length);
  if (!value.startsWith(prefix) || !(rest === "" || /^[/?#]/.test(rest)) || /[\\\s]|\/\//.test(value)) return undefined;
  return value;
}

function withError(path: string, message: string): string {
  const url = new URL(path, "http://localhost");
  url.searchParams.set("error", message);
  return `${url.pathname}${url.search}`;
}

/**
 * POST /s/:code/actions, the one way to change a seminar. Answers JSON
 * (`{ state }` or `{ error }`), or for a form posted without JavaScript a 303
 * back to the page (with `?error=` when refused).
 */
export async function performAction(request: Request, code: string): Promise<Response> {
  if (request.method !== "POST") return text(405, "Send seminar actions with POST.", { Allow: "POST" });
  // Refused before anything is read: a cross-site form must learn nothing either.
  if (!sameOrigin(request)) return text(403, "Cross-site request refused: seminar actions are accepted only from this site's own pages.");

  const html = prefersHtml(request);
  const canonical = normalizeCode(code) ?? code;
  const who = participant(request);
  let redirectTo: string | undefined;
  let hostIntent = false;
  const answer = (status: number, body: { state: SeminarState } | { error: string }, retryAfter?: number) => {
    const extra: Record<string, string> = {};
    if (who.setCookie) extra["Set-Cookie"] = who.setCookie;
    if (retryAfter) extra["Retry-After"] = String(retryAfter);
    if (html) {
      const back = redirectTo ?? (hostIntent ? `/s/${canonical}/host` : `/s/${canonical}`);
      return new Response(null, { status: 303, headers: headers({ ...extra, Location: "error" in body ? withError(back, body.error) : back }) });
    }
    return Response.json(body, { status, headers: headers(extra) });
  };

  try {
    const found = await find(request, code, { ended: false, recent: true });
    if (!("state" in found)) return answer(found.status, { error: found.message }, found.retryAfter);
    const fields = await readFields(request);
    redirectTo = seminarPath(fields.redirectTo, canonical);
    if (fields.redirectTo !== undefined && !redirectTo) {
      throw new Refused(400, `redirectTo must be a path in this seminar, starting with /s/${canonical}.`);
    }
    const intent = parseOrRefuse(intentField, fields.intent);
    hostIntent = (HOST_INTENTS as readonly string[]).includes(intent);

    if (hostIntent) {
      if (!(await isHost(request, canonical))) {
        throw new Refused(403, `Only the seminar's host can ${intent.replace("-", " ")}. Open the host link you got when you started the seminar.`);
      }
    }
    const limit = hostIntent ? hostWrites : participantWrites;
    const limitKey = `${canonical}:${hostIntent ? "host" : who.id}`;
    const wait = limit.wait(limitKey);
    if (wait) return answer(429, { error: `Too many actions in a short time: wait ${wait} seconds and try again.` }, wait);
    limit.hit(limitKey);

    let state: SeminarState | undefined;
    switch (intent) {
      case "step": {
        const { topic, step } = parseOrRefuse(INTENT_FIELDS.step, fields);
        await setStep(canonical, topic, step);
        break;
      }
      case "pause":
      case "resume":
        await setPaused(canonical, intent === "pause");
        break;
      case "reveal":
      case "conceal":
        await setRevealed(canonical, intent === "reveal");
        break;
      case "end":
        await endSeminar(canonical);
        break;
      case "hide-question":
      case "show-question":
        await setQuestionHidden(canonical, parseOrRefuse(INTENT_FIELDS[intent], fields).question, intent === "hide-question");
        break;
      case "vote": {
        const { poll, choice } = parseOrRefuse(INTENT_FIELDS.vote, fields);
        state = await vote(canonical, who.id, poll, choice);
        break;
      }
      case "ask":
        await ask(canonical, who.id, parseOrRefuse(INTENT_FIELDS.ask, fields).text);
        break;
      case "upvote":
        await upvote(canonical, who.id, parseOrRefuse(INTENT_FIELDS.upvote, fields).question);
        break;
    }
    return answer(200, { state: state ?? (await getState(canonical))! });
  } catch (error) {
    if (error instanceof Refused || error instanceof SeminarError) return answer(error.status, { error: error.message });
    throw error;
  }
}

const PING_MS = 15_000;
const encoder = new TextEncoder();
const PING = encoder.encode(": ping\n\n");

/** Each change reaches every stream of a process as one state object: encode its event once, not once per phone. */
const encodedEvents = new WeakMap<SeminarState, Uint8Array>();
function stateEvent(state: SeminarState): Uint8Array {
  let event = encodedEvents.get(state);
  if (!event) encodedEvents.set(state, (event = encoder.encode(`event: state\nid: ${state.version}\ndata: ${JSON.stringify(state)}\n\n`)));
  return event;
}

/**
 * GET /s/:code/events: the seminar's state now (unless Last-Event-ID says the
 * client has it) and after every change, as Server-Sent Events. An ended
 * seminar sends its final state and closes.
 */
export async function stateStream(request: Request, code: string, connectionClosed: AbortSignal): Promise<Response> {
  const found = await find(request, code, { ended: true });
  if (!("state" in found)) return refusal(found);
  const seminar = found.state.code;
  const lastEventId = request.headers.get("Last-Event-ID");
  let stop = () => {};

  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let sent = -1;
      let unsubscribe = () => {};
      const write = (chunk: Uint8Array) => {
        if (!closed) controller.enqueue(chunk);
      };
      const ping = setInterval(() => write(PING), PING_MS);
      stop = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        clearInterval(ping);
        connectionClosed.removeEventListener("abort", stop);
        shutdown.signal.removeEventListener("abort", stop);
        controller.close();
      };
      const send = (state: SeminarState) => {
        if (closed || state.version <= sent) return;
        sent = state.version;
        write(stateEvent(state));
        if (state.ended) stop();
      };
      connectionClosed.addEventListener("abort", stop);
      shutdown.signal.addEventListener("abort", stop);
      if (connectionClosed.aborted || shutdown.signal.aborted) return stop();
      write(encoder.encode("retry: 1000\n\n"));
      // Subscribed before the state is read, so no change can fall between the two.
      unsubscribe = subscribe(seminar, send);
      const state = await getState(seminar);
      if (!state) return stop();
      if (lastEventId !== null && lastEventId.trim() === String(state.version)) {
        sent = state.version;
        if (state.ended) stop();
      } else send(state);
    },
    cancel: () => stop(),
  });

  return new Response(body, {
    headers: headers({
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: remix-serve's compression would otherwise hold events back to fill its buffer.
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
      // A stream is never reused for another request; closing it with its stream lets a stopping server exit at once.
      Connection: "close",
    }),
  });
}

/** The seminar for the host's downloads: ended ones too, until they are deleted. */
async function forHost(request: Request, code: string): Promise<SeminarState> {
  const found = await find(request, code, { ended: true });
  if (!("state" in found)) throw refusal(found);
  await requireHost(request, found.state.code);
  return found.state;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell (RFC 4180), defused for spreadsheets that would run a cell starting with = + - @ as a formula. */
function cell(value: string | number | boolean): string {
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function attachment(code: string, extension: string): string {
  return `attachment; filename="seminar-${code}-results.${extension}"`;
}

export async function resultsCsv(request: Request, code: string): Promise<Response> {
  const state = await forHost(request, code);
  const exported = await exportResults(state.code);
  const lines: (string | number | boolean)[][] = [["topic", "poll", "choice", "votes"]];
  for (const topic of exported.topics) {
    for (const poll of POLLS) {
      for (const [choice, votes] of Object.entries(topic[poll].counts)) lines.push([topic.topic, poll, choice, votes]);
    }
  }
  lines.push([], ["question", "votes", "hidden"], ...exported.questions.map((question) => [question.text, question.votes, question.hidden]));
  const csv = lines.map((line) => `${line.map(cell).join(",")}\r\n`).join("");
  return new Response(csv, { headers: headers({ "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": attachment(state.code, "csv") }) });
}

export async function resultsJson(request: Request, code: string): Promise<Response> {
  const state = await forHost(request, code);
  return new Response(JSON.stringify(await exportResults(state.code), null, 2), {
    headers: headers({ "Content-Type": "application/json; charset=utf-8", "Content-Disposition": attachment(state.code, "json") }),
  });
}
