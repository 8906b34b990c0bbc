/**
 * Questions to a running server, answered by `server-probe.cjs`, which a
 * server started with `probedServerArgs` loads: its memory, and its timers.
 */
import type { ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

export type Memory = { rss: number; heapTotal: number; heapUsed: number; external: number; majorCollections: number };

export const probedServerArgs = {
  nodeArgs: ["--expose-gc", "--require", fileURLToPath(new URL("./server-probe.cjs", import.meta.url))],
  ipc: true,
};

export async function rssBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) * 1024;
}

/** Sends the probe `question` and resolves with its answer: one question at a time. */
function ask<Answer>(server: ChildProcess, question: string): Promise<Answer> {
  const answer = new Promise<Answer>((resolve) => server.once("message", resolve as (message: unknown) => void));
  server.send(question);
  return answer;
}

/** The server's memory as it is, or ("collect") after a full collection, when heapUsed is what is still reachable. */
export async function serverMemory(server: ChildProcess, question: "memory" | "collect"): Promise<Memory> {
  const { memory, majorCollections } = await ask<{ memory: Omit<Memory, "majorCollections">; majorCollections: number }>(server, question);
  // RSS from /proc, like the rest; the probe's own reading is the same number.
  return { ...memory, majorCollections, rss: await rssBytes(server.pid!) };
}

/** How many timers the server has running: each live stream keeps one for its pings. */
export async function serverTimers(server: ChildProcess): Promise<number> {
  return (await ask<{ timers: number }>(server, "timers")).timers;
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
