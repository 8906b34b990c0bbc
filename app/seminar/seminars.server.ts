/**
 * The seminar service of this process, on the app's database (see
 * db.server.ts for which one) and the debate being served. The database opens
 * and migrates when the server starts; a production server that cannot open
 * it exits with the reason. The rules themselves live in service.server.ts;
 * the server (app/cli/serve.mjs) closes it on shutdown (`closeSeminars`).
 */
import { seminarContent } from "~/models/present.server";
import { configFromEnv, openStore, type Store } from "./db.server";
import { createLimits, type Limits } from "./limits.server";
import { createLive, type Live } from "./live.server";
import { createSeminars, type Seminars } from "./service.server";

/** How often idle seminars are ended and old ones deleted. */
const SWEEP_EVERY_MS = 60_000;

/**
 * What stops when the server shuts down: the live streams, so that it can.
 * A set rather than an AbortSignal's listeners: a signal looks through all
 * of them before it adds one, and a room opens thousands of streams.
 */
const atShutdownStops = new Set<() => void>();
let shuttingDown = false;

/** Calls `stop` when the server shuts down (now, if it is); returns what takes it back. */
export function atShutdown(stop: () => void): () => void {
  if (shuttingDown) {
    stop();
    return () => {};
  }
  atShutdownStops.add(stop);
  return () => atShutdownStops.delete(stop);
}

interface Opened {
  seminars: Seminars;
  live: Live;
  limits: Limits;
  store: Store;
  sweeping: ReturnType<typeof setInterval>;
}

async function open(): Promise<Opened> {
  const store = await openStore(configFromEnv());
  const seminars = createSeminars(store, seminarContent());
  // Seminars that went idle while no server ran end now, not a minute later.
  await seminars.sweep();
  const sweeping = setInterval(() => seminars.sweep().catch((error: Error) => console.error(`seminar sweep failed: ${error.message}`)), SWEEP_EVERY_MS);
  // The sweep must not keep a stopping server alive.
  sweeping.unref();
  return { seminars, live: createLive(seminars), limits: createLimits(store), store, sweeping };
}

// The dev server re-imports the app on every change: keep one database per process.
const holder = globalThis as typeof globalThis & { __counterpointSeminars?: Promise<Opened> };
const ready = (holder.__counterpointSeminars ??= open());

if (process.env.NODE_ENV === "production") {
  try {
    await ready;
  } catch (error) {
    console.error(`Counterpoint cannot open the seminar database: ${(error as Error).message}`);
    process.exit(1);
  }
}

/** The seminar service, once the database is open. */
export async function seminarService(): Promise<Seminars> {
  return (await ready).seminars;
}

/** The live views of the seminars this process streams. */
export async function liveViews(): Promise<Live> {
  return (await ready).live;
}

/** The rate limits every process shares. */
export async function seminarLimits(): Promise<Limits> {
  return (await ready).limits;
}

/** Ends every live stream and closes the database (PGlite writes its last pages on close). */
export async function closeSeminars(): Promise<void> {
  shuttingDown = true;
  for (const stop of atShutdownStops) stop();
  atShutdownStops.clear();
  const { store, sweeping, live } = await ready;
  clearInterval(sweeping);
  live.close();
  await store.close();
}
