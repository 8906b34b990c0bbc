/**
 * The paired results (app/seminar/paired.ts) against values worked out by
 * hand: the pairing, the direction of a change, the exact two-sided sign test
 * and the words the screens use for it.
 */
import { describe, expect, it } from "vitest";
import { describeMovement, direction, MIN_MOVERS, pairAnswers, signTestP, type Answers } from "~/seminar/paired";

/** `count` participants who answered `before` and then `after`. */
const people = (count: number, before: string | null, after: string | null): Answers[] => Array.from({ length: count }, () => ({ before, after }));

/** The exact two-sided sign test, summed in BigInt: 2 * sum_{i <= min(k, n-k)} C(n, i) / 2^n, to 18 decimals. */
function exactSignTest(k: number, n: number): number {
  const tail = Math.min(k, n - k);
  let choose = 1n;
  let sum = 0n;
  for (let i = 0; i <= tail; i++) {
    sum += choose;
    choose = (choose * BigInt(n - i)) / BigInt(i + 1);
  }
  const scale = 10n ** 18n;
  const p = Number((2n * sum * scale) / 2n ** BigInt(n)) / 1e18;
  return Math.min(1, p);
}

describe("direction", () => {
  it("moves along no < mixed < yes, and unsure has no direction", () => {
    expect(direction("no", "yes")).toBe(1);
    expect(direction("no", "mixed")).toBe(1);
    expect(direction("mixed", "yes")).toBe(1);
    expect(direction("yes", "no")).toBe(-1);
    expect(direction("yes", "mixed")).toBe(-1);
    expect(direction("mixed", "no")).toBe(-1);
    for (const same of ["yes", "no", "mixed", "unsure"]) expect(direction(same, same)).toBe(0);
    for (const other of ["yes", "no", "mixed"]) {
      expect(direction("unsure", other)).toBe(0);
      expect(direction(other, "unsure")).toBe(0);
    }
    expect(direction(null, "yes")).toBe(0);
    expect(direction("yes", undefined)).toBe(0);
    expect(direction("maybe", "yes")).toBe(0);
  });
});

describe("the exact two-sided sign test", () => {
  it("matches values computed by hand", () => {
    // 7 of 8 toward yes: 2 * (C(8,0) + C(8,1)) / 2^8 = 2 * 9 / 256.
    expect(signTestP(7, 8)).toBeCloseTo(0.0703125, 12);
    // Two-sided: 1 of 8 is as uneven as 7 of 8.
    expect(signTestP(1, 8)).toBeCloseTo(0.0703125, 12);
    // 5 of 5: 2 * 1 / 32.
    expect(signTestP(5, 5)).toBeCloseTo(0.0625, 12);
    expect(signTestP(0, 5)).toBeCloseTo(0.0625, 12);
    // 10 of 10: 2 / 1024.
    expect(signTestP(10, 10)).toBeCloseTo(2 / 1024, 12);
    // 9 of 12: 2 * (1 + 12 + 66 + 220) / 4096 = 598 / 4096.
    expect(signTestP(9, 12)).toBeCloseTo(598 / 4096, 12);
    // No movers: nothing to test.
    expect(signTestP(0, 0)).toBe(1);
    // An even split, and one mover, are as likely as can be: the doubled tail is capped at 1.
    expect(signTestP(4, 8)).toBe(1);
    expect(signTestP(1, 1)).toBe(1);
    // 6 of 6 is the smallest room that can go below 0.05: 2 / 64.
    expect(signTestP(6, 6)).toBeCloseTo(0.03125, 12);
    expect(MIN_MOVERS).toBe(6);
  });

  it("stays exact for a lecture hall's thousands of movers, where the terms underflow one by one", () => {
    for (const [k, n] of [
      [1000, 1900],
      [900, 1900],
      [1050, 2000],
      [2600, 5000],
    ] as const) {
      const exact = exactSignTest(k, n);
      const p = signTestP(k, n);
      expect(Math.abs(p - exact) / exact, `${k} of ${n}: ${p} against ${exact}`).toBeLessThan(1e-9);
    }
    // 1000 of 1900: about 2.3 standard deviations (sqrt(1900)/2 = 21.8) from 950; the normal approximation with a
    // continuity correction gives 2 * (1 - Phi(49.5 / 21.79)) = 0.0231: the exact value lies close to it.
    expect(signTestP(1000, 1900)).toBeGreaterThan(0.02);
    expect(signTestP(1000, 1900)).toBeLessThan(0.026);
    expect(signTestP(1000, 1900)).toBe(signTestP(900, 1900));
  });
});

describe("pairAnswers", () => {
  it("pairs each participant's answers into transitions, and counts those who answered one poll only", () => {
    const paired = pairAnswers([
      ...people(3, "no", "yes"),
      ...people(1, "no", "mixed"),
      ...people(2, "yes", "no"),
      ...people(4, "mixed", "mixed"),
      ...people(2, "unsure", "yes"),
      ...people(1, "yes", "unsure"),
      ...people(5, "yes", null),
      ...people(2, null, "no"),
      // Not an answer to the stance polls: counted nowhere.
      ...people(1, "maybe", "perhaps"),
    ]);
    expect(paired.n).toBe(13);
    expect(paired.beforeOnly).toBe(5);
    expect(paired.afterOnly).toBe(2);
    expect(paired.towardYes).toBe(4);
    expect(paired.towardNo).toBe(2);
    expect(paired.transitions.no).toEqual({ yes: 3, no: 0, mixed: 1, unsure: 0 });
    expect(paired.transitions.yes).toEqual({ yes: 0, no: 2, mixed: 0, unsure: 1 });
    expect(paired.transitions.mixed).toEqual({ yes: 0, no: 0, mixed: 4, unsure: 0 });
    expect(paired.transitions.unsure).toEqual({ yes: 2, no: 0, mixed: 0, unsure: 0 });
    // 4 of 6 movers: 2 * (1 + 6 + 15) / 64.
    expect(paired.signTest.p).toBeCloseTo(44 / 64, 12);
  });

  it("takes grouped rows with counts as the database aggregates them, to the same result", () => {
    const grouped = pairAnswers([
      { before: "no", after: "yes", count: 7 },
      { before: "yes", after: "no", count: 1 },
      { before: "mixed", after: null, count: 3 },
      { before: null, after: "unsure", count: 2 },
    ]);
    const single = pairAnswers([...people(7, "no", "yes"), ...people(1, "yes", "no"), ...people(3, "mixed", null), ...people(2, null, "unsure")]);
    expect(grouped).toEqual(single);
    expect(grouped).toMatchObject({ n: 8, beforeOnly: 3, afterOnly: 2, towardYes: 7, towardNo: 1 });
    expect(grouped.signTest.p).toBeCloseTo(0.0703125, 12);
  });

  it("has empty transitions and p = 1 when no one answered", () => {
    const empty = pairAnswers([]);
    expect(empty).toMatchObject({ n: 0, beforeOnly: 0, afterOnly: 0, towardYes: 0, towardNo: 0, signTest: { p: 1 } });
    expect(Object.values(empty.transitions).flatMap((row) => Object.values(row))).toEqual(Array(16).fill(0));
  });
});

describe("describeMovement", () => {
  const say = (answers: Answers[]) => describeMovement(pairAnswers(answers));

  it("says when no one has answered both polls", () => {
    expect(say([])).toBe("No one has answered both before and after yet.");
    expect(say(people(4, "yes", null))).toBe("No one has answered both before and after yet.");
  });

  it("says when no one moved, unsure changes included", () => {
    expect(say([...people(3, "yes", "yes"), ...people(2, "unsure", "no")])).toBe("None of the 5 people who answered both moved toward yes or toward no.");
    expect(say(people(1, "no", "no"))).toBe("The one person who answered both did not move toward yes or toward no.");
  });

  it("draws no conclusion from fewer than 6 movers", () => {
    expect(say([...people(4, "no", "yes"), ...people(1, "yes", "mixed")])).toBe(
      "4 of the 5 people who moved went toward yes; with fewer than 6 people moving, no conclusion can be drawn.",
    );
    // 5 of 5 is p = 0.0625: still no conclusion.
    expect(say(people(5, "yes", "no"))).toBe("All 5 people who moved went toward no; with fewer than 6 people moving, no conclusion can be drawn.");
  });

  it("gives the chance of a split as uneven in plain words", () => {
    expect(say([...people(7, "no", "yes"), ...people(1, "yes", "no"), ...people(3, "mixed", "mixed")])).toBe(
      "7 of the 8 people who moved went toward yes; a split this uneven would happen by chance about 7 times in 100.",
    );
    expect(say([...people(2, "mixed", "yes"), ...people(7, "yes", "no")])).toBe(
      // 7 of 9 toward no: 2 * (1 + 9 + 36) / 512 = 0.1797.
      "7 of the 9 people who moved went toward no; a split this uneven would happen by chance about 18 times in 100.",
    );
    expect(say(people(10, "no", "mixed"))).toBe("All 10 people who moved went toward yes; a split this uneven would happen by chance less than once in 100 times.");
    expect(say([...people(4, "no", "yes"), ...people(4, "yes", "no")])).toBe("Of the 8 who moved, as many went toward yes as toward no: no sign that the room moved either way.");
    // 4 of 7: p = 2 * (1 + 7 + 21 + 35) / 128 = 1.
    expect(say([...people(4, "no", "yes"), ...people(3, "yes", "no")])).toBe("4 of the 7 people who moved went toward yes; a split this uneven would happen by chance almost always.");
  });
});
