/**
 * `npm run bench:http`: autocannon against the production server on
 * loopback, 32 connections. Each page's requests/s and p99 latency as a ratio
 * to /healthz (the floor: a route that does no work) measured in the same
 * run; a revalidation answered 304; the gzipped bytes pages send; and a 60 s
 * soak at 64 connections watching the server's memory. Run `npm run build` first.
 */
import autocannon from "autocannon";
import { readFile } from "node:fs/promises";
import { request } from "node:http";
import os from "node:os";
import { startServer } from "../e2e/server";

const DURATION_SECONDS = 10;
const CONNECTIONS = 32;
const SOAK_SECONDS = 60;
const SOAK_CONNECTIONS = 64;

const TARGETS = { throughput: 0.6, p99: 1.5, notModified: 0.9, rssGrowth: 0.1 };
const SIZE_TARGETS_KB: Record<string, number> = { home: 10, "compare (2)": 16, sources: 80 };

async function rssKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

/** Bytes on the wire with gzip, as a browser would fetch the page. */
function gzippedBytes(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { "Accept-Encoding": "gzip" } }, (response) => {
      if (response.headers["content-encoding"] !== "gzip") reject(new Error(`${url} was not sent gzipped`));
      let bytes = 0;
      response.on("data", (chunk: Buffer) => (bytes += chunk.byteLength));
      response.on("end", () => resolve(bytes));
    })
      .on("error", reject)
      .end();
  });
}

/** The server's CPU time so far, in ms (user + system, from /proc). */
async function cpuMs(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

let serverPid = 0;

async function load(url: string, headers: Record<string, string>, connections: number, duration: number, expectStatus = 200) {
  const cpuBefore = await cpuMs(serverPid);
  const result = await autocannon({ url, headers, connections, duration });
  // CPU per request holds up when other work shares the machine; requests/s does not.
  const cpuPerRequest = ((await cpuMs(serverPid)) - cpuBefore) / Math.max(result.requests.total, 1);
  const unexpected = expectStatus === 200 ? result.non2xx : result["1xx"] + result["2xx"] + result["4xx"] + result["5xx"];
  if (unexpected > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`${url}: ${unexpected} answers other than ${expectStatus}, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors, cpuPerRequest };
}

const { baseUrl, pid, stop } = await startServer();
serverPid = pid;
try {
  const model = await (await fetch(`${baseUrl}/api/perspectives.json`)).json();
  const topic = model.topics[0].id as string;
  const [first, second] = model.perspectives as Array<{ id: string }>;
  const claim = model.perspectives[0].claims[0].id as string;
  const compareTwo = `/compare?topic=${topic}&p=${first!.id}&p=${second!.id}`;
  const pages: Record<string, string> = {
    "compare, 2 viewpoints": compareTwo,
    [`compare, all ${model.perspectives.length}`]: `/compare?topic=${topic}`,
    "claim page": `/claims/${claim}`,
    home: "/",
  };
  const etag = (await fetch(`${baseUrl}${compareTwo}`)).headers.get("etag")!;

  // Warm up: the first request of each page renders it; the rest are what is measured.
  for (const path of ["/healthz", ...Object.values(pages)]) await load(`${baseUrl}${path}`, {}, CONNECTIONS, 2);

  const floor = await load(`${baseUrl}/healthz`, {}, CONNECTIONS, DURATION_SECONDS);
  const results: Array<[string, { rps: number; p99: number; cpuPerRequest: number }]> = [["/healthz (floor)", floor]];
  for (const [name, path] of Object.entries(pages)) results.push([name, await load(`${baseUrl}${path}`, {}, CONNECTIONS, DURATION_SECONDS)]);
  const revalidated = await load(`${baseUrl}${compareTwo}`, { "If-None-Match": etag }, CONNECTIONS, DURATION_SECONDS, 304);
  results.push(["compare, 2, If-None-Match (304)", revalidated]);

  console.log(`Machine: ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)}`);
  console.log(`${CONNECTIONS} connections, ${DURATION_SECONDS} s each, on loopback\n`);
  console.log(`${"route".padEnd(34)} ${"req/s".padStart(7)} ${"p99 ms".padStart(7)} ${"× floor req/s".padStart(14)} ${"× floor p99".padStart(12)} ${"CPU ms/req".padStart(11)} ${"× floor CPU".padStart(12)}`);
  let met = true;
  for (const [name, { rps, p99, cpuPerRequest }] of results) {
    const throughput = rps / floor.rps;
    const latency = p99 / Math.max(floor.p99, 1);
    if (name !== "/healthz (floor)") {
      const notModified = name.includes("304");
      met &&= throughput >= (notModified ? TARGETS.notModified : TARGETS.throughput) && (notModified || latency <= TARGETS.p99);
    }
    console.log(
      `${name.padEnd(34)} ${rps.toFixed(0).padStart(7)} ${String(p99).padStart(7)} ${throughput.toFixed(2).padStart(13)}× ${latency.toFixed(2).padStart(11)}×` +
        ` ${cpuPerRequest.toFixed(2).padStart(11)} ${(cpuPerRequest / floor.cpuPerRequest).toFixed(2).padStart(11)}×`,
    );
  }

  console.log("\ngzipped bytes on the wire");
  for (const [name, path] of [["home", "/"], ["compare (2)", compareTwo], ["sources", "/sources"]] as const) {
    const kb = (await gzippedBytes(`${baseUrl}${path}`)) / 1024;
    met &&= kb <= SIZE_TARGETS_KB[name]!;
    console.log(`${name.padEnd(14)} ${kb.toFixed(1).padStart(6)} KB (target ≤ ${SIZE_TARGETS_KB[name]} KB)`);
  }

  const warmRss = await rssKb(pid);
  const soak = await load(`${baseUrl}${compareTwo}`, {}, SOAK_CONNECTIONS, SOAK_SECONDS);
  const endRss = await rssKb(pid);
  const growth = (endRss - warmRss) / warmRss;
  met &&= growth <= TARGETS.rssGrowth;
  console.log(
    `\nsoak: ${SOAK_SECONDS} s at ${SOAK_CONNECTIONS} connections on compare (2): ${soak.rps.toFixed(0)} req/s, p99 ${soak.p99} ms, ${soak.errors} errors;` +
      ` RSS ${(warmRss / 1024).toFixed(0)} MB after warm-up, ${(endRss / 1024).toFixed(0)} MB after (${(growth * 100).toFixed(1)}%)`,
  );
  console.log(`\ntargets (≥ ${TARGETS.throughput}× floor req/s, p99 ≤ ${TARGETS.p99}× floor, 304 ≥ ${TARGETS.notModified}×, sizes, RSS within 10%): ${met ? "met" : "NOT met"}`);
} finally {
  stop();
}
