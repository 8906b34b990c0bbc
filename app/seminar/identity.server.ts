/**
 * Who is asking: an anonymous participant (a random id in a cookie), or the
 * host of a seminar (the host secret in a cookie for that seminar's path).
 * Cookies are `Secure` when the page was asked for over HTTPS, which behind a
 * proxy the server learns from it (TRUST_PROXY).
 */
import { randomBytes } from "node:crypto";
import { parse, serialize } from "cookie";
import { refuse } from "~/lib/refuse.server";
import { normalizeCode } from "./rules";
import type { SeminarRequest } from "./seminar-request";
import type { Seminars } from "./service.server";

export const PARTICIPANT_COOKIE = "cp_participant";
export const hostCookieName = (code: string) => `cp_host_${code}`;

const COOKIE_MAX_AGE = 30 * 24 * 3600;
const PARTICIPANT_ID = /^[A-Za-z0-9_-]{22,64}$/;

function cookiesOf(request: SeminarRequest): Record<string, string | undefined> {
  return parse(request.headers.get("Cookie") ?? "");
}

const secure = (request: SeminarRequest) => new URL(request.url).protocol === "https:";

/** The participant id a request's cookie names, if it is one. */
export function participantIdOf(request: SeminarRequest): string | undefined {
  const id = cookiesOf(request)[PARTICIPANT_COOKIE];
  return id && PARTICIPANT_ID.test(id) ? id : undefined;
}

/** The anonymous participant behind a request; `setCookie` is there when the id is new. */
export function participant(request: SeminarRequest): { id: string; setCookie?: string } {
  const id = participantIdOf(request);
  if (id) return { id };
  const fresh = randomBytes(16).toString("base64url");
  const setCookie = serialize(PARTICIPANT_COOKIE, fresh, { path: "/", maxAge: COOKIE_MAX_AGE, httpOnly: true, sameSite: "lax", secure: secure(request) });
  return { id: fresh, setCookie };
}

/** The Set-Cookie that makes a browser the host of seminar `code` (sent when it starts one, or claims the host link). */
export function hostCookie(code: string, secret: string, request: SeminarRequest): string {
  return serialize(hostCookieName(code), secret, { path: `/s/${code}`, maxAge: COOKIE_MAX_AGE, httpOnly: true, sameSite: "lax", secure: secure(request) });
}

/** The host secret the request's cookie carries for `code`, unchecked (the console shows it as the host link). */
export function hostSecretOf(request: SeminarRequest, code: string): string | undefined {
  const canonical = normalizeCode(code);
  return canonical ? cookiesOf(request)[hostCookieName(canonical)] : undefined;
}

export async function isHost(service: Seminars, request: SeminarRequest, code: string): Promise<boolean> {
  const canonical = normalizeCode(code);
  const secret = canonical && hostSecretOf(request, canonical);
  return Boolean(secret && (await service.isHostSecret(canonical, secret)));
}

export const HOST_ONLY = "Only the seminar's host can do this. Open the host link you got when you started the seminar, on this device.";

export async function requireHost(service: Seminars, request: SeminarRequest, code: string): Promise<void> {
  if (!(await isHost(service, request, code))) throw refuse(403, HOST_ONLY, { request });
}

/** The host link `/s/CODE/host?key=SECRET`: keeps the secret in a cookie and takes it out of the address bar (and so out of logs and history). */
export async function claimHostLink(service: Seminars, request: SeminarRequest, code: string): Promise<Response> {
  const canonical = normalizeCode(code);
  const key = new URL(request.url).searchParams.get("key") ?? "";
  if (!canonical || !(await service.isHostSecret(canonical, key))) {
    throw refuse(403, "This host link is not right for this seminar: copy the whole link you got when you started it.", { request });
  }
  return new Response(null, {
    status: 303,
    headers: {
      Location: `/s/${canonical}/host`,
      "Set-Cookie": hostCookie(canonical, key, request),
      // The address still carries the secret: send it nowhere.
      "Referrer-Policy": "no-referrer",
    },
  });
}
