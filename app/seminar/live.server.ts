/**
 * The live views of the seminars this process has streams for. Each seminar
 * is followed once (the service's fan-out), and each change becomes, per
 * audience that is listening, one view and one encoded event for all its
 * streams: 2,000 phones cost one view and one encoding per change, and a vote
 * reaches the host and the projector but no phone (their view does not
 * change). Phones connected here are counted, for the host's "here now".
 */
import { randomBytes } from "node:crypto";
import type { RoomState, SeminarState, Seminars } from "./service.server";
import { versionFor, viewBuilder, type Audience, type LiveView, type RoomView } from "./views.server";

export interface LiveEvent {
  version: number;
  view: LiveView;
  /** The view as a Server-Sent Event, encoded once for every stream. */
  bytes: Uint8Array;
}

type Listener = (event: LiveEvent) => void;

interface Followed {
  state?: SeminarState;
  unsubscribe: () => void;
  listeners: Record<Audience, Set<Listener>>;
  latest: Partial<Record<Audience, LiveEvent>>;
  /** A change waiting while the previous one's views are built, or for its turn (`later`). */
  pending?: SeminarState;
  building: boolean;
  /** When the projector's and console's views were last built. */
  talliesAt: number;
  later?: ReturnType<typeof setTimeout>;
  /** Phones connected to this process, by participant (two tabs count once). */
  phones: Map<string, number>;
  reported: number;
}

const AUDIENCES: Audience[] = ["room", "screen", "host"];
const encoder = new TextEncoder();
/** How often this process tells the others how many phones it holds. */
const PRESENCE_EVERY_MS = 5_000;
const PRESENCE_SOON_MS = 1_000;
/** The projector's and the console's tallies (and "here now") are rebuilt at most this often. */
const TALLIES_EVERY_MS = 250;

export function createLive(service: Seminars) {
  const views = viewBuilder(service);
  const followed = new Map<string, Followed>();
  const processId = randomBytes(8).toString("hex");

  function encode(version: number, view: LiveView): LiveEvent {
    return { version, view, bytes: encoder.encode(`event: state\nid: ${version}\ndata: ${JSON.stringify(view)}\n\n`) };
  }

  /**
   * Builds the views that listeners wait for, one change at a time, always
   * from the newest state. A change the phones show goes out at once, with
   * the projector's and the console's views; a change only they show (votes,
   * joins, presence) waits until TALLIES_EVERY_MS after their last view, so
   * a room voting at once costs a few views a second, not one per change.
   */
  async function build(code: string, seminar: Followed) {
    if (seminar.building) return;
    seminar.building = true;
    try {
      while (seminar.pending) {
        const state = seminar.pending;
        const due = AUDIENCES.filter((audience) => {
          const latest = seminar.latest[audience];
          return seminar.listeners[audience].size > 0 && !(latest && latest.version >= versionFor(audience, state));
        });
        if (!due.includes("room")) {
          const wait = seminar.talliesAt + TALLIES_EVERY_MS - Date.now();
          if (wait > 0) {
            seminar.later ??= setTimeout(() => {
              seminar.later = undefined;
              void build(code, seminar);
            }, wait);
            break;
          }
        }
        seminar.pending = undefined;
        if (due.length === 0) continue;
        if (due.some((audience) => audience !== "room")) seminar.talliesAt = Date.now();
        try {
          await views.build(state, due, (audience, view) => {
            const event = encode(versionFor(audience, state), view);
            seminar.latest[audience] = event;
            for (const listener of [...seminar.listeners[audience]]) listener(event);
          });
        } catch (error) {
          console.error(`seminar ${code}: could not build the ${due.join(", ")} views: ${(error as Error).message}`);
        }
      }
    } finally {
      seminar.building = false;
    }
  }

  function changed(code: string, state: SeminarState) {
    const seminar = followed.get(code);
    if (!seminar) return;
    if (seminar.state && state.version < seminar.state.version) return;
    seminar.state = state;
    seminar.pending = state;
    void build(code, seminar);
  }

  /**
   * Follows `code` for `audience`: `listener` gets each new view. Resolves
   * with the unsubscribe and the view now (built if no stream here had it).
   */
  async function subscribe(code: string, audience: Audience, listener: Listener, participantId?: string): Promise<{ current: LiveEvent | undefined; unsubscribe: () => void }> {
    let seminar = followed.get(code);
    if (!seminar) {
      const created: Followed = {
        unsubscribe: () => {},
        listeners: { room: new Set(), screen: new Set(), host: new Set() },
        latest: {},
        building: false,
        talliesAt: 0,
        phones: new Map(),
        reported: 0,
      };
      followed.set(code, created);
      // Subscribed before the state is read, so no change can fall between the two.
      created.unsubscribe = service.subscribe(code, (state) => changed(code, state));
      seminar = created;
    }
    seminar.listeners[audience].add(listener);
    if (audience === "room" && participantId) {
      seminar.phones.set(participantId, (seminar.phones.get(participantId) ?? 0) + 1);
      reportSoon();
    }
    const follower = seminar;
    const unsubscribe = () => {
      follower.listeners[audience].delete(listener);
      if (audience === "room" && participantId) {
        const left = (follower.phones.get(participantId) ?? 1) - 1;
        if (left > 0) follower.phones.set(participantId, left);
        else follower.phones.delete(participantId);
        reportSoon();
      }
      if (AUDIENCES.every((each) => follower.listeners[each].size === 0) && followed.get(code) === follower) {
        follower.unsubscribe();
        clearTimeout(follower.later);
        followed.delete(code);
        // Its phones are gone from here: say so at once, not at the next report.
        if (follower.reported > 0) void service.reportPresence(processId, new Map([[code, 0]])).then(() => service.touch(code));
      }
    };
    let current = seminar.latest[audience];
    if (!current) {
      const state = seminar.state ?? (await service.getState(code));
      if (state) {
        seminar.state ??= state;
        const view = (await views.build(state, [audience]))[audience]!;
        current = encode(versionFor(audience, state), view);
        const latest = seminar.latest[audience];
        if (!latest || latest.version < current.version) seminar.latest[audience] = current;
        else current = latest;
      }
    }
    return { current, unsubscribe };
  }

  /**
   * The view of `state` for `audience`, for a page's loader: the one the
   * streams here got, when it is as new, else built.
   */
  async function viewOf<V extends LiveView>(state: SeminarState, audience: Audience): Promise<V> {
    const latest = followed.get(state.code)?.latest[audience];
    if (latest && latest.version >= versionFor(audience, state)) return latest.view as V;
    return (await views.build(state, [audience]))[audience] as V;
  }

  /** The phones' view of `state`, for the phone page's loader: the one the streams here got, when it is as new, else built. */
  async function roomViewOf(state: RoomState): Promise<RoomView> {
    const latest = followed.get(state.code)?.latest.room;
    if (latest && latest.version >= state.roomVersion) return latest.view as RoomView;
    return views.room(state);
  }

  /** Reports this process's phones per seminar; a changed count moves the hosts' "here now". */
  function report() {
    const counts = new Map<string, number>();
    for (const [code, seminar] of followed) counts.set(code, seminar.phones.size);
    if (counts.size === 0) return;
    void service
      .reportPresence(processId, counts)
      .then(async () => {
        for (const [code, count] of counts) {
          const seminar = followed.get(code);
          if (seminar && seminar.reported !== count) {
            seminar.reported = count;
            await service.touch(code);
          }
        }
      })
      .catch((error: Error) => console.error(`seminar presence: ${error.message}`));
  }
  // Rows older than a few reports stop counting: report often enough to stay counted.
  const reporting = setInterval(report, PRESENCE_EVERY_MS);
  reporting.unref();
  /** A phone arriving or leaving shows on the host's screen within a second, not at the next report. */
  let soon: ReturnType<typeof setTimeout> | undefined;
  function reportSoon() {
    soon ??= setTimeout(() => {
      soon = undefined;
      report();
    }, PRESENCE_SOON_MS);
  }

  return {
    subscribe,
    viewOf,
    roomViewOf,
    /** Streams open here, for a test's probe and the benchmark. */
    streams: () => [...followed.values()].reduce((sum, seminar) => sum + AUDIENCES.reduce((count, audience) => count + seminar.listeners[audience].size, 0), 0),
    views,
    close: () => {
      clearInterval(reporting);
      clearTimeout(soon);
    },
  };
}

export type Live = ReturnType<typeof createLive>;
