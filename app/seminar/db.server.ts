/**
 * The seminar database: PGlite (Postgres in WASM, embedded) in a data folder by
 * default, or a PostgreSQL server when DATABASE_URL names one. Both run the same
 * Drizzle schema, migrations and queries; both carry the change notifications
 * (LISTEN/NOTIFY) that keep every process's live streams up to date.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import { migrate as migratePostgres } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import * as schema from "./schema.server";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** The channel every change to a seminar is announced on; the payload is `<code>:<version>`. */
export const CHANGES_CHANNEL = "seminar_changes";

export type StoreConfig = { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };

export interface Store {
  readonly config: StoreConfig;
  readonly db: Database;
  /**
   * Calls `onPayload` for every notification on CHANGES_CHANNEL, from this
   * process or any other on the same database. `onResync` runs after a lost
   * listening connection is back: notifications sent meanwhile are gone, so
   * whoever follows changes must reload what it shows.
   */
  listen(onPayload: (payload: string) => void, onResync: () => void): Promise<void>;
  close(): Promise<void>;
}

/** The repository's root in development, tests and `npm start` alike: every script runs from it. */
const MIGRATIONS = path.resolve("app/seminar/migrations");

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(`DATABASE_URL must be a PostgreSQL address (postgres://user:password@host:port/database), not "${url.replace(/\/\/[^@]*@/, "//…@")}"`);
    }
    return { kind: "postgres", url };
  }
  return { kind: "pglite", dataDir: path.resolve(env.COUNTERPOINT_DATA?.trim() || "data") };
}

async function openPglite(dataDir: string): Promise<Store> {
  mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  await migratePglite(db as never, { migrationsFolder: MIGRATIONS });
  return {
    config: { kind: "pglite", dataDir },
    db,
    async listen(onPayload) {
      // One in-process database: nothing to lose between notifications, so nothing to resync.
      await client.listen(CHANGES_CHANNEL, onPayload);
    },
    close: () => client.close(),
  };
}

/** An arbitrary constant: the advisory lock that lets one process at a time migrate. */
const MIGRATION_LOCK = 1_011_011;

async function openPostgres(url: string): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE) || 10 });
  // An idle client's error (the server restarted) must not crash the process; the pool replaces it.
  pool.on("error", (error) => console.error(`seminar database: ${error.message}`));
  const db = drizzlePostgres(pool, { schema }) as unknown as Database;

  // Two processes starting together would both try to apply the same migration.
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await migratePostgres(drizzlePostgres(client) as never, { migrationsFolder: MIGRATIONS });
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }

  let listener: pg.Client | undefined;
  let closed = false;
  /** Connects the listening client; after a lost connection, again every second until it is back. */
  async function keepListening(onPayload: (payload: string) => void, onResync: () => void, reconnecting = false): Promise<void> {
    const client = new pg.Client({ connectionString: url });
    let lost = false;
    const reconnect = (error?: Error) => {
      if (lost || closed) return;
      lost = true;
      console.error(`seminar notifications: ${error?.message ?? "connection closed"}; reconnecting`);
      client.end().catch(() => undefined);
      setTimeout(() => void keepListening(onPayload, onResync, true), 1_000).unref();
    };
    client.on("notification", (message) => message.payload && onPayload(message.payload));
    client.on("error", reconnect);
    client.on("end", () => reconnect());
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (error) {
      if (!reconnecting) throw error;
      reconnect(error as Error);
      return;
    }
    listener = client;
    if (reconnecting) onResync();
  }

  return {
    config: { kind: "postgres", url },
    db,
    // One dedicated connection per process carries every seminar's notifications.
    listen: (onPayload, onResync) => keepListening(onPayload, onResync),
    async close() {
      closed = true;
      await listener?.end().catch(() => undefined);
      await pool.end();
    },
  };
}

/** Opens the database and brings its schema up to date. */
export function openStore(config: StoreConfig): Promise<Store> {
  return config.kind === "postgres" ? openPostgres(config.url) : openPglite(config.dataDir);
}

/** The rows of a raw query, whichever driver ran it (both answer `{ rows }`). */
export async function rowsOf<Row>(query: Promise<unknown> | PromiseLike<unknown>): Promise<Row[]> {
  return ((await query) as { rows: Row[] }).rows;
}
