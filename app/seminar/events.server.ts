/**
 * Live fan-out: every write announces `<code>:<version>` with NOTIFY; each
 * process LISTENs once, and for a seminar that has live streams here loads its
 * state once and hands it to every local subscriber. However many phones
 * follow a seminar, a change costs each process one query, not one per phone.
 */
import type { Store } from "./db.server";

/** Changes closer together than this reach the streams as one event, the latest. */
const COALESCE_MS = 100;

interface Followed<S> {
  listeners: Set<(state: S) => void>;
  /** The newest version announced, and the newest handed to the listeners. */
  announced: number;
  delivered: number;
  timer?: ReturnType<typeof setTimeout>;
  loading: boolean;
  lastLoad: number;
}

/** Fans out whatever state `load` reads for a seminar; only its version matters here. */
export class Fanout<S extends { version: number }> {
  private readonly followed = new Map<string, Followed<S>>();
  private listening: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    private readonly load: (code: string) => Promise<S | null>,
  ) {}

  /** Follows seminar `code`: `listener` gets its state after every change; returns the unsubscribe. */
  subscribe(code: string, listener: (state: S) => void): () => void {
    this.listening ??= this.store
      .listen(
        (payload) => this.announced(payload),
        () => this.followed.forEach((seminar, code) => this.schedule(code, seminar)),
      )
      .catch((error: Error) => {
        // Streams then show no changes: say so loudly, and try again with the next subscriber.
        console.error(`seminar notifications are off: ${error.message}`);
        this.listening = undefined;
      });
    let seminar = this.followed.get(code);
    if (!seminar) this.followed.set(code, (seminar = { listeners: new Set(), announced: 0, delivered: 0, loading: false, lastLoad: 0 }));
    seminar.listeners.add(listener);
    return () => {
      seminar.listeners.delete(listener);
      if (seminar.listeners.size === 0 && this.followed.get(code) === seminar) {
        clearTimeout(seminar.timer);
        this.followed.delete(code);
      }
    };
  }

  /** Resolves once this process receives notifications. */
  ready(): Promise<void> {
    return this.listening ?? Promise.resolve();
  }

  private announced(payload: string) {
    const separator = payload.lastIndexOf(":");
    const code = payload.slice(0, separator);
    const version = Number(payload.slice(separator + 1));
    const seminar = this.followed.get(code);
    if (!seminar || !(version > seminar.delivered)) return;
    seminar.announced = Math.max(seminar.announced, version);
    this.schedule(code, seminar);
  }

  private schedule(code: string, seminar: Followed<S>) {
    if (seminar.timer || seminar.loading) return;
    const wait = Math.max(0, seminar.lastLoad + COALESCE_MS - Date.now());
    seminar.timer = setTimeout(() => void this.deliver(code, seminar), wait);
  }

  private async deliver(code: string, seminar: Followed<S>) {
    seminar.timer = undefined;
    seminar.loading = true;
    seminar.lastLoad = Date.now();
    let state: S | null = null;
    let failed = false;
    try {
      state = await this.load(code);
    } catch (error) {
      failed = true;
      console.error(`seminar ${code}: could not load the state to send: ${(error as Error).message}`);
    }
    seminar.loading = false;
    if (state && state.version > seminar.delivered) {
      seminar.delivered = state.version;
      for (const listener of [...seminar.listeners]) listener(state);
    }
    // A change announced while loading, or a failed load, is tried again after the pause.
    if (this.followed.get(code) === seminar && (failed || (state && seminar.announced > seminar.delivered))) this.schedule(code, seminar);
  }
}
