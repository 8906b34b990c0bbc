/**
 * SharedReads (app/seminar/shared-reads.ts): callers asking while a read of
 * their key runs share the next read, never the running one; each read's
 * failure reaches its own callers only; keys are forgotten when idle.
 */
import { describe, expect, it } from "vitest";
import { SharedReads } from "~/seminar/shared-reads";

/** A SharedReads whose reads wait until the test settles them, each answering the database's value when it started. */
function recorder() {
  const reads: Array<{ key: string; value: number; finish: (error?: Error) => void }> = [];
  let stored = 0;
  const shared = new SharedReads<number>(
    (key) =>
      new Promise((resolve, reject) => {
        const value = stored;
        reads.push({ key, value, finish: (error) => (error ? reject(error) : resolve(value)) });
      }),
  );
  return { shared, reads, write: (value: number) => (stored = value) };
}

/** Lets the promise reactions queued so far run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("SharedReads", () => {
  it("gives callers who ask while a read runs the next read, shared, which starts after they asked", async () => {
    const { shared, reads, write } = recorder();
    const early = shared.get("K");
    write(1);
    // Asked after the write: the running read may predate it.
    const late = [shared.get("K"), shared.get("K"), shared.get("K")];
    expect(reads).toHaveLength(1);
    reads[0]!.finish();
    expect(await early).toBe(0);
    await settle();
    expect(reads).toHaveLength(2);
    reads[1]!.finish();
    expect(await Promise.all(late)).toEqual([1, 1, 1]);
    expect(shared.size).toBe(0);
  });

  it("reads each key on its own", async () => {
    const { shared, reads } = recorder();
    const answers = [shared.get("A"), shared.get("B")];
    expect(reads.map((read) => read.key)).toEqual(["A", "B"]);
    for (const read of reads) read.finish();
    expect(await Promise.all(answers)).toEqual([0, 0]);
  });

  it("fails only the callers of a read that failed, and reads again for the next", async () => {
    const { shared, reads, write } = recorder();
    const failing = shared.get("K");
    const waiting = shared.get("K");
    reads[0]!.finish(new Error("connection lost"));
    await expect(failing).rejects.toThrow("connection lost");
    await settle();
    write(2);
    reads[1]!.finish();
    expect(await waiting).toBe(0);
    const after = shared.get("K");
    reads[2]!.finish();
    expect(await after).toBe(2);
    expect(shared.size).toBe(0);
  });
});
