/**
 * The seminar's limits (app/seminar/limits.server.ts), in memory: wrong codes
 * per client address, and writes per participant and host. The same wrong-code
 * rules on the database's store (which processes share) are checked on PGlite
 * and PostgreSQL in tests/integration/seminar-store.test.ts, and across two
 * server processes in seminar-server.test.ts.
 */
import { describe, expect, it } from "vitest";
import { createLimits, DEFAULT_LIMITS, type LimitSettings, type Limits } from "~/seminar/limits.server";

const small: LimitSettings = { wrongCodes: 3, wrongCodesWindowSeconds: 60, participantWrites: 2, hostWrites: 4, writesWindowSeconds: 30 };

/** The answers of `limits.wrongCode` for `count` wrong codes in a row. */
async function wrongCodes(limits: Limits, address: string, count: number): Promise<number[]> {
  const waits: number[] = [];
  for (let index = 0; index < count; index++) waits.push(await limits.wrongCode(address));
  return waits;
}

describe("wrong codes", () => {
  const make = () => createLimits(undefined, small);

  it("lets an address try the limit's number of wrong codes, then makes it wait, for guesses as well", async () => {
    const limits = make();
    const address = "203.0.113.9";
    expect(await limits.guessWait(address)).toBe(0);
    expect(await wrongCodes(limits, address, 2)).toEqual([0, 0]);
    // Two of three used: the next lookup may still go.
    expect(await limits.guessWait(address)).toBe(0);
    expect(await limits.wrongCode(address)).toBe(0);
    // Three used: every further lookup waits, and so does a further wrong code.
    const wait = await limits.guessWait(address);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    const after = await limits.wrongCode(address);
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThanOrEqual(60);
    // Asking does not use up tries.
    expect(await limits.guessWait(address)).toBeGreaterThan(0);
  });

  it("keeps each address's count apart", async () => {
    const limits = make();
    await wrongCodes(limits, "198.51.100.1", 4);
    expect(await limits.guessWait("198.51.100.1")).toBeGreaterThan(0);
    expect(await limits.guessWait("198.51.100.2")).toBe(0);
    expect(await limits.guessWait("2001:db8::1")).toBe(0);
    expect(await limits.wrongCode("198.51.100.2")).toBe(0);
  });
});

describe("writes", () => {
  it("limits each participant and each host on their own, the host more loosely", async () => {
    const limits = createLimits(undefined, small);
    expect([await limits.write("participant", "S1:alice"), await limits.write("participant", "S1:alice")]).toEqual([0, 0]);
    const wait = await limits.write("participant", "S1:alice");
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(30);
    // Another participant, or the same one in another seminar, is not held back.
    expect(await limits.write("participant", "S1:bob")).toBe(0);
    expect(await limits.write("participant", "S2:alice")).toBe(0);
    const host: number[] = [];
    for (let index = 0; index < 5; index++) host.push(await limits.write("host", "S1:host"));
    expect(host.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(host[4]).toBeGreaterThan(0);
    // The same key in the participants' limiter is another count.
    expect(await limits.write("participant", "S1:host")).toBe(0);
  });

  it("by default lets a room's worth of taps through and stops a script", async () => {
    expect(DEFAULT_LIMITS).toMatchObject({ wrongCodes: 30, wrongCodesWindowSeconds: 600, participantWrites: 30, hostWrites: 120, writesWindowSeconds: 10 });
    const limits = createLimits(undefined);
    const waits: number[] = [];
    for (let index = 0; index < 31; index++) waits.push(await limits.write("participant", "S:p"));
    expect(waits.slice(0, 30).every((wait) => wait === 0)).toBe(true);
    expect(waits[30]).toBeGreaterThan(0);
  });
});
