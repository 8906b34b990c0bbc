/**
 * The one way the app refuses a request (in the spirit of the Epic Stack's
 * `invariantResponse`): a status and a message that says what was wrong and
 * what to do. A client that asks for JSON gets `{ "error": message }`, anyone
 * else the message as text; a page's loader throws it, and the route's error
 * boundary shows the message. The server adds the security headers.
 */
import Negotiator from "negotiator";
import { CACHE_NONE } from "./headers.server";

export interface RefuseOptions {
  /** Whose Accept header chooses between JSON and text. */
  request?: { headers: Pick<Headers, "get"> };
  /** Seconds to wait, for 429 and 503. */
  retryAfter?: number;
  headers?: Record<string, string>;
}

const TYPES = ["text/plain", "text/html", "application/json"];

/** True when the client ranks JSON above text and HTML (the app's scripts and API clients ask so). */
export function wantsJson(accept: string | null | undefined): boolean {
  if (!accept) return false;
  return new Negotiator({ headers: { accept } }).mediaType(TYPES) === "application/json";
}

export interface Refusal {
  status: number;
  headers: Headers;
  body: string;
}

/** A refusal's parts, for the server in front of Remix, which answers some requests itself. */
export function refusal(status: number, message: string, { accept, retryAfter, headers = {} }: Omit<RefuseOptions, "request"> & { accept?: string | null } = {}): Refusal {
  const json = wantsJson(accept);
  const answer = new Headers({ "Content-Type": json ? "application/json; charset=utf-8" : "text/plain; charset=utf-8", "Cache-Control": CACHE_NONE, ...headers });
  if (retryAfter) answer.set("Retry-After", String(retryAfter));
  return { status, headers: answer, body: json ? JSON.stringify({ error: message }) : message };
}

export function refuse(status: number, message: string, { request, ...options }: RefuseOptions = {}): Response {
  const { headers, body } = refusal(status, message, { accept: request?.headers.get("Accept"), ...options });
  return new Response(body, { status, headers });
}

/** Throws `refuse(status, message)` unless `condition` holds: a guard in one line. */
export function invariantResponse(condition: unknown, message: string | (() => string), init: RefuseOptions & { status?: number } = {}): asserts condition {
  if (condition) return;
  const { status = 400, ...options } = init;
  throw refuse(status, typeof message === "function" ? message() : message, options);
}
