/**
 * POST /s/:code/actions, the one way to change a seminar. Each intent is a
 * row: whether only the host may send it, the fields it takes, and what it
 * does. Answers JSON (`{ ok: true, … }` or `{ error }`), or, for a form posted
 * without JavaScript, a 303 back to the page (with `?error=` when refused).
 * Everything is checked before anything is changed: a refused request
 * changes nothing.
 */
import Negotiator from "negotiator";
import { z } from "zod";
import { CACHE_NONE } from "~/lib/headers.server";
import { refusal } from "~/lib/refuse.server";
import { enterSeminar, rememberMember, type Visitor } from "./gate.server";
import { HOST_ONLY, isHost, participant } from "./identity.server";
import type { Limits } from "./limits.server";
import { POLL_KINDS } from "./polls";
import { ENDED_MESSAGE, normalizeCode, SeminarError } from "./rules";
import type { Reply, SeminarRequest } from "./seminar-request";
import type { Seminars } from "./service.server";

/** Postgres's integer: a larger id names no question, and must not reach the database. */
const MAX_ID = 2_147_483_647;
const questionId = z.coerce
  .number({ error: "question must be the number of a room question" })
  .int("question must be a whole number")
  .positive("question must be a positive number")
  .max(MAX_ID, "question is not the number of a room question");
const noFields = z.object({});

interface Intent<S extends z.ZodType> {
  host: boolean;
  fields: S;
  run: (service: Seminars, code: string, participantId: string, fields: z.infer<S>) => Promise<Record<string, unknown> | void>;
}

const intent = <S extends z.ZodType>(definition: Intent<S>) => definition;

const INTENTS = {
  step: intent({
    host: true,
    fields: z.object({
      topic: z.string({ error: "topic is missing: the id of the question to show" }).min(1, "topic is empty: give the id of the question to show").max(200, "topic is too long"),
      step: z.coerce.number({ error: "step must be a number" }).int("step must be a whole number").min(1, "step counts from 1").max(100_000, "step is too large"),
    }),
    run: (service, code, _who, { topic, step }) => service.setStep(code, topic, step),
  }),
  pause: intent({ host: true, fields: noFields, run: (service, code) => service.setPaused(code, true) }),
  resume: intent({ host: true, fields: noFields, run: (service, code) => service.setPaused(code, false) }),
  reveal: intent({ host: true, fields: noFields, run: (service, code) => service.setRevealed(code, true) }),
  conceal: intent({ host: true, fields: noFields, run: (service, code) => service.setRevealed(code, false) }),
  end: intent({ host: true, fields: noFields, run: (service, code) => service.endSeminar(code) }),
  reopen: intent({ host: true, fields: noFields, run: (service, code) => service.reopenSeminar(code) }),
  "hide-question": intent({ host: true, fields: z.object({ question: questionId }), run: (service, code, _who, { question }) => service.setQuestionHidden(code, question, true) }),
  "show-question": intent({ host: true, fields: z.object({ question: questionId }), run: (service, code, _who, { question }) => service.setQuestionHidden(code, question, false) }),
  vote: intent({
    host: false,
    fields: z.object({
      poll: z.enum(POLL_KINDS, { error: `poll must be one of: ${POLL_KINDS.join(", ")}` }),
      choice: z.string({ error: "choice is missing: say what you vote for" }).min(1, "choice is empty: say what you vote for").max(200, "choice is too long"),
      topic: z.string().max(200, "topic is too long").optional(),
    }),
    run: async (service, code, who, { poll, choice, topic }) => {
      await service.vote(code, who, poll, choice, topic);
      return { vote: { poll, choice } };
    },
  }),
  ask: intent({
    host: false,
    fields: z.object({
      text: z.string({ error: "text is missing: write your question in it" }).max(4096),
      key: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "key must be letters, digits, - or _ (the phone's own name for the question)").optional(),
    }),
    run: async (service, code, who, { text, key }) => ({ question: await service.ask(code, who, text, key) }),
  }),
  upvote: intent({ host: false, fields: z.object({ question: questionId }), run: (service, code, who, { question }) => service.upvote(code, who, question) }),
} satisfies Record<string, Intent<z.ZodType>>;

type IntentName = keyof typeof INTENTS;
const INTENT_NAMES = Object.keys(INTENTS) as IntentName[];
const intentField = z.enum(INTENT_NAMES, { error: `intent must be one of: ${INTENT_NAMES.join(", ")}` });

function parseOrRefuse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new SeminarError(400, parsed.error.issues.map((issue) => issue.message).join("; "));
}

/** Same-origin check for writes: SameSite cookies cover browsers, this covers the rest of CSRF. */
export function sameOrigin(request: SeminarRequest): boolean {
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
function prefersHtml(request: SeminarRequest): boolean {
  const accept = request.headers.get("Accept");
  return Boolean(accept) && new Negotiator({ headers: { accept: accept! } }).mediaType(["application/json", "text/html"]) === "text/html";
}

/** The fields of a form or JSON body; the server has already refused bodies over its limit. */
async function readFields(request: SeminarRequest): Promise<Record<string, unknown>> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  const body = await request.text();
  switch (type) {
    case "application/x-www-form-urlencoded":
      return Object.fromEntries(new URLSearchParams(body));
    case "application/json": {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        throw new SeminarError(400, 'The body is not valid JSON: send an object such as {"intent":"vote","poll":"before","choice":"yes"}.');
      }
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new SeminarError(400, 'The JSON body must be an object of fields, such as {"intent":"pause"}.');
      return parsed as Record<string, unknown>;
    }
    default:
      throw new SeminarError(415, "Send the action as a form (application/x-www-form-urlencoded) or as application/json.");
  }
}

/** A same-origin path inside this seminar (`/s/CODE`, `/s/CODE/…`, `/s/CODE?…`): printable ASCII, no `//`, no backslash. */
function seminarPath(value: unknown, code: string): string | undefined {
  if (typeof value !== "string" || value.length > 500) return undefined;
  const prefix = `/s/${code}`;
  const rest = value.slice(prefix.length);
  if (!value.startsWith(prefix) || !(rest === "" || /^[/?#]/.test(rest)) || /[^\x21-\x7e]|\\|\/\//.test(value)) return undefined;
  return value;
}

function withError(path: string, message: string): string {
  const url = new URL(path, "http://localhost");
  url.searchParams.set("error", message);
  return `${url.pathname}${url.search}`;
}

export interface ActionContext {
  service: Seminars;
  limits: Limits;
  visitor: Visitor;
}

function refused(request: SeminarRequest, status: number, message: string, headers: Record<string, string> = {}): Reply {
  const parts = refusal(status, message, { accept: request.headers.get("Accept"), headers });
  return { status, headers: Object.fromEntries(parts.headers), body: parts.body };
}

export async function performAction({ service, limits, visitor }: ActionContext, code: string): Promise<Reply> {
  const { request } = visitor;
  if (request.method !== "POST") return refused(request, 405, "Send seminar actions with POST, from the seminar's pages.", { Allow: "POST" });
  // Refused before anything is read: a cross-site form must learn nothing either.
  if (!sameOrigin(request)) return refused(request, 403, "Cross-site request refused: seminar actions are accepted only from this site's own pages.");

  const html = prefersHtml(request);
  const canonical = normalizeCode(code) ?? code;
  const who = participant(request);
  let redirectTo: string | undefined;
  let hostIntent = false;
  const answer = (status: number, body: Record<string, unknown> & { error?: string }, retryAfter?: number): Reply => {
    const headers: Record<string, string> = { "Cache-Control": CACHE_NONE };
    if (who.setCookie) headers["Set-Cookie"] = who.setCookie;
    if (retryAfter) headers["Retry-After"] = String(retryAfter);
    if (html) {
      const back = redirectTo ?? (hostIntent ? `/s/${canonical}/host` : `/s/${canonical}`);
      headers.Location = body.error ? withError(back, body.error) : back;
      return { status: 303, headers, body: null };
    }
    headers["Content-Type"] = "application/json; charset=utf-8";
    return { status, headers, body: JSON.stringify(body) };
  };

  try {
    // An ended seminar takes one intent, the host's reopen (within REOPEN_MINUTES): the gate lets it through, the intent decides.
    const state = await enterSeminar(service, limits, visitor, code, { ended: true, recent: true });
    const fields = await readFields(request);
    redirectTo = seminarPath(fields.redirectTo, state.code);
    if (fields.redirectTo !== undefined && !redirectTo) {
      throw new SeminarError(400, `redirectTo must be a path in this seminar, such as /s/${state.code}, in plain characters.`);
    }
    const name = parseOrRefuse(intentField, fields.intent);
    const definition: Intent<z.ZodType> = INTENTS[name];
    hostIntent = definition.host;
    if (state.ended && name !== "reopen") throw new SeminarError(410, ENDED_MESSAGE);
    const parsed = parseOrRefuse(definition.fields, fields);
    if (hostIntent && !(await isHost(service, request, state.code))) {
      throw new SeminarError(403, `${HOST_ONLY.replace("can do this", `can ${name.replace("-", " ")}`)}`);
    }
    const wait = await limits.write(hostIntent ? "host" : "participant", `${state.code}:${hostIntent ? "host" : who.id}`);
    if (wait) return answer(429, { error: `Too many actions in a short time: wait ${wait} seconds and try again.` }, wait);
    const result = await definition.run(service, state.code, who.id, parsed);
    if (!hostIntent) rememberMember(state.code, who.id);
    return answer(200, { ok: true, ...(result ?? {}) });
  } catch (error) {
    if (error instanceof SeminarError) return answer(error.status, { error: error.message }, error.retryAfter);
    throw error;
  }
}
