/**
 * One of the seminar bench's client processes (tests/bench/seminar.ts forks
 * them): it drives its share of the phones the way the phone page does, on
 * node:http, each phone with its own connections (an http.Agent per phone, as
 * a browser has its own connection pool):
 *
 * - it loads the page, GET /s/CODE, as a browser asks for a document, and
 *   keeps the participant cookie the answer sets; on a first visit (`cold`),
 *   as a browser with an empty cache does, the scripts and style sheets the
 *   document links too, six at a time, before the page's script opens the
 *   stream;
 * - it follows the room's live stream, GET /s/CODE/events, as EventSource
 *   does: `retry:` honoured, and after a drop it reconnects with
 *   Last-Event-ID; it draws each newer view (by roomVersion) from the event
 *   alone, without reloading anything: the step is "on the screen" once the
 *   event is read and parsed;
 * - for each poll that opens on its screen (the polls of the view, `moved`
 *   only once its before and after answers differ), it answers after a short
 *   random delay, as a person does, through the page's outbox: a form post
 *   to /s/CODE/actions with Accept: application/json, its cookie and its
 *   origin; a lost answer (network error, timeout after 10 s, 408, 429, 5xx)
 *   is sent again after 1, 2, 4… s (Retry-After when given), a refused one
 *   (another 4xx) is not.
 *
 * Times are read from the monotonic clock (process.hrtime), the same in
 * every process on the machine, so that the bench compares them with the
 * moment its host sent a step. The process reports its own event-loop delay
 * and CPU time, to show whether the client kept up.
 */
import http from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { parseSseBlock } from "../sse";
import { clock, type PhonePlan, type PhonesReport, type Progress, type RoundCommand, type ToPhones, type VoteRecord } from "./seminar-protocol";

const VOTE_TIMEOUT_MS = 10_000;
const MAX_RETRY_WAIT_MS = 15_000;
const PAGE_TIMEOUT_MS = 30_000;
/** The scripts and style sheets a document links, which a browser fetches before the page runs. */
const LINKED = /<(?:script[^>]*\ssrc|link[^>]*\shref)="(\/build\/[^"]+)"/g;
const USER_AGENT = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

interface RoomView {
  step: number;
  roomVersion: number;
  ended: boolean;
  reopenableUntil: string | null;
  revealed: boolean;
  results: unknown;
  screen: { screen: { kind: string } };
  polls: Array<{ kind: string; options: Array<{ value: string }>; forChangedAnswers: boolean }>;
}

let round: RoundCommand | undefined;
let phones: Phone[] = [];
let report: Omit<PhonesReport, "type" | "loopDelay" | "cpuMs" | "wallMs">;
const acked: Record<string, number> = {};
const seen: Record<string, number> = {};
let joined = 0;
let connected = 0;
let progressDirty = false;
const loop = monitorEventLoopDelay({ resolution: 10 });
let cpuStart = process.cpuUsage();
let wallStart = clock();

function problem(what: string) {
  report.problems[what] = (report.problems[what] ?? 0) + 1;
}

function freshReport(): typeof report {
  return { arrivals: {}, votes: [], pageMs: [], streamMs: [], problems: {}, reconnections: 0, unrecovered: 0, eventsRead: 0, bytesRead: 0, parseMs: [] };
}

/** A body as the text it carries, in any coding the phone accepts. */
function decoded(body: Buffer, coding: string | undefined): string {
  if (coding === "gzip") return gunzipSync(body).toString("utf8");
  if (coding === "deflate") return inflateSync(body).toString("utf8");
  if (coding === "br") return brotliDecompressSync(body).toString("utf8");
  return body.toString("utf8");
}

const randomBetween = ([min, max]: [number, number]) => min + Math.random() * (max - min);

class Phone {
  readonly agent = new http.Agent({ keepAlive: true, maxSockets: 6 });
  cookie: string | undefined;
  lastEventId: string | undefined;
  retryMs = 1000;
  shown = -1;
  view: RoomView | undefined;
  stream: http.ClientRequest | undefined;
  streamOpen = false;
  /** Closed by the bench (the person put the phone away) or by the seminar's end for good. */
  done = false;
  firstView = false;
  /** Polls it answered or is about to: one answer each. */
  readonly answering = new Set<string>();
  readonly mine: Record<string, string> = {};
  readonly viewpointScreens = new Set<number>();
  readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    readonly plan: PhonePlan,
    readonly code: string,
  ) {}

  later(ms: number, work: () => void) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      work();
    }, ms);
    this.timers.add(timer);
  }

  /** GET /s/CODE as a browser asks for a document; the answer sets the participant cookie. */
  loadPage() {
    const start = clock();
    const request = http.get(
      `${this.plan.base}/s/${this.code}`,
      {
        agent: this.agent,
        headers: {
          Accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
          "Accept-Encoding": "gzip, deflate, br",
          "Accept-Language": "en-GB,en;q=0.9",
          "User-Agent": USER_AGENT,
          ...(this.cookie ? { Cookie: this.cookie } : {}),
        },
      },
      (response) => {
        const setCookie = response.headers["set-cookie"]?.find((cookie) => cookie.startsWith("cp_participant="));
        if (setCookie) this.cookie = setCookie.split(";")[0];
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          clearTimeout(timeout);
          if (response.statusCode !== 200) {
            problem(`page answered ${response.statusCode}`);
            // A person reloads.
            if (!this.done) this.later(2_000, () => this.loadPage());
            return;
          }
          const linked = this.plan.cold ? [...new Set(Array.from(decoded(Buffer.concat(chunks), response.headers["content-encoding"]).matchAll(LINKED), (match) => match[1]!))] : [];
          // The stream opens once this connection is back in the pool, and takes it, as a browser's pool does: a vote then needs a connection of its own.
          void this.loadLinked(linked).then((failure) => {
            if (failure) {
              problem(failure);
              if (!this.done) this.later(2_000, () => this.loadPage());
              return;
            }
            report.pageMs.push(clock() - start);
            joined += 1;
            progressDirty = true;
            this.openStream();
          });
        });
        response.on("error", () => {});
      },
    );
    const timeout = setTimeout(() => request.destroy(new Error("timed out")), PAGE_TIMEOUT_MS);
    request.on("error", (error) => {
      clearTimeout(timeout);
      problem(`page failed: ${error.message}`);
      if (!this.done) this.later(2_000, () => this.loadPage());
    });
  }

  /** Fetches the files over the phone's connections (six at most, as a browser per host); what went wrong, if anything. */
  async loadLinked(files: string[]): Promise<string | undefined> {
    if (this.plan.cold && files.length === 0) return "page links no script";
    const outcomes = await Promise.all(
      files.map(
        (file) =>
          new Promise<string | undefined>((resolve) => {
            const request = http.get(`${this.plan.base}${file}`, { agent: this.agent, headers: { "Accept-Encoding": "gzip, deflate, br", "User-Agent": USER_AGENT } }, (response) => {
              response.resume();
              response.on("end", () => {
                clearTimeout(timeout);
                resolve(response.statusCode === 200 ? undefined : `script or style sheet answered ${response.statusCode}`);
              });
            });
            const timeout = setTimeout(() => request.destroy(new Error("timed out")), PAGE_TIMEOUT_MS);
            request.on("error", (error) => {
              clearTimeout(timeout);
              resolve(`script or style sheet failed: ${error.message}`);
            });
          }),
      ),
    );
    return outcomes.find((outcome) => outcome !== undefined);
  }

  /** The room's stream, as EventSource follows it. */
  openStream() {
    if (this.done) return;
    const start = clock();
    let buffer = "";
    let opened = false;
    let over = false;
    const ended = () => {
      if (over) return;
      over = true;
      this.dropped(opened);
    };
    const request = http.get(
      `${this.plan.base}/s/${this.code}/events`,
      {
        agent: this.agent,
        headers: {
          Accept: "text/event-stream",
          "Cache-Control": "no-cache",
          "User-Agent": USER_AGENT,
          ...(this.cookie ? { Cookie: this.cookie } : {}),
          ...(this.lastEventId ? { "Last-Event-ID": this.lastEventId } : {}),
        },
      },
      (response) => {
        if (response.statusCode !== 200) {
          problem(`stream answered ${response.statusCode}`);
          response.resume();
          response.on("close", ended);
          return;
        }
        opened = true;
        this.streamOpen = true;
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          const read = clock();
          report.bytesRead += chunk.length;
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            this.dispatch(block, read, start);
          }
        });
        response.on("error", () => {});
        response.on("close", ended);
      },
    );
    this.stream = request;
    request.on("error", (error) => {
      if (!this.done && !opened) problem(`stream failed: ${error.message}`);
    });
    request.on("close", () => {
      if (!opened) ended();
    });
  }

  dropped(wasOpen: boolean) {
    this.streamOpen = false;
    this.stream = undefined;
    if (this.done) return;
    if (this.view?.ended && !this.view.reopenableUntil) {
      this.done = true;
      return;
    }
    if (wasOpen) report.reconnections += 1;
    this.later(this.retryMs, () => this.openStream());
  }

  dispatch(block: string, read: number, streamStart: number) {
    const { event, id, data, retry } = parseSseBlock(block);
    if (id !== undefined) this.lastEventId = id;
    if (retry !== undefined) this.retryMs = retry;
    if (data === undefined || event !== "state") return;
    report.eventsRead += 1;
    const view = JSON.parse(data) as RoomView;
    const parsed = clock();
    report.parseMs.push(parsed - read);
    if (!this.firstView) {
      this.firstView = true;
      connected += 1;
      progressDirty = true;
      report.streamMs.push(read - streamStart);
    }
    if (view.roomVersion <= this.shown) return;
    this.shown = view.roomVersion;
    const previous = this.view;
    this.view = view;
    const mark = (key: string) => {
      (report.arrivals[key] ??= []).push([this.plan.id, read, parsed]);
      seen[key] = (seen[key] ?? 0) + 1;
      progressDirty = true;
    };
    if (previous?.step !== view.step) mark(`step:${view.step}`);
    if (view.results && !previous?.results) mark("revealed");
    if (view.ended && !previous?.ended) mark("ended");
    if (view.ended) return;
    if (view.screen.screen.kind === "viewpoint" && !this.viewpointScreens.has(view.step) && previous?.step !== view.step) {
      this.viewpointScreens.add(view.step);
    }
    this.answerPolls(parsed);
  }

  /** The polls on screen now that this person will answer, as the page shows them. */
  answerPolls(shownAt: number) {
    const view = this.view!;
    const changed = Boolean(this.mine.before && this.mine.after && this.mine.before !== this.mine.after);
    for (const poll of view.polls) {
      if (poll.forChangedAnswers && !changed) continue;
      if (this.answering.has(poll.kind)) continue;
      let choice: string | undefined;
      if (poll.kind === "before") choice = this.plan.before;
      else if (poll.kind === "after") choice = this.plan.after;
      else if (poll.kind === "strongest") {
        // On the first screen of the viewpoint it chose, not on its evidence screens.
        if (view.screen.screen.kind !== "viewpoint" || this.viewpointScreens.size - 1 !== this.plan.strongestAt) continue;
        choice = poll.options[0]?.value;
      } else choice = poll.options[this.plan.id % poll.options.length]?.value;
      if (!choice) continue;
      this.answering.add(poll.kind);
      const record: VoteRecord = { phone: this.plan.id, poll: poll.kind, step: view.step, shownAt, firstSentAt: 0, sentAt: 0, ackAt: null, attempts: 0, outcome: "unsent" };
      report.votes.push(record);
      const delay = randomBetween(poll.kind === "moved" ? [round!.voteDelayMs[0], round!.voteDelayMs[1] / 2] : round!.voteDelayMs);
      this.later(delay, () => {
        // The person looks again: is the poll still on the screen?
        const now = this.view!;
        if (now.step !== view.step || !now.polls.some((open) => open.kind === poll.kind) || now.ended) {
          record.outcome = "closed";
          return;
        }
        this.vote(record, choice!);
      });
    }
  }

  /** The outbox's post: a form, answered in JSON. */
  vote(record: VoteRecord, choice: string) {
    if (this.done) return;
    const body = new URLSearchParams({ intent: "vote", poll: record.poll, choice }).toString();
    record.attempts += 1;
    record.sentAt = clock();
    if (record.attempts === 1) record.firstSentAt = record.sentAt;
    let settled = false;
    const retry = (why: string, waitMs?: number) => {
      if (settled) return;
      settled = true;
      problem(why);
      const wait = waitMs ?? Math.min(1000 * 2 ** (record.attempts - 1), MAX_RETRY_WAIT_MS);
      this.later(wait, () => this.vote(record, choice));
    };
    const request = http.request(
      `${this.plan.base}/s/${this.code}/actions`,
      {
        method: "POST",
        agent: this.agent,
        headers: {
          Origin: this.plan.base,
          "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
          "Content-Length": Buffer.byteLength(body),
          Accept: "application/json",
          "User-Agent": USER_AGENT,
          ...(this.cookie ? { Cookie: this.cookie } : {}),
        },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("error", () => {});
        response.on("end", () => {
          clearTimeout(timeout);
          if (settled) return;
          const status = response.statusCode ?? 0;
          if (status === 200) {
            settled = true;
            record.ackAt = clock();
            record.outcome = "acknowledged";
            this.mine[record.poll] = choice;
            acked[record.poll] = (acked[record.poll] ?? 0) + 1;
            progressDirty = true;
            // The page shows the polls anew with the answer delivered: `moved` appears once before and after differ.
            if (this.view && !this.view.ended) this.answerPolls(record.ackAt);
            return;
          }
          let message = "";
          try {
            message = (JSON.parse(text) as { error?: string }).error ?? "";
          } catch {
            message = text.slice(0, 80);
          }
          if (status === 408 || status === 429 || status >= 500) {
            retry(`vote answered ${status}: ${message}`, Number(response.headers["retry-after"]) * 1000 || undefined);
            return;
          }
          settled = true;
          record.outcome = "refused";
          problem(`vote answered ${status}: ${message}`);
        });
      },
    );
    const timeout = setTimeout(() => {
      retry("vote timed out (10 s)");
      request.destroy();
    }, VOTE_TIMEOUT_MS);
    request.on("error", (error) => {
      clearTimeout(timeout);
      retry(`vote failed: ${error.message}`);
    });
    request.end(body);
  }

  close() {
    this.done = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.stream?.destroy();
    this.agent.destroy();
  }
}

function startRound(command: RoundCommand) {
  round = command;
  report = freshReport();
  for (const key of Object.keys(acked)) delete acked[key];
  for (const key of Object.keys(seen)) delete seen[key];
  joined = 0;
  connected = 0;
  loop.reset();
  loop.enable();
  cpuStart = process.cpuUsage();
  wallStart = clock();
  phones = command.phones.map((plan) => new Phone(plan, command.code));
  for (const phone of phones) setTimeout(() => phone.loadPage(), phone.plan.joinAt);
}

function finishRound() {
  for (const phone of phones) {
    // A stream that is not open when the seminar is over, and was not ended by it, never came back.
    if (!phone.done && !phone.streamOpen) report.unrecovered += 1;
    // Votes still unanswered count as such.
    phone.close();
  }
  phones = [];
  loop.disable();
  const cpu = process.cpuUsage(cpuStart);
  const ms = (nanoseconds: number) => nanoseconds / 1e6;
  const message: PhonesReport = {
    type: "report",
    ...report,
    loopDelay: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) },
    cpuMs: (cpu.user + cpu.system) / 1000,
    wallMs: clock() - wallStart,
  };
  process.send!(message);
}

const progress = setInterval(() => {
  if (!progressDirty || !round) return;
  progressDirty = false;
  const message: Progress = { type: "progress", joined, connected, acked: { ...acked }, seen: { ...seen } };
  process.send!(message);
}, 100);

process.on("message", (command: ToPhones) => {
  if (command.type === "round") startRound(command);
  else if (command.type === "finish") finishRound();
  else process.exit(0);
});
