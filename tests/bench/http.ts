/**
 * `npm run bench:http`: autocannon against the production server on
 * loopback, 32 connections, asking as Chromium does (Accept-Encoding: gzip,
 * deflate, br, zstd). Each page's requests/s and p99 latency as a ratio to
 * /healthz (the floor: a route that does no work) on the same server; a
 * revalidation answered 304; the gzipped bytes pages send; and a soak at 64
 * connections watching the server's memory. Run `npm run build` first.
 *
 * The machine may be shared, and its load changes by the second: the routes
 * are measured in rounds, floor first in each, each ratio is against the
 * floor of its own round, and each figure is the median over the rounds. The server's CPU
 * time per request (from /proc) and the load generator's own are printed too:
 * autocannon shares the machine's cores with the server.
 *
 * The static limit: in each round every page is also fetched from Debian's
 * nginx (one worker), serving the very bytes the app sent for it from a file
 * (gzip_static) with the same headers; a cached page should come at half
 * nginx's rate or better.
 */
import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { request } from "node:http";
import os from "node:os";
import { freePort, startServer } from "../e2e/server";
import { mb, type Memory, probedServerArgs, serverMemory } from "../server-probe";

const ROUNDS = 5;
const ROUND_SECONDS = 4;
const CONNECTIONS = 32;
const SOAK_SECONDS = 60;
const SOAK_CONNECTIONS = 64;
/** The soak's warm-up runs in steps until RSS levels off (see the soak below). */
const LEVEL = { steps: 4, stepSeconds: 10, growth: 0.02, majorCollections: 1, maxSeconds: 300 };
const BROWSER = { "Accept-Encoding": "gzip, deflate, br, zstd" };

const TARGETS = { throughput: 0.6, p99: 1.5, notModified: 0.9, rssGrowth: 0.1, staticLimit: 0.5 };
const NGINX = process.env.NGINX_PATH ?? "/usr/sbin/nginx";
const SIZE_TARGETS_KB: Record<string, number> = { home: 10, "compare (2)": 16, sources: 72 };

type Sample = { rps: number; p99: number; serverCpu: number; clientCpu: number };

let server: ChildProcess;

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

async function load(url: string, headers: Record<string, string>, connections: number, duration: number, expectStatus = 200): Promise<Sample> {
  const serverBefore = await cpuMs();
  const clientBefore = process.cpuUsage();
  const result = await autocannon({ url, headers, connections, duration });
  const client = process.cpuUsage(clientBefore);
  const requests = Math.max(result.requests.total, 1);
  const unexpected = expectStatus === 200 ? result.non2xx : result["1xx"] + result["2xx"] + result["4xx"] + result["5xx"];
  if (unexpected > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`${url}: ${unexpected} answers other than ${expectStatus}, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    serverCpu: ((await cpuMs()) - serverBefore) / requests,
    clientCpu: (client.user + client.system) / 1000 / requests,
  };
}

/** The server's CPU time so far, in ms: utime + stime from /proc, in clock ticks of 10 ms. */
async function cpuMs(): Promise<number> {
  const fields = (await readFile(`/proc/${server.pid}/stat`, "utf8")).split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The body and headers a page is sent with, to hand nginx the same bytes. */
async function sentAs(url: string): Promise<{ gzipped: Buffer; identity: Buffer; headers: Record<string, string> }> {
  const raw = (headers: Record<string, string>) =>
    new Promise<{ body: Buffer; headers: Record<string, string> }>((resolve, reject) => {
      request(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ body: Buffer.concat(chunks), headers: Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, String(value)])) }));
      })
        .on("error", reject)
        .end();
    });
  const gzipped = await raw({ "Accept-Encoding": "gzip" });
  const identity = await raw({});
  return { gzipped: gzipped.body, identity: identity.body, headers: gzipped.headers };
}

/** nginx with one worker, serving each page's bytes as a file, with the headers the app sends. */
async function startNginx(pages: Array<{ file: string; sent: Awaited<ReturnType<typeof sentAs>> }>): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  if (!existsSync(NGINX)) throw new Error(`The static-limit comparison needs nginx at ${NGINX}: apt-get install -y nginx (or set NGINX_PATH).`);
  const dir = await mkdtemp(path.join(tmpdir(), "counterpoint-nginx-"));
  const port = await freePort();
  for (const page of pages) {
    await writeFile(path.join(dir, page.file), page.sent.identity);
    await writeFile(path.join(dir, `${page.file}.gz`), page.sent.gzipped);
  }
  const kept = ["content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options", "cross-origin-opener-policy", "permissions-policy", "cache-control", "vary"];
  const headers = kept.flatMap((name) => (pages[0]!.sent.headers[name] ? [`add_header ${name} "${pages[0]!.sent.headers[name]!.replaceAll('"', "")}" always;`] : []));
  await writeFile(
    path.join(dir, "nginx.conf"),
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path ${dir}; proxy_temp_path ${dir}; fastcgi_temp_path ${dir}; uwsgi_temp_path ${dir}; scgi_temp_path ${dir};
  server {
    listen 127.0.0.1:${port};
    root ${dir};
    default_type "text/html; charset=utf-8";
    gzip_static on;
    etag on;
    ${headers.join("\n    ")}
  }
}
`,
  );
  const nginx = spawn(NGINX, ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-g", "daemon off;"], { stdio: "ignore" });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    try {
      if ((await fetch(`${baseUrl}/${pages[0]!.file}`)).ok) break;
    } catch {
      if (tries > 100) throw new Error("nginx did not start");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    baseUrl,
    async stop() {
      nginx.kill("SIGTERM");
      await new Promise((resolve) => nginx.once("exit", resolve));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const started = await startServer({}, probedServerArgs);
server = started.process;
const { baseUrl, stop } = started;
try {
  const model = await (await fetch(`${baseUrl}/api/perspectives.json`)).json();
  const topic = model.topics[0].id as string;
  const [first, second] = model.perspectives as Array<{ id: string }>;
  const claim = model.perspectives[0].claims[0].id as string;
  const compareTwo = `/compare?topic=${topic}&p=${first!.id}&p=${second!.id}`;
  const etag = (await fetch(`${baseUrl}${compareTwo}`, { headers: BROWSER })).headers.get("etag")!;
  // The floor comes first; `target` says which of the targets a route is held to.
  const routes: Array<{ name: string; path: string; headers: Record<string, string>; status?: number; target?: "page" | "304" }> = [
    { name: "/healthz (floor)", path: "/healthz", headers: BROWSER },
    { name: "compare, 2 viewpoints", path: compareTwo, headers: BROWSER, target: "page" },
    { name: `compare, all ${model.perspectives.length}`, path: `/compare?topic=${topic}`, headers: BROWSER, target: "page" },
    { name: "claim page", path: `/claims/${claim}`, headers: BROWSER, target: "page" },
    { name: "home", path: "/", headers: BROWSER, target: "page" },
    { name: "compare, 2, If-None-Match (304)", path: compareTwo, headers: { ...BROWSER, "If-None-Match": etag }, status: 304, target: "304" },
    // As curl or autocannon ask by default, and as earlier runs of this benchmark did: for comparison only.
    { name: "compare, 2, no Accept-Encoding", path: compareTwo, headers: {} },
  ];

  // Warm up: the first request of each page renders it; the rest are what is measured.
  for (const route of routes) await load(`${baseUrl}${route.path}`, route.headers, CONNECTIONS, 2, route.status);

  const pages = routes.flatMap((route, index) => (route.target === "page" ? [{ index, file: `page-${index}.html` }] : []));
  const nginx = await startNginx(await Promise.all(pages.map(async (page) => ({ file: page.file, sent: await sentAs(`${baseUrl}${routes[page.index]!.path}`) }))));
  const rounds: Sample[][] = [];
  /** Per round, per page: the app's requests/s over nginx's for the same bytes. */
  const staticRatios: number[][] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      console.error(`round ${round + 1} of ${ROUNDS}…`);
      const samples: Sample[] = [];
      for (const route of routes) samples.push(await load(`${baseUrl}${route.path}`, route.headers, CONNECTIONS, ROUND_SECONDS, route.status));
      const ratios: number[] = [];
      for (const page of pages) ratios.push(samples[page.index]!.rps / (await load(`${nginx.baseUrl}/${page.file}`, BROWSER, CONNECTIONS, ROUND_SECONDS)).rps);
      rounds.push(samples);
      staticRatios.push(ratios);
    }
  } finally {
    await nginx.stop();
  }

  console.log(`Machine: ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg().map((load) => load.toFixed(1)).join(" ")}`);
  console.log(`${CONNECTIONS} connections, ${ROUNDS} rounds of ${ROUND_SECONDS} s per route on loopback; medians over the rounds; Accept-Encoding as Chromium sends it unless said\n`);
  console.log(
    `${"route".padEnd(34)} ${"req/s".padStart(7)} ${"p99 ms".padStart(7)} ${"× floor req/s".padStart(14)} ${"× floor p99".padStart(12)} ${"server CPU ms/req".padStart(18)} ${"client CPU ms/req".padStart(18)}`,
  );
  let met = true;
  routes.forEach((route, index) => {
    const sample = (pick: (sample: Sample) => number) => median(rounds.map((samples) => pick(samples[index]!)));
    const ratios = rounds.map((samples) => ({ rps: samples[index]!.rps / samples[0]!.rps, p99: samples[index]!.p99 / Math.max(samples[0]!.p99, 1) }));
    const rps = median(ratios.map((ratio) => ratio.rps));
    const p99 = median(ratios.map((ratio) => ratio.p99));
    if (route.target === "page") met &&= rps >= TARGETS.throughput && p99 <= TARGETS.p99;
    if (route.target === "304") met &&= rps >= TARGETS.notModified;
    console.log(
      `${route.name.padEnd(34)} ${sample((s) => s.rps).toFixed(0).padStart(7)} ${sample((s) => s.p99).toFixed(0).padStart(7)} ${rps.toFixed(2).padStart(13)}× ${p99.toFixed(2).padStart(11)}×` +
        ` ${sample((s) => s.serverCpu).toFixed(2).padStart(18)} ${sample((s) => s.clientCpu).toFixed(2).padStart(18)}`,
    );
  });

  console.log(`\nagainst nginx (one worker) serving the same bytes from a file, same headers, same load (target ≥ ${TARGETS.staticLimit}×)`);
  pages.forEach((page, position) => {
    const ratio = median(staticRatios.map((ratios) => ratios[position]!));
    met &&= ratio >= TARGETS.staticLimit;
    console.log(`${routes[page.index]!.name.padEnd(34)} ${ratio.toFixed(2).padStart(6)}× nginx`);
  });

  console.log("\ngzipped bytes on the wire");
  for (const [name, path] of [["home", "/"], ["compare (2)", compareTwo], ["sources", "/sources"]] as const) {
    const kb = (await gzippedBytes(`${baseUrl}${path}`)) / 1024;
    met &&= kb <= SIZE_TARGETS_KB[name]!;
    console.log(`${name.padEnd(14)} ${kb.toFixed(1).padStart(6)} KB (target ≤ ${SIZE_TARGETS_KB[name]} KB)`);
  }

  // The soak. Under load V8 promotes the garbage of requests in flight and
  // grows the heap, collection by collection, to the size that load needs:
  // RSS is taken once it has levelled off, and what is still reachable after a
  // full collection (with the server idle, so that no request holds anything)
  // tells a leak from that.
  const idle = () => new Promise((resolve) => setTimeout(resolve, 6_000));
  await idle();
  const live = await serverMemory(server, "collect");
  const steps: Memory[] = [];
  // Levelled: RSS saws up and down with the collections, so its peaks tell growth from
  // churn: the highest of the last LEVEL.steps steps at most LEVEL.growth above the
  // highest of the steps before them, with full collections in between.
  const levelled = () => {
    if (steps.length < 2 * LEVEL.steps) return false;
    const peak = (window: Memory[]) => Math.max(...window.map((step) => step.rss));
    const last = steps.slice(-LEVEL.steps);
    const before = steps.slice(-2 * LEVEL.steps, -LEVEL.steps);
    return peak(last) <= peak(before) * (1 + LEVEL.growth) && last.at(-1)!.majorCollections - before[0]!.majorCollections >= LEVEL.majorCollections;
  };
  while (!levelled() && steps.length * LEVEL.stepSeconds < LEVEL.maxSeconds) {
    await load(`${baseUrl}${compareTwo}`, BROWSER, SOAK_CONNECTIONS, LEVEL.stepSeconds);
    steps.push(await serverMemory(server, "memory"));
  }
  const warmupSeconds = steps.length * LEVEL.stepSeconds;
  const warm = steps.at(-1)!;
  const soak = await load(`${baseUrl}${compareTwo}`, BROWSER, SOAK_CONNECTIONS, SOAK_SECONDS);
  const end = await serverMemory(server, "memory");
  await idle();
  const liveAfter = await serverMemory(server, "collect");
  const growth = (end.rss - warm.rss) / warm.rss;
  met &&= levelled() && growth <= TARGETS.rssGrowth;
  console.log(
    `\nsoak: ${SOAK_SECONDS} s at ${SOAK_CONNECTIONS} connections on compare (2): ${soak.rps.toFixed(0)} req/s, p99 ${soak.p99} ms, 0 errors,` +
      ` after ${warmupSeconds} s of warm-up at the same load${levelled() ? " (RSS had levelled off)" : `: RSS had NOT levelled off in ${LEVEL.maxSeconds} s`}`,
  );
  console.log(`  RSS ${mb(warm.rss)} after warm-up, ${mb(end.rss)} after (${(growth * 100).toFixed(1)}%; target within ${TARGETS.rssGrowth * 100}%)`);
  console.log(`  RSS during warm-up, every ${LEVEL.stepSeconds} s: ${steps.map((step) => (step.rss / 1024 / 1024).toFixed(0)).join(" ")} MB`);
  console.log(`  heap ${mb(warm.heapUsed)} used of ${mb(warm.heapTotal)} after warm-up, ${mb(end.heapUsed)} of ${mb(end.heapTotal)} after; ${end.majorCollections - warm.majorCollections} full collections during the soak`);
  console.log(`  reachable after a full collection, server idle: ${mb(live.heapUsed)} before warm-up, ${mb(liveAfter.heapUsed)} after the soak`);
  console.log(
    `\ntargets (≥ ${TARGETS.throughput}× floor req/s, p99 ≤ ${TARGETS.p99}× floor, 304 ≥ ${TARGETS.notModified}×, ≥ ${TARGETS.staticLimit}× nginx, sizes, RSS within 10%): ${met ? "met" : "NOT met"}`,
  );
} finally {
  // An open IPC channel would keep this process waiting for the server.
  server.disconnect();
  await stop();
}
