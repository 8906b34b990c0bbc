/**
 * Vitest global setup: builds the app and starts the production server once
 * for every test file, on a free port, with the real content.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
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

async function waitForServer(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000;
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

/**
 * Starts the production server of an existing build; resolves once it answers.
 * `nodeArgs` go to Node before remix-serve's script (a benchmark's probe);
 * `ipc` opens a message channel to the server process.
 */
export async function startServer({ nodeArgs = [], ipc = false }: { nodeArgs?: string[]; ipc?: boolean } = {}) {
  const port = await freePort();
  let log = "";
  const server = spawn(process.execPath, [...nodeArgs, "node_modules/@remix-run/serve/dist/cli.js", "build/index.js"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1" },
    stdio: ipc ? ["ignore", "pipe", "pipe", "ipc"] : ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (chunk) => (log += chunk));
  server.stderr?.on("data", (chunk) => (log += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForServer(baseUrl, server, () => log);
  return { baseUrl, pid: server.pid!, server, stop: () => server.kill() };
}

export default async function setup(project: TestProject) {
  execFileSync("node_modules/.bin/remix", ["build"], { cwd: root, stdio: "pipe", env: { ...process.env, NODE_ENV: "production" } });
  const { baseUrl, stop } = await startServer();
  project.provide("baseUrl", baseUrl);
  return stop;
}
