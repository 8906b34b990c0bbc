/**
 * GroupCommit (app/seminar/group-commit.ts): items of a key that arrive
 * within the window, or while the key's batch is being written, are written
 * together; a key's batches one at a time; a failed write fails its batch only.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { GroupCommit } from "~/seminar/group-commit";

interface Write {
  key: string;
  batch: number[];
  /** Ends this write: it succeeds, or fails with `error`. */
  finish: (error?: Error) => void;
}

/** A GroupCommit whose writes wait until the test finishes them, and a record of every call. */
function recorder(windowMs = 10, maxBatch?: number) {
  const writes: Write[] = [];
  const failures: { batch: number[]; error: unknown }[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const commit = new GroupCommit<number>(
    (key, batch) =>
      new Promise<void>((resolve, reject) => {
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        writes.push({
          key,
          batch: [...batch],
          finish: (error) => {
            running -= 1;
            if (error) reject(error);
            else resolve();
          },
        });
      }),
    (batch, error) => failures.push({ batch: [...batch], error }),
    windowMs,
    maxBatch,
  );
  return { commit, writes, failures, mostAtOnce: () => mostAtOnce };
}

afterEach(() => vi.useRealTimers());

describe("GroupCommit", () => {
  it("writes the items of each key that arrive within the window as one batch per key", async () => {
    vi.useFakeTimers();
    const { commit, writes } = recorder(10);
    commit.add("a", 1);
    commit.add("b", 10);
    commit.add("a", 2);
    commit.add("a", 3);
    commit.add("b", 11);
    expect(commit.pending()).toBe(5);
    expect(commit.pending("a")).toBe(3);
    await vi.advanceTimersByTimeAsync(9);
    expect(writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(writes.map(({ key, batch }) => [key, batch])).toEqual([
      ["a", [1, 2, 3]],
      ["b", [10, 11]],
    ]);
    expect(commit.pending()).toBe(0);
  });

  it("waits the window from the first item of a batch, not from the last", async () => {
    vi.useFakeTimers();
    const { commit, writes } = recorder(50);
    commit.add("a", 1);
    await vi.advanceTimersByTimeAsync(30);
    commit.add("a", 2);
    await vi.advanceTimersByTimeAsync(19);
    expect(writes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(writes.map((write) => write.batch)).toEqual([[1, 2]]);
  });

  it("writes one batch of a key at a time; what arrives meanwhile is the next batch, at once", async () => {
    vi.useFakeTimers();
    const { commit, writes, mostAtOnce } = recorder(10);
    commit.add("a", 1);
    await vi.advanceTimersByTimeAsync(10);
    expect(writes).toHaveLength(1);
    commit.add("a", 2);
    commit.add("a", 3);
    // Long past the window: still one write, as the first has not finished.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(writes).toHaveLength(1);
    expect(commit.pending("a")).toBe(2);
    writes[0]!.finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(writes.map((write) => write.batch)).toEqual([[1], [2, 3]]);
    writes[1]!.finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(mostAtOnce()).toBe(1);
    // Idle again: a new item waits its window.
    commit.add("a", 4);
    await vi.advanceTimersByTimeAsync(9);
    expect(writes).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(writes.map((write) => write.batch)).toEqual([[1], [2, 3], [4]]);
  });

  it("writes different keys side by side", async () => {
    vi.useFakeTimers();
    const { commit, writes, mostAtOnce } = recorder(10);
    commit.add("a", 1);
    commit.add("b", 2);
    await vi.advanceTimersByTimeAsync(10);
    expect(writes.map((write) => write.key)).toEqual(["a", "b"]);
    expect(mostAtOnce()).toBe(2);
  });

  it("takes at most maxBatch items per write, in order", async () => {
    vi.useFakeTimers();
    const { commit, writes } = recorder(10, 3);
    for (let item = 1; item <= 7; item++) commit.add("a", item);
    await vi.advanceTimersByTimeAsync(10);
    expect(writes.map((write) => write.batch)).toEqual([[1, 2, 3]]);
    writes[0]!.finish();
    await vi.advanceTimersByTimeAsync(0);
    writes[1]!.finish();
    await vi.advanceTimersByTimeAsync(0);
    writes[2]!.finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(writes.map((write) => write.batch)).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it("fails a batch whose write throws, and only that batch: the next is written", async () => {
    vi.useFakeTimers();
    const { commit, writes, failures } = recorder(10);
    commit.add("a", 1);
    commit.add("a", 2);
    commit.add("b", 9);
    await vi.advanceTimersByTimeAsync(10);
    commit.add("a", 3);
    const broken = new Error("disk full");
    writes[0]!.finish(broken);
    writes[1]!.finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(failures).toEqual([{ batch: [1, 2], error: broken }]);
    expect(writes.map((write) => write.batch)).toEqual([[1, 2], [9], [3]]);
    writes[2]!.finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(failures).toHaveLength(1);
    // The key is not left busy by the failure.
    commit.add("a", 4);
    await vi.advanceTimersByTimeAsync(10);
    expect(writes.at(-1)?.batch).toEqual([4]);
  });

  it("fails a batch whose write rejects at once, and goes on with the next", async () => {
    const failed: number[][] = [];
    const written: number[][] = [];
    const commit = new GroupCommit<number>(
      async (_key, batch) => {
        if (batch.includes(13)) throw new Error("unlucky");
        written.push([...batch]);
      },
      (batch) => failed.push([...batch]),
      1,
    );
    commit.add("a", 13);
    await vi.waitFor(() => expect(failed).toEqual([[13]]));
    commit.add("a", 14);
    await vi.waitFor(() => expect(written).toEqual([[14]]));
    expect(failed).toEqual([[13]]);
    expect(commit.pending()).toBe(0);
  });
});
