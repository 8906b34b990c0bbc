/**
 * The way into a seminar for every request: the code looked up, wrong codes
 * counted against the client's address, ended seminars told apart from
 * unknown ones. A client over the limit gets the same 429 for a real code as
 * for a wrong one, unless it is already in that seminar, so the limit
 * reveals nothing about which codes are live.
 */
import { LRUCache } from "lru-cache";
import { hostSecretOf, participantIdOf } from "./identity.server";
import type { Limits } from "./limits.server";
import { ENDED_MESSAGE, normalizeCode, SeminarError, unknownCode } from "./rules";
import type { SeminarRequest } from "./seminar-request";
import type { RoomState, Seminars } from "./service.server";

/** Who is at the gate: the request, and the client's address as the server saw it (through a trusted proxy). */
export interface Visitor {
  request: SeminarRequest;
  address: string;
}

/** Participants known to be in a seminar: their writes skip the lookup that proves it. */
const members = new LRUCache<string, true>({ max: 100_000, ttl: 3_600_000 });
/**
 * Seminars known to be live a moment ago: a room voting at once would
 * otherwise cost one lookup per vote. The write itself checks again, so a
 * seminar ended meanwhile still refuses it.
 */
const recentlyLive = new LRUCache<string, RoomState>({ max: 10_000, ttl: 1_000 });

export function rememberMember(code: string, participantId: string) {
  members.set(`${code}\u0000${participantId}`, true);
}

/** True when this process has seen the participant in the seminar lately: joining again would change nothing. */
export function isKnownMember(code: string, participantId: string): boolean {
  return members.has(`${code}\u0000${participantId}`);
}

function tooMany(seconds: number): SeminarError {
  return new SeminarError(429, `Too many wrong seminar codes came from your network. Wait ${seconds} seconds, then check the code on the projector and try again.`, seconds);
}

async function isKnown(service: Seminars, visitor: Visitor, code: string): Promise<boolean> {
  const participantId = participantIdOf(visitor.request);
  if (participantId && members.has(`${code}\u0000${participantId}`)) return true;
  const secret = hostSecretOf(visitor.request, code);
  if (secret && (await service.isHostSecret(code, secret))) return true;
  if (participantId && (await service.isParticipant(code, participantId))) {
    rememberMember(code, participantId);
    return true;
  }
  return false;
}

export interface GateOptions {
  /** Let an ended seminar through (the host's pages, the live stream's last view); otherwise it is a 410. */
  ended: boolean;
  /** Accept a state up to a second old (the write endpoint, which checks again). */
  recent?: boolean;
}

/**
 * The live seminar `code` names, spelled as every address spells it, when
 * `visitor` may enter it; undefined whenever enterSeminar would refuse,
 * count a wrong code or move the address. Nothing is counted here: the
 * caller hands those requests on to enterSeminar, which answers them.
 */
export async function openSeminar(service: Seminars, limits: Limits, visitor: Visitor, code: string): Promise<RoomState | undefined> {
  const state = normalizeCode(code) === code ? await service.getRoomState(code) : null;
  if (!state || state.ended || state.code !== code) return undefined;
  if (!(await isKnown(service, visitor, state.code)) && (await limits.guessWait(visitor.address))) return undefined;
  return state;
}

/**
 * The seminar `code` names (its state, without the participant count, which
 * only the host's pages read), or a thrown SeminarError: 404 unknown, 410 ended, 429 too many wrong codes. */
export async function enterSeminar(service: Seminars, limits: Limits, visitor: Visitor, code: string, { ended, recent = false }: GateOptions): Promise<RoomState> {
  const canonical = normalizeCode(code);
  let state = recent && canonical ? recentlyLive.get(canonical) : undefined;
  if (!state && canonical) {
    state = (await service.getRoomState(canonical)) ?? undefined;
    if (recent && state && !state.ended) recentlyLive.set(state.code, state);
  }
  if (!(state && (await isKnown(service, visitor, state.code)))) {
    const wait = await limits.guessWait(visitor.address);
    if (wait) throw tooMany(wait);
  }
  if (state) {
    if (state.ended && !ended) throw new SeminarError(410, ENDED_MESSAGE);
    return state;
  }
  const wait = await limits.wrongCode(visitor.address);
  if (wait) throw tooMany(wait);
  throw unknownCode(code);
}
