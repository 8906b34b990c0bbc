/**
 * Reads of one key shared by everyone asking together, none older than its
 * asking: a read already running may have started before a caller asked
 * (and missed a write committed since), so the caller waits for the next
 * read, which everyone asking meanwhile shares. A room joining at once then
 * costs a read or two per database round trip, not one per phone. Keys are
 * forgotten as soon as no read of theirs is running.
 */
export class SharedReads<Value> {
  private readonly reads = new Map<string, { running: Promise<Value>; next?: Promise<Value> }>();

  constructor(private readonly read: (key: string) => Promise<Value>) {}

  get(key: string): Promise<Value> {
    const reads = this.reads.get(key);
    if (!reads) return this.start(key);
    reads.next ??= reads.running.then(
      () => this.start(key),
      () => this.start(key),
    );
    return reads.next;
  }

  /** Keys with a read running, for a test. */
  get size(): number {
    return this.reads.size;
  }

  private start(key: string): Promise<Value> {
    const running = this.read(key);
    const reads = { running };
    this.reads.set(key, reads);
    const settled = () => {
      if (this.reads.get(key) === reads) this.reads.delete(key);
    };
    running.then(settled, settled);
    return running;
  }
}
