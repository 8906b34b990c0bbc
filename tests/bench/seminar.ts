/**
 * `npm run bench:seminar`: 300 simulated phones hold live streams to one
 * seminar on the production server while the host steps 20 times, and every
 * phone votes in the "before" poll (step 1) and the "after" poll (the closing
 * step), each within a 5 s window. Three such seminars run one after another
 * (`ROUNDS` to change); the first is the warm-up. Prints the server's memory
 * at the start and end of each, the step-to-phone latency after the warm-up
 * against a /healthz round trip measured in the same run, and last (votes
 * and errors over every seminar):
 *   phones N, p99 step-to-phone MS ms, votes S sent R recorded, errors E
 * PGlite in a fresh folder by default; PostgreSQL when DATABASE_URL is set
 * (a throwaway database there is not made: the bench's seminars stay in it).
 * Run `npm run build` first.
 */
import os from "node:os";
import { openStore, type StoreConfig } from "~/seminar/db.server";
import { seminarContent } from "~/models/present.server";
import { createSeminars, type SeminarState } from "~/seminar/service.server";
import { getContent } from "~/models/content.server";
import { startServer, temporaryDataDir } from "../e2e/server";
import { connectSse, type SseClient } from "../sse";
import { mb, probedServerArgs, rssBytes, serverMemory, type Memory } from "../server-probe";

const PHONES = Number(process.env.PHONES) || 300;
const STEPS = 20;
const STEP_EVERY_MS = 500;
const VOTE_WINDOW_MS = 5_000;
const TARGETS = { p99Ms: 1_000, rssGrowth: 0.1 };
// A server's heap (and PGlite's WASM memory) grows to its working size during its first seminar; memory is judged after it.
const ROUNDS = Math.max(1, Number(process.env.ROUNDS) || 3);

const rssMb = async (pid: number) => (await rssBytes(pid)) / 1024 / 1024;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const databaseUrl = process.env.DATABASE_URL;
const data = databaseUrl ? undefined : temporaryDataDir();
const config: StoreConfig = databaseUrl ? { kind: "postgres", url: databaseUrl } : { kind: "pglite", dataDir: data!.dir };
const topic = getContent().debate.topics[0]!.id;
const content = seminarContent(getContent());
const total = content.topics.get(topic)!.steps.length;

// The seminars are made before the server starts: a PGlite folder has one owner at a time.
const store = await openStore(config);
const seminars = [];
for (let round = 0; round < ROUNDS; round++) seminars.push(await createSeminars(store, content).createSeminar(topic));
await store.close();

const server = await startServer(databaseUrl ? { DATABASE_URL: databaseUrl } : { COUNTERPOINT_DATA: data!.dir }, probedServerArgs);
const base = server.baseUrl;
let errors = 0;
const problems = new Map<string, number>();
const problem = (what: string) => {
  errors += 1;
  problems.set(what, (problems.get(what) ?? 0) + 1);
};

async function healthzMs(): Promise<number> {
  const start = performance.now();
  await (await fetch(`${base}/healthz`)).text();
  return performance.now() - start;
}

/** One seminar from the first phone joining to the "after" poll, as a class would run it. */
async function runSeminar({ code, hostSecret }: { code: string; hostSecret: string }) {
  const hostCookie = `cp_host_${code}=${hostSecret}`;
  const post = (fields: Record<string, unknown>, cookie?: string) =>
    fetch(`${base}/s/${code}/actions`, {
      method: "POST",
      headers: { Origin: base, "Content-Type": "application/json", Accept: "application/json", ...(cookie ? { Cookie: cookie } : {}) },
      body: JSON.stringify(fields),
    });

  // Each phone: its stream, and the moment each step first reached it.
  const arrivals: Array<Map<number, number>> = [];
  const phones: SseClient[] = [];
  for (let phone = 0; phone < PHONES; phone++) {
    const seen = new Map<number, number>();
    arrivals.push(seen);
    phones.push(
      connectSse(`${base}/s/${code}/events`, {
        onEvent: (event) => {
          const state = JSON.parse(event.data) as SeminarState;
          if (!seen.has(state.step)) seen.set(state.step, event.at);
        },
      }),
    );
  }
  const connectedBy = performance.now() + 30_000;
  while (phones.some((phone) => phone.events.length === 0) && performance.now() < connectedBy) await sleep(100);
  const connected = phones.filter((phone) => phone.events.length > 0).length;
  if (connected < PHONES) for (let missing = connected; missing < PHONES; missing++) problem("stream not connected within 30 s");
  const rssStart = await rssMb(server.pid);

  const cookies: Array<string | undefined> = new Array(PHONES);
  let sent = 0;
  const voteMs: number[] = [];
  /** Every phone votes once, at a random moment of the window; answered after the window counts as an error. */
  async function poll(poll: "before" | "after") {
    const opened = performance.now();
    await Promise.all(
      phones.map(async (_, phone) => {
        await sleep(Math.random() * (VOTE_WINDOW_MS - 1_000));
        sent += 1;
        const start = performance.now();
        try {
          const response = await post({ intent: "vote", poll, choice: ["yes", "no", "mixed", "unsure"][phone % 4] }, cookies[phone]);
          cookies[phone] ??= response.headers.get("set-cookie")?.split(";")[0];
          if (response.status !== 200) problem(`vote answered ${response.status}: ${(await response.json()).error}`);
          else await response.arrayBuffer();
          voteMs.push(performance.now() - start);
        } catch (error) {
          problem(`vote failed: ${(error as Error).message}`);
        }
        if (performance.now() - opened > VOTE_WINDOW_MS) problem("vote answered after the 5 s window");
      }),
    );
  }

  await poll("before");

  // The host steps 20 times, the last onto the closing screen, where the "after" poll opens.
  const targets = [...Array.from({ length: STEPS - 1 }, (_, index) => index + 2), total];
  const latencies: number[] = [];
  const baseline: number[] = [];
  for (const step of targets) {
    const sentAt = performance.now();
    try {
      const response = await post({ intent: "step", topic, step }, hostCookie);
      if (response.status !== 200) problem(`step answered ${response.status}`);
      await response.arrayBuffer();
      baseline.push(await healthzMs());
    } catch (error) {
      problem(`step failed: ${(error as Error).message}`);
    }
    await sleep(Math.max(0, STEP_EVERY_MS - (performance.now() - sentAt)));
    // Give stragglers up to 5 s before counting a step as lost for them.
    const deadline = performance.now() + 5_000;
    while (arrivals.some((seen) => !seen.has(step)) && performance.now() < deadline) await sleep(20);
    for (const seen of arrivals) {
      const at = seen.get(step);
      if (at === undefined) problem("step never reached a phone");
      else latencies.push(at - sentAt);
    }
  }

  await poll("after");
  // Measured with the streams still open, as at the start.
  const rssEnd = await rssMb(server.pid);

  const results = await (await fetch(`${base}/s/${code}/results.json`, { headers: { Cookie: hostCookie } })).json();
  const recorded: number = results.topics[0].before.total + results.topics[0].after.total;
  const reconnections = phones.reduce((sum, phone) => sum + phone.connections - 1, 0);
  for (let again = 0; again < reconnections; again++) problem("a stream dropped and reconnected");
  phones.forEach((phone) => phone.close());
  return { rssStart, rssEnd, latencies, baseline, voteMs, sent, recorded, participants: results.seminar.participants as number };
}

try {
  console.log(`Seminar bench: ${config.kind}, ${PHONES} phones, ${STEPS} steps, ${ROUNDS} seminars one after another (the first warms the server up), Node ${process.version}, ${os.cpus().length} cores`);
  console.log(`server RSS before any phone connected: ${(await rssMb(server.pid)).toFixed(0)} MB`);
  const rounds = [];
  const settled: Memory[] = [];
  for (const [index, seminar] of seminars.entries()) {
    const round = await runSeminar(seminar);
    rounds.push(round);
    // Once the streams have closed, a full collection leaves what the seminar kept.
    await sleep(2_000);
    settled.push(await serverMemory(server.process, "collect"));
    const growth = ((round.rssEnd - round.rssStart) / round.rssStart) * 100;
    console.log(
      `seminar ${index + 1}${index === 0 ? " (warm-up)" : ""}: RSS ${round.rssStart.toFixed(0)} → ${round.rssEnd.toFixed(0)} MB (${growth.toFixed(1)}%), ` +
        `after a full collection ${mb(settled.at(-1)!.rss)} (JS heap ${mb(settled.at(-1)!.heapUsed)}, outside it ${mb(settled.at(-1)!.external)}); ` +
        `step-to-phone p99 ${percentile(round.latencies, 99).toFixed(0)} ms, votes ${round.sent} sent ${round.recorded} recorded, ${round.participants} participants`,
    );
  }

  const measured = rounds.length > 1 ? rounds.slice(1) : rounds;
  const latencies = measured.flatMap((round) => round.latencies);
  const voteMs = measured.flatMap((round) => round.voteMs);
  const p99 = percentile(latencies, 99);
  const p99Baseline = percentile(measured.flatMap((round) => round.baseline), 99);
  const rssStart = measured[0]!.rssStart;
  const rssEnd = measured.at(-1)!.rssEnd;
  const sent = rounds.reduce((sum, round) => sum + round.sent, 0);
  const recorded = rounds.reduce((sum, round) => sum + round.recorded, 0);
  console.log(`step-to-phone after warm-up: median ${percentile(latencies, 50).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms (target ≤ ${TARGETS.p99Ms} ms); /healthz round trip at the same time: p99 ${p99Baseline.toFixed(1)} ms, ratio ${(p99 / p99Baseline).toFixed(1)}`);
  console.log(`vote round trip after warm-up: median ${percentile(voteMs, 50).toFixed(0)} ms, p99 ${percentile(voteMs, 99).toFixed(0)} ms`);
  for (const [what, count] of problems) console.log(`error ×${count}: ${what}`);
  console.log(`server RSS after warm-up, streams open: ${rssStart.toFixed(0)} → ${rssEnd.toFixed(0)} MB over ${measured.length} seminar(s) (${(((rssEnd - rssStart) / rssStart) * 100).toFixed(1)}%)`);
  const [afterWarmUp, last] = [settled[0]!, settled.at(-1)!];
  console.log(`server RSS after a full collection, end of the warm-up → end of the last seminar: ${mb(afterWarmUp.rss)} → ${mb(last.rss)} (${(((last.rss - afterWarmUp.rss) / afterWarmUp.rss) * 100).toFixed(1)}%; target within ${TARGETS.rssGrowth * 100}%)`);
  console.log(`phones ${PHONES}, p99 step-to-phone ${p99.toFixed(0)} ms, votes ${sent} sent ${recorded} recorded, errors ${errors}`);
} finally {
  await server.stop();
  data?.remove();
}
