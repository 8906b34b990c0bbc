/**
 * A PostgreSQL database for a test file: a fresh database on TEST_DATABASE_URL
 * when it is set (CI starts one cluster for the whole run), otherwise a
 * throwaway cluster of its own in a temporary folder, on a free local port,
 * run as the unprivileged `postgres` user when the tests run as root.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "./e2e/server";

const BIN = process.env.POSTGRES_BIN ?? "/usr/lib/postgresql/15/bin";

export interface TestDatabase {
  url: string;
  stop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const address = new URL(url);
  address.pathname = `/${database}`;
  return address.toString();
}

async function createDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `counterpoint_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: withDatabase(adminUrl, name),
    async stop() {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Runs a PostgreSQL program as `postgres` when we are root (initdb and postgres refuse root). */
function runAsPostgres(program: string, args: string[]) {
  const binary = path.join(BIN, program);
  const asRoot = process.getuid?.() === 0;
  execFileSync(asRoot ? "runuser" : binary, asRoot ? ["-u", "postgres", "--", binary, ...args] : args, { stdio: "pipe" });
}

/**
 * A throwaway cluster. Tests run it with fsync off (nothing to keep if the
 * machine fails); `durable` keeps fsync on, for a benchmark whose figures
 * must include what a commit costs on a real server.
 */
export async function startCluster({ durable = false }: { durable?: boolean } = {}): Promise<TestDatabase> {
  if (!existsSync(path.join(BIN, "postgres"))) {
    throw new Error(
      `These tests need PostgreSQL 15's programs in ${BIN}, and they are missing. Install them with\n\n  sudo apt-get install -y postgresql\n\n` +
        "(.ci/run does this), set POSTGRES_BIN to another version's bin folder, or set TEST_DATABASE_URL to a server where the tests may create databases.",
    );
  }
  const folder = mkdtempSync(path.join(tmpdir(), "counterpoint-pg-"));
  if (process.getuid?.() === 0) {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"]).toString());
    chownSync(folder, id("-u"), id("-g"));
  }
  chmodSync(folder, 0o700);
  const data = path.join(folder, "data");
  const port = await freePort();
  try {
    runAsPostgres("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
    // fsync off: a throwaway cluster has nothing to keep if the machine fails.
    const fsync = durable ? "" : " -c fsync=off";
    runAsPostgres("pg_ctl", ["-D", data, "-l", path.join(folder, "log"), "-w", "-o", `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1${fsync} -c max_connections=200`, "start"]);
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    const output = (error as { stderr?: Buffer }).stderr?.toString() ?? "";
    throw new Error(`Could not start a PostgreSQL cluster for the tests: ${(error as Error).message}\n${output}`);
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      try {
        runAsPostgres("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  };
}

/** A database of its own for one test file; `stop` drops it (and the cluster, if this started one). */
export async function postgresDatabase(): Promise<TestDatabase> {
  const shared = process.env.TEST_DATABASE_URL;
  if (shared) return createDatabase(shared);
  const cluster = await startCluster();
  try {
    const database = await createDatabase(cluster.url);
    return { url: database.url, stop: async () => (await database.stop(), await cluster.stop()) };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}
