/**
 * `npm run bench:seminar`: a lecture hall on one machine. PHONES simulated
 * phones (default 2,000) behave as the phone page does (seminar-phones.ts):
 * each loads the page (its join; with COLD=1, as a browser with an empty
 * cache, its scripts and style sheet too), follows the room's live stream and answers
 * every poll that opens on its screen after a short random delay, through
 * the page's outbox. The host, with the projector and the console following
 * their own streams, starts a seminar, waits for the room to join, steps
 * through the question (20 steps, the last onto the closing screen), waits
 * at each poll for the room's answers, reveals the results and ends the
 * seminar. `ROUNDS` seminars run one after another (default 3); the first
 * warms the server up, and the figures are taken after it.
 *
 * Measured per phone: step on the stream (the host's step POST sent → the
 * event with that step read), step on the screen (→ that event parsed: the
 * page draws from it without loading anything), the vote round trip (POST →
 * 200), whether each vote was acknowledged within 5 s of its poll opening,
 * and every error (a non-2xx answer, a reset, a timeout, a stream that
 * dropped and did not come back, a step that never arrived). Votes sent,
 * acknowledged, and recorded (results.json, as the host). The server's
 * memory after a full collection at the end of each seminar and with every
 * stream open (so, per stream), its file descriptors and its PostgreSQL
 * connections; the bench's own event-loop delay and CPU, the server's CPU,
 * and the load average, since the machine may be shared.
 *
 * Stores: PGlite in a fresh folder by default; PostgreSQL with DATABASE_URL
 * (the bench's seminars stay in it) or STORE=postgres (a throwaway cluster
 * from tests/postgres.ts, fsync on). PROCESSES=2 runs two app processes on
 * one PostgreSQL (DATABASE_URL or a throwaway cluster): the phones split
 * across both, the host on the first.
 *
 * The phones are driven by CLIENTS child processes (default: one per 1,000
 * phones): one Node process holding thousands of connections and parsing
 * every event would fall behind, and its own delay would be counted as the
 * server's. Each phone has its own connections (about two), so the bench
 * needs `ulimit -n` above 2 × PHONES / CLIENTS and each server above
 * 2 × its phones; it says so and stops if the limit is lower.
 *
 * SERVER_PROFILE=folder has each server write a CPU profile there (node
 * --cpu-prof) when it stops, to see where its time goes.
 *
 * Last line (votes and errors over every seminar, latencies after the warm-up):
 *   phones N, p99 step-to-phone MS ms, votes S sent R recorded, errors E, p99 step-on-screen MS ms, p99 vote round trip MS ms
 * Run `npx remix build` (NODE_ENV=production) first.
 */
import { fork, execFileSync, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { seminarContent } from "~/models/present.server";
import { startServer, temporaryDataDir, type RunningServer } from "../e2e/server";
import { postgresDatabase, startCluster, type TestDatabase } from "../postgres";
import { mb, probedServerArgs, serverMemory, type Memory } from "../server-probe";
import { connectSse, type SseClient } from "../sse";
import { clock, type PhonePlan, type PhonesReport, type Progress, type RoundCommand, type ToPhones, type VoteRecord } from "./seminar-protocol";

const PHONES = Number(process.env.PHONES) || 2_000;
const ROUNDS = Math.max(1, Number(process.env.ROUNDS) || 3);
const PROCESSES = Math.max(1, Number(process.env.PROCESSES) || 1);
const CLIENTS = Math.max(1, Number(process.env.CLIENTS) || Math.ceil(PHONES / 1_000));
/** The room joins over this long: everyone scans the code within a few seconds. */
const JOIN_OVER_MS = Number(process.env.JOIN_OVER_MS ?? 5_000);
/**
 * Phones on their first visit, whose browser has none of the page's scripts
 * yet: each also loads the 19 files the page links before its stream opens.
 */
const COLD = process.env.COLD === "1";
const STEPS = 20;
/** The host's pace between steps without a poll. */
const STEP_EVERY_MS = 500;
/** A person answers this long after the poll appears on their screen. */
const VOTE_DELAY_MS: [number, number] = [500, 3_000];
/** The host waits this long at most for the room's answers to a poll, and for a step to reach every phone. */
const POLL_WAIT_MS = 10_000;
const ARRIVAL_WAIT_MS = 5_000;
const TARGETS = { voteWithinMs: 5_000, stepOnScreenP99Ms: 1_000, voteP99Ms: 1_000, rssGrowth: 0.1 };
const STANCES = ["yes", "no", "mixed", "unsure"];

const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
const wantsPostgres = Boolean(databaseUrl) || PROCESSES > 1 || process.env.STORE === "postgres";

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : "–");
const loadAverage = () => os.loadavg().map((value) => value.toFixed(2)).join(" ");

/** The soft limit on open files of this process (inherited by the servers and clients it starts). */
function openFilesLimit(): number {
  const line = readFileSync("/proc/self/limits", "utf8").split("\n").find((entry) => entry.startsWith("Max open files"));
  const soft = line?.split(/\s{2,}/)[1];
  return soft === "unlimited" ? Infinity : Number(soft);
}

/** CPU time (ms) a process has used so far, from /proc. */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** The whole machine's busy and total CPU time, from /proc/stat. */
function machineCpu(): { busy: number; total: number } {
  const [, ...times] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
  const values = times.map(Number);
  const idle = values[3]! + (values[4] ?? 0);
  const total = values.reduce((sum, value) => sum + value, 0);
  return { busy: total - idle, total };
}

const openFiles = (pid: number) => readdirSync(`/proc/${pid}/fd`).length;

/** Connections from process `pid` to PostgreSQL at `port` (ss lists each socket's owner). */
function postgresConnections(pid: number, port: number): number {
  try {
    const listed = execFileSync("ss", ["-Htnp", "state", "established", `( dport = :${port} )`], { encoding: "utf8" });
    return listed.split("\n").filter((line) => line.includes(`pid=${pid},`)).length;
  } catch {
    return NaN;
  }
}

// ---- the store and the servers ----

const needClient = Math.ceil((2 * PHONES) / CLIENTS) + 200;
const needServer = Math.ceil((2 * PHONES) / PROCESSES) + 300;
if (openFilesLimit() < Math.max(needClient, needServer)) {
  console.error(
    `The bench needs more open files than \`ulimit -n\` allows (${openFilesLimit()}): each phone holds about two connections, so ` +
      `${PHONES} phones need about ${needServer} in each server and ${needClient} in each of the ${CLIENTS} client processes. ` +
      `Raise it in the shell first, e.g. \`ulimit -n 65536\` (up to the hard limit, \`ulimit -Hn\`; /etc/security/limits.conf to raise that).`,
  );
  process.exit(1);
}

const content = seminarContent();
const topic = content.order[0]!;
const steps = content.topics.get(topic)!.steps;
const total = steps.length;
/** The host's steps: the first 19, then the closing screen, where the "after" poll opens (and "moved" for those whose answer changed). */
const script = [...Array.from({ length: STEPS - 1 }, (_, index) => index + 2), total];
/** The viewpoint screens the host shows: each phone names one of them as the strongest case. */
const viewpointSteps = [1, ...script].filter((step) => steps[step - 1]?.kind === "viewpoint");

let data: { dir: string; remove: () => void } | undefined;
let database: TestDatabase | undefined;
let url = databaseUrl;
if (wantsPostgres && !url) {
  // Fsync on: a vote is acknowledged once it is durable, and the figures should say what that costs.
  database = process.env.TEST_DATABASE_URL ? await postgresDatabase() : await throwawayDatabase();
  url = database.url;
} else if (!wantsPostgres) data = temporaryDataDir();

async function throwawayDatabase(): Promise<TestDatabase> {
  const cluster = await startCluster({ durable: true });
  return cluster;
}

const servers: RunningServer[] = [];
const phoneProcesses: ChildProcess[] = [];
const hostStreams: SseClient[] = [];

async function cleanUp() {
  for (const stream of hostStreams) stream.close();
  await Promise.all(
    phoneProcesses.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      if (child.connected) child.send({ type: "exit" } satisfies ToPhones);
      const forced = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(forced);
    }),
  );
  await Promise.all(servers.map((server) => server.stop()));
  await database?.stop();
  data?.remove();
}

try {
  for (let index = 0; index < PROCESSES; index++) {
    // SERVER_PROFILE=folder: each server writes a CPU profile there when it stops (node --cpu-prof).
    const profile = process.env.SERVER_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.SERVER_PROFILE}`] : [];
    servers.push(await startServer(url ? { DATABASE_URL: url } : { COUNTERPOINT_DATA: data!.dir }, { ...probedServerArgs, nodeArgs: [...profile, ...probedServerArgs.nodeArgs] }));
  }
  const postgresPort = url ? Number(new URL(url).port || 5432) : undefined;
  const host = servers[0]!.baseUrl;

  // ---- the phones' processes ----

  const progress = new Map<ChildProcess, Progress>();
  const reports = new Map<ChildProcess, PhonesReport>();
  let reportsWanted: (() => void) | undefined;
  for (let index = 0; index < CLIENTS; index++) {
    const child = fork(fileURLToPath(new URL("./seminar-phones.ts", import.meta.url)), { stdio: "inherit" });
    child.on("message", (message: Progress | PhonesReport) => {
      if (message.type === "progress") progress.set(child, message);
      else {
        reports.set(child, message);
        if (reports.size === phoneProcesses.length) reportsWanted?.();
      }
    });
    child.on("exit", (code) => {
      if (code) console.error(`a phones process exited with ${code}`);
    });
    phoneProcesses.push(child);
  }
  const sum = (read: (entry: Progress) => number) => [...progress.values()].reduce((count, entry) => count + read(entry), 0);
  async function until(test: () => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = clock() + timeoutMs;
    while (!test()) {
      if (clock() > deadline) return false;
      await sleep(20);
    }
    return true;
  }

  // ---- one seminar ----

  const plans: PhonePlan[] = Array.from({ length: PHONES }, (_, id) => {
    const before = STANCES[id % 4]!;
    // A quarter of the room changes its answer: the "moved" poll then asks them why.
    const after = id % 8 < 2 ? STANCES[(id + 1) % 4]! : before;
    return { id, base: servers[id % PROCESSES]!.baseUrl, before, after, strongestAt: id % Math.max(1, viewpointSteps.length), joinAt: 0, cold: COLD };
  });
  const movers = plans.filter((plan) => plan.before !== plan.after).length;

  interface Round {
    latencies: { stream: number[]; screen: number[]; reveal: number[]; end: number[] };
    votes: VoteRecord[];
    voteMs: number[];
    openedAt: Map<string, number>;
    sent: number;
    acknowledged: number;
    recorded: number;
    late: number;
    problems: Map<string, number>;
    reports: PhonesReport[];
    streamMemory: Memory[];
    streamFds: number[];
    postgres: number[];
    hostCpuMs: number;
    serverCpuMs: number[];
    joinMs: number;
    joinCpuMs: number[];
    machineBusy: number;
    wallMs: number;
    load: [string, string];
    participants: number;
  }

  async function runSeminar(index: number): Promise<Round> {
    const problems = new Map<string, number>();
    const problem = (what: string, count = 1) => count > 0 && problems.set(what, (problems.get(what) ?? 0) + count);
    const load: [string, string] = [loadAverage(), ""];
    const hostCpu = process.cpuUsage();
    const serverCpu = servers.map((server) => processCpuMs(server.pid));
    const machine = machineCpu();
    const started = clock();

    // The host starts the seminar from /seminar, as the start form does.
    const created = await fetch(`${host}/seminar`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: host, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ topic }),
    });
    const code = created.headers.get("location")?.split("/")[2];
    const hostCookie = created.headers.get("set-cookie")?.split(";")[0];
    if (created.status !== 303 || !code || !hostCookie) throw new Error(`Could not start a seminar: ${created.status} ${await created.text()}`);
    const act = async (fields: Record<string, string>) => {
      try {
        const response = await fetch(`${host}/s/${code}/actions`, {
          method: "POST",
          headers: { Origin: host, "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json", Cookie: hostCookie },
          body: new URLSearchParams(fields),
        });
        if (response.status !== 200) problem(`host's ${fields.intent} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
        else await response.arrayBuffer();
      } catch (error) {
        problem(`host's ${fields.intent} failed: ${(error as Error).message}`);
      }
    };
    // The projector and the console follow their own streams (they get every tally).
    for (const audience of ["screen", "host"]) hostStreams.push(connectSse(`${host}/s/${code}/events?as=${audience}`, { headers: { Cookie: hostCookie } }));

    // The room joins.
    progress.clear();
    reports.clear();
    phoneProcesses.forEach((child, clientIndex) => {
      const phones = plans.filter((plan) => plan.id % CLIENTS === clientIndex).map((plan) => ({ ...plan, joinAt: Math.random() * JOIN_OVER_MS }));
      child.send({ type: "round", round: index, code, phones, voteDelayMs: VOTE_DELAY_MS } satisfies RoundCommand);
    });
    if (!(await until(() => sum((entry) => entry.connected) >= PHONES, JOIN_OVER_MS + 60_000))) problem("phones not connected within 60 s of joining", PHONES - sum((entry) => entry.connected));
    const joinMs = clock() - started;
    const joinCpuMs = servers.map((server, at) => processCpuMs(server.pid) - serverCpu[at]!);

    // The server with every stream open: what a stream costs.
    const streamMemory = await Promise.all(servers.map((server) => serverMemory(server.process, "collect")));
    const streamFds = servers.map((server) => openFiles(server.pid));
    const postgres = servers.map((server) => (postgresPort ? postgresConnections(server.pid, postgresPort) : NaN));

    const openedAt = new Map<string, number>();
    const allSeen = (key: string) => () => sum((entry) => entry.seen[key] ?? 0) >= PHONES;
    const acked = (poll: string) => sum((entry) => entry.acked[poll] ?? 0);
    // The "before" poll is open from the start: the host waits for the room's answers.
    await until(() => acked("before") >= PHONES, POLL_WAIT_MS);
    let viewpointsShown = 0;
    for (const step of script) {
      const sentAt = clock();
      openedAt.set(`step:${step}`, sentAt);
      await act({ intent: "step", topic, step: String(step) });
      await until(allSeen(`step:${step}`), ARRIVAL_WAIT_MS);
      if (steps[step - 1]?.kind === "viewpoint") {
        viewpointsShown += 1;
        const expected = plans.filter((plan) => plan.strongestAt < viewpointsShown).length;
        await until(() => acked("strongest") >= expected, POLL_WAIT_MS);
      } else if (step === total) {
        await until(() => acked("after") >= PHONES && acked("moved") >= movers, POLL_WAIT_MS);
      }
      await sleep(Math.max(0, STEP_EVERY_MS - (clock() - sentAt)));
    }
    openedAt.set("revealed", clock());
    await act({ intent: "reveal" });
    await until(allSeen("revealed"), ARRIVAL_WAIT_MS);
    openedAt.set("ended", clock());
    await act({ intent: "end" });
    await until(allSeen("ended"), ARRIVAL_WAIT_MS);

    const exported = (await (await fetch(`${host}/s/${code}/results.json`, { headers: { Cookie: hostCookie } })).json()) as {
      seminar: { participants: number };
      topics: Array<{ before: { total: number }; after: { total: number }; strongest: { total: number }; moved: Record<string, number> }>;
    };
    const results = exported.topics[0]!;
    const recorded = results.before.total + results.after.total + results.strongest.total + Object.values(results.moved).reduce((count, votes) => count + votes, 0);

    // The phones are put away; each process says what it saw.
    const reported = new Promise<void>((resolve) => (reportsWanted = resolve));
    for (const child of phoneProcesses) child.send({ type: "finish" } satisfies ToPhones);
    await reported;
    for (const stream of hostStreams.splice(0)) stream.close();
    const wallMs = clock() - started;
    const machineAfter = machineCpu();
    load[1] = loadAverage();

    const phoneReports = [...reports.values()];
    const latencies: Round["latencies"] = { stream: [], screen: [], reveal: [], end: [] };
    for (const [key, sentAt] of openedAt) {
      const arrivals = phoneReports.flatMap((report) => report.arrivals[key] ?? []);
      problem(`${key.startsWith("step") ? "a step" : `"${key}"`} never reached a phone`, PHONES - arrivals.length);
      for (const [, read, parsed] of arrivals) {
        if (key.startsWith("step:")) {
          latencies.stream.push(read - sentAt);
          latencies.screen.push(parsed - sentAt);
        } else (key === "revealed" ? latencies.reveal : latencies.end).push(parsed - sentAt);
      }
    }
    const votes = phoneReports.flatMap((report) => report.votes);
    let late = 0;
    for (const vote of votes) {
      // A poll opens when the host's step is sent; "before" is open on arrival, "moved" once the phone's answer changed.
      const opened = vote.poll === "moved" ? vote.shownAt : (openedAt.get(`step:${vote.step}`) ?? vote.shownAt);
      vote.late = vote.ackAt === null || vote.ackAt - opened > TARGETS.voteWithinMs;
      if (vote.late) late += 1;
      if (vote.outcome === "closed") problem(`a ${vote.poll} poll closed before the phone answered`);
      if (vote.outcome === "unsent") problem(`a ${vote.poll} vote was never acknowledged`);
    }
    for (const report of phoneReports) for (const [what, count] of Object.entries(report.problems)) problem(what, count);
    problem("a stream dropped and did not come back", phoneReports.reduce((count, report) => count + report.unrecovered, 0));
    const cpu = process.cpuUsage(hostCpu);
    return {
      latencies,
      votes,
      voteMs: votes.filter((vote) => vote.ackAt !== null).map((vote) => vote.ackAt! - vote.sentAt),
      openedAt,
      sent: votes.filter((vote) => vote.attempts > 0).length,
      acknowledged: votes.filter((vote) => vote.ackAt !== null).length,
      recorded,
      late,
      problems,
      reports: phoneReports,
      streamMemory,
      streamFds,
      postgres,
      hostCpuMs: (cpu.user + cpu.system) / 1000,
      serverCpuMs: servers.map((server, at) => processCpuMs(server.pid) - serverCpu[at]!),
      joinMs,
      joinCpuMs,
      machineBusy: (machineAfter.busy - machine.busy) / (machineAfter.total - machine.total),
      wallMs,
      load,
      participants: exported.seminar.participants,
    };
  }

  // ---- the run ----

  const store = url ? `PostgreSQL${database ? " (throwaway cluster, fsync on)" : ""}` : "PGlite";
  console.log(
    `Seminar bench: ${store}, ${PROCESSES} app process(es), ${PHONES} phones in ${CLIENTS} client process(es), joining over ${JOIN_OVER_MS / 1000} s${COLD ? " on their first visit (scripts and style sheets not cached)" : ""}; ` +
      `"${topic}", ${STEPS} steps; ${ROUNDS} seminars one after another (the first warms up); Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ` +
      `ulimit -n ${openFilesLimit()}; load average ${loadAverage()}`,
  );
  const initial = await Promise.all(servers.map((server) => serverMemory(server.process, "collect")));
  console.log(`server memory before any phone, after a full collection: ${initial.map((memory) => `RSS ${mb(memory.rss)}, JS heap ${mb(memory.heapUsed)}`).join("; ")}`);
  const rounds: Round[] = [];
  const settled: Memory[][] = [];
  for (let index = 0; index < ROUNDS; index++) {
    const round = await runSeminar(index);
    rounds.push(round);
    // Once the streams have closed, a full collection leaves what the seminar kept.
    await sleep(2_000);
    settled.push(await Promise.all(servers.map((server) => serverMemory(server.process, "collect"))));
    const before = settled.at(-2) ?? initial;
    const clientCpu = round.reports.reduce((ms, report) => ms + report.cpuMs, 0);
    const loop = round.reports.map((report) => report.loopDelay);
    const errors = [...round.problems.values()].reduce((count, value) => count + value, 0);
    console.log(
      `seminar ${index + 1}${index === 0 ? " (warm-up)" : ""}, ${(round.wallMs / 1000).toFixed(0)} s, load average ${round.load[0]} → ${round.load[1]}, machine CPU busy ${(round.machineBusy * 100).toFixed(0)}%:\n` +
        `  step on the stream p50 ${fixed(percentile(round.latencies.stream, 50))} / p99 ${fixed(percentile(round.latencies.stream, 99))} ms, on the screen p99 ${fixed(percentile(round.latencies.screen, 99))} ms, ` +
        `results revealed on the screen p99 ${fixed(percentile(round.latencies.reveal, 99))} ms, end p99 ${fixed(percentile(round.latencies.end, 99))} ms\n` +
        `  vote round trip p50 ${fixed(percentile(round.voteMs, 50))} / p99 ${fixed(percentile(round.voteMs, 99))} ms; votes ${round.sent} sent, ${round.acknowledged} acknowledged, ${round.recorded} recorded, ` +
        `${round.votes.length - round.late} of ${round.votes.length} within 5 s of their poll opening; ${round.participants} participants; errors ${errors}; streams reconnected ${round.reports.reduce((count, report) => count + report.reconnections, 0)}\n` +
        `  by poll: ${[...new Set(round.votes.map((vote) => vote.poll))]
          .map((poll) => {
            const ofPoll = round.votes.filter((vote) => vote.poll === poll);
            const times = ofPoll.filter((vote) => vote.ackAt !== null).map((vote) => vote.ackAt! - vote.sentAt);
            const late = ofPoll.filter((vote) => vote.late).length;
            return `${poll} ${ofPoll.length} (round trip p50 ${fixed(percentile(times, 50))} / p99 ${fixed(percentile(times, 99))} ms, ${late} late, ${ofPoll.filter((vote) => vote.attempts > 1).length} sent again)`;
          })
          .join("; ")}\n` +
        `  page${COLD ? " and its scripts and style sheets" : ""} loaded p99 ${fixed(percentile(round.reports.flatMap((report) => report.pageMs), 99))} ms, stream's first view p99 ${fixed(percentile(round.reports.flatMap((report) => report.streamMs), 99))} ms\n` +
        servers
          .map((server, at) => {
            const streams = Math.ceil(PHONES / PROCESSES);
            const memory = round.streamMemory[at]!;
            const base = before[at]!;
            return (
              `  server ${at + 1}: CPU ${((round.serverCpuMs[at]! / round.wallMs) * 100).toFixed(0)}% of a core ` +
              `(joining, ${(round.joinMs / 1000).toFixed(0)} s: ${fixed(round.joinCpuMs[at]! / Math.ceil(PHONES / PROCESSES), 1)} ms a phone; ` +
              `then ${fixed((round.serverCpuMs[at]! - round.joinCpuMs[at]!) / 1000, 1)} s for the steps and votes); with ${streams} phone streams open: ${round.streamFds[at]} open files, ` +
              `${Number.isNaN(round.postgres[at]!) ? "" : `${round.postgres[at]} PostgreSQL connections, `}RSS ${mb(memory.rss)} (JS heap ${mb(memory.heapUsed)}), ` +
              `${(((memory.rss - base.rss) / streams) / 1024).toFixed(0)} KB RSS and ${(((memory.heapUsed - base.heapUsed) / streams) / 1024).toFixed(0)} KB of heap per stream; ` +
              `after the seminar, after a full collection: RSS ${mb(settled.at(-1)![at]!.rss)} (JS heap ${mb(settled.at(-1)![at]!.heapUsed)}, outside it ${mb(settled.at(-1)![at]!.external)})`
            );
          })
          .join("\n") +
        `\n  bench: client processes CPU ${((clientCpu / round.wallMs) * 100).toFixed(0)}% of a core in all, event-loop delay p99 ${loop.map((delay) => fixed(delay.p99)).join("/")} ms (max ${loop.map((delay) => fixed(delay.max)).join("/")}); ` +
        `JSON.parse of a view p99 ${fixed(percentile(round.reports.flatMap((report) => report.parseMs), 99), 2)} ms; ${round.reports.reduce((count, report) => count + report.eventsRead, 0)} events, ` +
        `${(round.reports.reduce((bytes, report) => bytes + report.bytesRead, 0) / 1024 / 1024).toFixed(0)} MB read; host process CPU ${((round.hostCpuMs / round.wallMs) * 100).toFixed(0)}%`,
    );
    for (const [what, count] of round.problems) console.log(`  error ×${count}: ${what}`);
  }

  const measured = rounds.length > 1 ? rounds.slice(1) : rounds;
  const stream = measured.flatMap((round) => round.latencies.stream);
  const screen = measured.flatMap((round) => round.latencies.screen);
  const voteMs = measured.flatMap((round) => round.voteMs);
  const late = measured.reduce((count, round) => count + round.late, 0);
  const measuredVotes = measured.reduce((count, round) => count + round.votes.length, 0);
  const sent = rounds.reduce((count, round) => count + round.sent, 0);
  const acknowledged = rounds.reduce((count, round) => count + round.acknowledged, 0);
  const recorded = rounds.reduce((count, round) => count + round.recorded, 0);
  const errors = rounds.reduce((count, round) => count + [...round.problems.values()].reduce((sum, value) => sum + value, 0), 0);
  const growth = servers.map((_, at) => (settled.at(-1)![at]!.rss - settled[0]![at]!.rss) / settled[0]![at]!.rss);
  const p99 = { stream: percentile(stream, 99), screen: percentile(screen, 99), vote: percentile(voteMs, 99) };
  console.log(
    `after the warm-up: step on the stream p50 ${fixed(percentile(stream, 50))} / p99 ${fixed(p99.stream)} ms; on the screen p50 ${fixed(percentile(screen, 50))} / p99 ${fixed(p99.screen)} ms (target ≤ ${TARGETS.stepOnScreenP99Ms}); ` +
      `vote round trip p50 ${fixed(percentile(voteMs, 50))} / p99 ${fixed(p99.vote)} ms (target ≤ ${TARGETS.voteP99Ms}); ${measuredVotes - late} of ${measuredVotes} votes acknowledged within 5 s of their poll opening`,
  );
  console.log(
    `server RSS after a full collection, end of the warm-up → end of the last seminar: ${servers
      .map((_, at) => `${mb(settled[0]![at]!.rss)} → ${mb(settled.at(-1)![at]!.rss)} (${(growth[at]! * 100).toFixed(1)}%)`)
      .join("; ")} (target: grows at most ${TARGETS.rssGrowth * 100}%; RSS that falls is memory given back, not a leak)`,
  );
  const missed = [
    late > 0 && `${late} votes not acknowledged within 5 s`,
    !(p99.screen <= TARGETS.stepOnScreenP99Ms) && "step on the screen p99",
    !(p99.vote <= TARGETS.voteP99Ms) && "vote round trip p99",
    !(sent === acknowledged && acknowledged === recorded) && "votes sent = acknowledged = recorded",
    errors > 0 && "0 errors",
    growth.some((value) => value > TARGETS.rssGrowth) && "memory flat",
  ].filter(Boolean);
  console.log(missed.length === 0 ? "every target met" : `targets missed: ${missed.join("; ")}`);
  console.log(`votes ${sent} sent, ${acknowledged} acknowledged, ${recorded} recorded over ${rounds.length} seminars; load average now ${loadAverage()}`);
  console.log(
    `phones ${PHONES}, p99 step-to-phone ${fixed(p99.stream)} ms, votes ${sent} sent ${recorded} recorded, errors ${errors}, p99 step-on-screen ${fixed(p99.screen)} ms, p99 vote round trip ${fixed(p99.vote)} ms`,
  );
} finally {
  await cleanUp();
}
if (process.env.BENCH_DEBUG) console.log("still open:", process.getActiveResourcesInfo().join(", "));
// Nothing of the bench's is left running: the servers, the clients and the cluster have stopped.
process.exit(process.exitCode ?? 0);
