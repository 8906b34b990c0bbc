/**
 * The benchmarks' view of the server's memory: the server is started with
 * `memory-probe.cjs` loaded (`probedServerArgs`) and answers over IPC.
 */
import type { ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

export type Memory = { rss: number; heapTotal: number; heapUsed: number; external: number; majorCollections: number };

export const probedServerArgs = {
  nodeArgs: ["--expose-gc", "--require", fileURLToPath(new URL("./memory-probe.cjs", import.meta.url))],
  ipc: true,
};

export async function rssBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) * 1024;
}

/** The server's memory as it is, or ("collect") after a full collection, when heapUsed is what is still reachable. */
export async function serverMemory(server: ChildProcess, question: "memory" | "collect"): Promise<Memory> {
  const answer = new Promise<{ memory: Omit<Memory, "majorCollections">; majorCollections: number }>((resolve) =>
    server.once("message", resolve as (message: unknown) => void),
  );
  server.send(question);
  const { memory, majorCollections } = await answer;
  // RSS from /proc, like the rest; the probe's own reading is the same number.
  return { ...memory, majorCollections, rss: await rssBytes(server.pid!) };
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
