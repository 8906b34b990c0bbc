/**
 * The seminar's rate limits (decision 014). Guessing join codes is limited
 * per client address, with the counts in the database every process shares
 * (rate-limiter-flexible's Drizzle store): a second process does not double a
 * guesser's tries, and a made-up cookie buys none. A room behind one address
 * (a campus network) is not a guesser: only wrong codes count, and ending a
 * seminar makes none. Writes are limited per participant and per host, in
 * the process: they are idempotent (a vote replaces the last one), so a
 * second process letting a participant write a little faster is harmless,
 * and no database round trip is added to every vote.
 */
import { LRUCache } from "lru-cache";
import { RateLimiterDrizzle, RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Store } from "./db.server";
import { rateLimits } from "./schema.server";

export interface LimitSettings {
  /** Wrong codes an address may try per window before it must wait. */
  wrongCodes: number;
  wrongCodesWindowSeconds: number;
  participantWrites: number;
  hostWrites: number;
  writesWindowSeconds: number;
}

export const DEFAULT_LIMITS: LimitSettings = {
  wrongCodes: 30,
  wrongCodesWindowSeconds: 600,
  // A person taps a few times a minute; a script taps hundreds of times.
  participantWrites: 30,
  // A host steps quickly (a clicker held down), but is still one person.
  hostWrites: 120,
  writesWindowSeconds: 10,
};

/** Seconds to wait from a limiter's answer: 0 when under the limit. */
function secondsLeft(answer: RateLimiterRes | null, limit: number): number {
  if (!answer || answer.consumedPoints <= limit) return 0;
  return Math.max(1, Math.ceil(answer.msBeforeNext / 1000));
}

/**
 * Addresses found under the wrong-code limit less than a second ago: a room
 * joining from one network (a campus's address) is one lookup a second, not
 * one per phone. Kept only where every count is this process's own (PGlite,
 * or in memory), once per store: a wrong code counted forgets its address,
 * before and after it is written, and a lookup made meanwhile is not
 * remembered (`wrongCodes` counts them), so the memo is exact. PostgreSQL's
 * counts are shared with other processes: there every lookup is made.
 */
interface UnderLimit {
  addresses: LRUCache<string, true>;
  wrongCodes: number;
}
const underLimitByStore = new WeakMap<Store, UnderLimit>();

function underLimitMemo(store: Store | undefined): UnderLimit | undefined {
  if (store?.config.kind === "postgres") return undefined;
  const fresh = (): UnderLimit => ({ addresses: new LRUCache({ max: 10_000, ttl: 1_000 }), wrongCodes: 0 });
  if (!store) return fresh();
  const memo = underLimitByStore.get(store) ?? fresh();
  underLimitByStore.set(store, memo);
  return memo;
}

export function createLimits(store: Store | undefined, settings: LimitSettings = DEFAULT_LIMITS) {
  const wrongCodes: RateLimiterAbstract = store
    ? new RateLimiterDrizzle({ storeClient: store.db, schema: rateLimits, keyPrefix: "wrong-code", points: settings.wrongCodes, duration: settings.wrongCodesWindowSeconds })
    : new RateLimiterMemory({ keyPrefix: "wrong-code", points: settings.wrongCodes, duration: settings.wrongCodesWindowSeconds });
  const writes = {
    participant: new RateLimiterMemory({ keyPrefix: "participant-writes", points: settings.participantWrites, duration: settings.writesWindowSeconds }),
    host: new RateLimiterMemory({ keyPrefix: "host-writes", points: settings.hostWrites, duration: settings.writesWindowSeconds }),
  };

  /** A limiter's store failing must not lock a room out: the request goes on, and the failure is logged. */
  async function consume(limiter: RateLimiterAbstract, key: string, limit: number): Promise<number> {
    try {
      return secondsLeft(await limiter.consume(key), limit);
    } catch (refused) {
      if (refused instanceof RateLimiterRes) return secondsLeft(refused, limit);
      console.error(`rate limit ${key}: ${(refused as Error).message}`);
      return 0;
    }
  }

  const underLimit = underLimitMemo(store);

  return {
    /** Seconds before `address` may look up a code it has not joined, 0 if now. */
    async guessWait(address: string): Promise<number> {
      if (underLimit?.addresses.has(address)) return 0;
      const counted = underLimit?.wrongCodes;
      try {
        const wait = secondsLeft(await wrongCodes.get(address), settings.wrongCodes - 1);
        if (underLimit && wait === 0 && counted === underLimit.wrongCodes) underLimit.addresses.set(address, true);
        return wait;
      } catch (error) {
        console.error(`rate limit wrong-code:${address}: ${(error as Error).message}`);
        return 0;
      }
    },
    /** Counts a wrong code from `address`; the seconds it must now wait, 0 if it may go on. */
    async wrongCode(address: string) {
      const forget = () => {
        if (!underLimit) return;
        underLimit.wrongCodes += 1;
        underLimit.addresses.delete(address);
      };
      forget();
      try {
        return await consume(wrongCodes, address, settings.wrongCodes);
      } finally {
        forget();
      }
    },
    /** Counts a write; the seconds the writer must wait, 0 if it may go on. */
    write: (who: "participant" | "host", key: string) => consume(writes[who], key, who === "host" ? settings.hostWrites : settings.participantWrites),
  };
}

export type Limits = ReturnType<typeof createLimits>;
