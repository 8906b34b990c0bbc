/**
 * `npm run bench:http`: autocannon against the production server on
 * loopback. Requests per second and p99 latency of the compare page next to
 * a trivial route of the same server, in the same run. Run `npm run build` first.
 */
import autocannon from "autocannon";
import os from "node:os";
import { startServer } from "../e2e/server";

const DURATION_SECONDS = 10;
const CONNECTIONS = 10;

const { baseUrl, stop } = await startServer();
try {
  const model = await (await fetch(`${baseUrl}/api/perspectives.json`)).json();
  const topic = model.topics[0].id as string;
  const [first, second] = model.perspectives as Array<{ id: string }>;
  const targets = {
    "trivial (/healthz)": "/healthz",
    [`compare, 2 viewpoints (${topic})`]: `/compare?topic=${topic}&p=${first!.id}&p=${second!.id}`,
    [`compare, all ${model.perspectives.length} viewpoints (${topic})`]: `/compare?topic=${topic}`,
  };
  const results: Record<string, { rps: number; p99: number }> = {};
  for (const [name, path] of Object.entries(targets)) {
    const result = await autocannon({ url: `${baseUrl}${path}`, connections: CONNECTIONS, duration: DURATION_SECONDS });
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
    results[name] = { rps: result.requests.average, p99: result.latency.p99 };
  }
  console.log(`Machine: ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, Node ${process.version}`);
  console.log(`${CONNECTIONS} connections, ${DURATION_SECONDS} s each, on loopback\n`);
  console.log(`${"route".padEnd(50)} req/s   p99 (ms)`);
  for (const [name, { rps, p99 }] of Object.entries(results)) console.log(`${name.padEnd(50)} ${rps.toFixed(0).padStart(5)} ${String(p99).padStart(10)}`);
  const [trivial, ...pages] = Object.entries(results);
  console.log("");
  for (const [name, page] of pages) {
    console.log(`${name} / trivial: ${(page.rps / trivial![1].rps).toFixed(3)}× the throughput, ${(page.p99 / trivial![1].p99).toFixed(1)}× the p99 latency`);
  }
} finally {
  stop();
}
