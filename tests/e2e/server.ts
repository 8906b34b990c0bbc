/**
 * Vitest global setup: builds the app and starts the production server once
 * for every test file, on a free port, with the real content and a seminar
 * database of its own in a temporary folder. It also compiles the real content
 * once for every test file (`content()` in ./content.ts reads it), since each
 * file runs in a worker of its own that would otherwise compile it again.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { reporter } from "vfile-reporter";
import type { TestProject } from "vitest/node";
import { compileFolder } from "~/compiler/compile";
import type { CompiledContent } from "./content";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** A JSON file holding the real content's `CompiledContent`. */
    contentFile: string;
  }
}

const root = fileURLToPath(new URL("../..", import.meta.url));

/** A port nothing listens on now, for a server a test starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * A start costs about 5–8 s of CPU (the content's compile, the build, the
 * database's migrations; PGlite's first start twice that); on the shared
 * two-core machine at a load of 20 that took 80–105 s. A server that fails
 * exits, and is reported at once; the deadline only catches one that hangs.
 */
const START_DEADLINE_MS = 180_000;

async function waitForServer(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + START_DEADLINE_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${output()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The server did not answer at ${url}:\n${output()}`);
}

/** A fresh, empty folder for a server's seminar database (COUNTERPOINT_DATA); `remove` deletes it. */
export function temporaryDataDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), "counterpoint-data-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RunningServer {
  baseUrl: string;
  /** The server's process, for a benchmark's probe to talk to (`ipc`). */
  process: ChildProcess;
  port: number;
  pid: number;
  /** What the server printed so far. */
  output: () => string;
  /** Stops the server (SIGTERM, as a process manager would) and resolves once it has exited. */
  stop: () => Promise<void>;
}

/**
 * Starts the production server of an existing build; resolves once it answers.
 * `env` adds to or overrides the environment: COUNTERPOINT_DATA, DATABASE_URL,
 * PORT (to start again on the same address after a restart). Without a
 * COUNTERPOINT_DATA or DATABASE_URL, the server gets an empty data folder of its
 * own, deleted when it stops. `nodeArgs` go to Node before the server's script
 * (a benchmark's probe); `ipc` opens a message channel to the server process.
 */
export async function startServer(
  env: Record<string, string | undefined> = {},
  { nodeArgs = [], ipc = false }: { nodeArgs?: string[]; ipc?: boolean } = {},
): Promise<RunningServer> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const own = env.COUNTERPOINT_DATA || env.DATABASE_URL ? undefined : temporaryDataDir();
  let log = "";
  const server = spawn(process.execPath, [...nodeArgs, "app/cli/serve.mjs", "build/index.js"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: undefined, NODE_ENV: "production", HOST: "127.0.0.1", COUNTERPOINT_DATA: own?.dir, ...env, PORT: String(port) },
    stdio: ipc ? ["ignore", "pipe", "pipe", "ipc"] : ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (chunk) => (log += chunk));
  server.stderr?.on("data", (chunk) => (log += chunk));
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(baseUrl, server, () => log);
  } catch (error) {
    server.kill("SIGKILL");
    own?.remove();
    throw error;
  }
  return {
    baseUrl,
    port,
    pid: server.pid!,
    process: server,
    output: () => log,
    async stop() {
      if (server.exitCode === null && server.signalCode === null) {
        server.kill("SIGTERM");
        const forced = setTimeout(() => server.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(forced);
      }
      own?.remove();
    },
  };
}

/** The real content compiled into a temporary folder, as `CompiledContent`. */
async function compileContent(): Promise<{ file: string; remove: () => void }> {
  const result = await compileFolder(path.join(root, "perspectives"));
  const compiled: CompiledContent = { debate: result.debate, report: reporter(result.files, { quiet: true, color: false }) };
  const dir = mkdtempSync(path.join(tmpdir(), "counterpoint-content-"));
  const file = path.join(dir, "content.json");
  writeFileSync(file, JSON.stringify(compiled));
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export default async function setup(project: TestProject) {
  // The build runs in a process of its own, so the content compiles beside it.
  const [, compiled] = await Promise.all([
    promisify(execFile)("node_modules/.bin/remix", ["build"], { cwd: root, env: { ...process.env, NODE_ENV: "production" } }),
    compileContent(),
  ]);
  project.provide("contentFile", compiled.file);
  const { baseUrl, stop } = await startServer();
  project.provide("baseUrl", baseUrl);
  return async () => {
    await stop();
    compiled.remove();
  };
}
