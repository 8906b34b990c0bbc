/**
 * Group commit: items for one key that arrive within a short window, or
 * while the key's previous batch is being written, are written together by
 * one call of `write`. A room answering at once then costs a handful of
 * transactions, not one per phone, and a single-threaded database keeps up.
 * Batches of a key are written one after another, never two at a time.
 */
export class GroupCommit<T> {
  private readonly waiting = new Map<string, T[]>();
  private readonly busy = new Set<string>();

  constructor(
    /** Writes a batch; it settles each item itself (an item's promise, a refusal). A throw fails the whole batch through `failed`. */
    private readonly write: (key: string, batch: T[]) => Promise<void>,
    private readonly failed: (batch: T[], error: unknown) => void,
    /** How long the first item of a batch waits for others. */
    private readonly windowMs = 10,
    /** The most items one write takes; the rest wait for the next. */
    private readonly maxBatch = 1_000,
  ) {}

  add(key: string, item: T): void {
    const queue = this.waiting.get(key);
    if (queue) queue.push(item);
    else this.waiting.set(key, [item]);
    if (!this.busy.has(key)) {
      this.busy.add(key);
      setTimeout(() => void this.drain(key), this.windowMs);
    }
  }

  /** Items waiting or being written, for a key or in all. */
  pending(key?: string): number {
    if (key !== undefined) return this.waiting.get(key)?.length ?? 0;
    let count = 0;
    for (const queue of this.waiting.values()) count += queue.length;
    return count;
  }

  private async drain(key: string): Promise<void> {
    try {
      for (;;) {
        const queue = this.waiting.get(key);
        if (!queue || queue.length === 0) break;
        const batch = queue.splice(0, this.maxBatch);
        if (queue.length === 0) this.waiting.delete(key);
        await this.write(key, batch).catch((error: unknown) => this.failed(batch, error));
      }
    } finally {
      this.busy.delete(key);
    }
  }
}
