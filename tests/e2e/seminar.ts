/** Steps the seminar tests share: start a seminar as a host, join it as a phone, answer, check a screen. */
import { connect, createServer, type AddressInfo, type Socket } from "node:net";
import type { BrowserContextOptions, Locator, Page } from "playwright-core";
import type { Debate } from "~/compiler/model";
import { baseUrl } from "./browser";

let served: Promise<Debate> | undefined;

/**
 * The debate as the server under test publishes it (/api/perspectives.json,
 * the compiler's model as JSON): what the seminar's screens must show, without
 * compiling the content again in the test's own process.
 */
export function servedDebate(): Promise<Debate> {
  served ??= fetch(`${baseUrl()}/api/perspectives.json`).then(async (response) => {
    if (!response.ok) throw new Error(`/api/perspectives.json answered ${response.status}`);
    return (await response.json()) as Debate;
  });
  return served;
}

/** A string as a regular expression that matches exactly it. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

type OpenPage = (path: string, options?: BrowserContextOptions) => Promise<Page>;

export const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
export const PROJECTOR: BrowserContextOptions = { viewport: { width: 1280, height: 720 } };

/** Starts a seminar from /seminar as an instructor would; the host's page ends on the projector view. */
export async function startSeminar(openPage: OpenPage, topicTitle: string, options: BrowserContextOptions = {}): Promise<{ host: Page; code: string }> {
  const host = await openPage("/seminar", { ...PROJECTOR, ...options });
  await host.getByRole("radio", { name: new RegExp(`^${literal(topicTitle)}\\b`) }).check();
  await host.getByRole("button", { name: "Start and open the projector view" }).click();
  await host.waitForURL(/\/s\/[A-Z0-9]{6}\/present$/);
  const code = new URL(host.url()).pathname.split("/")[2]!;
  await host.locator("html.js").waitFor({ state: "attached" });
  await host.locator(".presenter-progress", { hasText: stepText(1) }).waitFor();
  return { host, code };
}

/** Opens the host console in another tab of the host's browser, which holds the host cookie. */
export async function openConsole(host: Page, code: string): Promise<Page> {
  const page = await host.context().newPage();
  await page.goto(`/s/${code}/host`);
  await page.locator("html.js").waitFor({ state: "attached" });
  return page;
}

/** Opens a phone on a seminar and waits for it to follow the live view. */
export async function joinSeminar(openPage: OpenPage, code: string, options: BrowserContextOptions = {}): Promise<Page> {
  const phone = await openPage(`/s/${code}`, { ...PHONE, ...options });
  await phone.locator(".phone-status").waitFor();
  return phone;
}

/** The step a page shows, as its status line or progress says it: "Step 3 of 17". */
export function stepText(step: number, total?: number): RegExp {
  return new RegExp(`Step ${step} of ${total ?? "\\d+"}(?!\\d)`);
}

/** The phone's status line once it shows this step. */
export function phoneAt(phone: Page, step: number, total?: number): Locator {
  return phone.getByRole("status").filter({ hasText: stepText(step, total) });
}

/** The projector's step line once it shows this step. */
export function projectorAt(projector: Page, step: number, total?: number): Locator {
  return projector.locator(".presenter-progress", { hasText: stepText(step, total) });
}

/** Taps an answer in the poll named `legend` and waits until the server has it (the outbox has delivered it). */
export async function answer(phone: Page, legend: string | RegExp, choice: string): Promise<void> {
  const poll = phone.getByRole("group", { name: legend });
  await poll.getByRole("button", { name: choice, exact: true }).click();
  await poll.getByText(`Your answer: ${choice}.`).waitFor();
}

export const BEFORE = "Where do you stand, before the discussion?";
export const AFTER = "Where do you stand now, after the discussion?";
export const MOVED = "Your answer changed. What moved you most?";

/**
 * Fails the wait it wraps, at once and with its text, when the page shows an
 * action that was not sent: refused ("Not sent: …"), or waiting after a failed
 * try ("Not sent yet: …"). A step that was dropped, retried or refused is
 * the bug these tests look for, not a reason to wait longer.
 */
export function failOnNotSent(page: Page): <T>(wait: Promise<T>) => Promise<T> {
  const problem = page.locator(".outbox-refused, .outbox-waiting").first();
  const failure: Promise<never> = problem.waitFor({ state: "attached", timeout: 0 }).then(
    async () => {
      throw new Error(`The page says an action was not sent: ${(await problem.textContent().catch(() => ""))?.trim()}`);
    },
    // The page closed first: nothing was refused.
    () => new Promise<never>(() => {}),
  );
  return (wait) => Promise.race([wait, failure]);
}

/** How far the page scrolls sideways (0 when it does not). */
export function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** What sticks out of the screen: the document scrolls, or `selector`'s box is not inside the viewport. */
export function offScreen(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollHeight > root.clientHeight) problems.push(`the page scrolls down: ${root.scrollHeight} > ${root.clientHeight}`);
    if (root.scrollWidth > root.clientWidth) problems.push(`the page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
    const element = document.querySelector(selector);
    if (!element) return [...problems, `nothing matches ${selector}`];
    const box = element.getBoundingClientRect();
    if (box.top < -0.5 || box.left < -0.5 || box.bottom > innerHeight + 0.5 || box.right > innerWidth + 0.5) {
      problems.push(`${selector} is outside the viewport: ${Math.round(box.left)},${Math.round(box.top)} to ${Math.round(box.right)},${Math.round(box.bottom)}`);
    }
    return problems;
  }, selector);
}

export type StepKind = "question" | "overview" | "viewpoint" | "evidence" | "counter-evidence" | "closing";

export interface ExpectedStep {
  step: number;
  kind: StepKind;
  /** The viewpoint of a viewpoint's or an item's screen. */
  perspective?: string;
  /** How much text the screen shows, to pick the fullest screen of each kind. */
  size: number;
}

/**
 * The steps a question must have, from the content: the question, the
 * overview, each viewpoint with claims on it followed by its claims' evidence
 * and counter-evidence one item at a time, the closing screen.
 */
export function expectedSteps(debate: Debate, topicId: string): ExpectedStep[] {
  const topic = debate.topics.find((candidate) => candidate.id === topicId)!;
  const steps: Omit<ExpectedStep, "step">[] = [{ kind: "question", size: topic.title.length + topic.framing.length }, { kind: "overview", size: 0 }];
  for (const perspective of debate.perspectives) {
    const claims = perspective.claims.filter((claim) => claim.topic === topicId);
    if (claims.length === 0) continue;
    steps.push({ kind: "viewpoint", perspective: perspective.id, size: claims.reduce((sum, claim) => sum + claim.statement.length + 40, 0) });
    for (const claim of claims) {
      for (const item of claim.evidence) steps.push({ kind: "evidence", perspective: perspective.id, size: claim.statement.length + item.text.length });
      for (const item of claim.counterEvidence) steps.push({ kind: "counter-evidence", perspective: perspective.id, size: claim.statement.length + item.text.length });
    }
  }
  steps.push({ kind: "closing", size: topic.title.length + topic.question.length });
  return steps.map((step, index) => ({ ...step, step: index + 1 }));
}

/** The fullest step of each kind of a question: the ones most likely not to fit. */
export function fullestSteps(debate: Debate, topicId: string): ExpectedStep[] {
  const fullest = new Map<StepKind, ExpectedStep>();
  for (const step of expectedSteps(debate, topicId)) {
    const found = fullest.get(step.kind);
    if (!found || step.size > found.size) fullest.set(step.kind, step);
  }
  return [...fullest.values()].sort((a, b) => a.step - b.step);
}

/** Steps the seminar as the console's outline does: the host's own POST, from a page holding the host cookie. */
export async function hostStep(hostPage: Page, code: string, topic: string, step: number): Promise<void> {
  const status = await hostPage.evaluate(
    async ({ code, topic, step }) => {
      const response = await fetch(`/s/${code}/actions`, {
        method: "POST",
        body: new URLSearchParams({ intent: "step", topic, step: String(step) }),
        headers: { Accept: "application/json" },
      });
      return response.status;
    },
    { code, topic, step },
  );
  if (status !== 200) throw new Error(`The step to ${topic} ${step} was answered ${status}`);
}

/**
 * A TCP relay in front of the test server, whose connections the test can cut
 * and refuse for a while, as a server that stops and starts again would: the
 * open live streams end, new connections are refused, then everything answers
 * again. Pages opened through `url` see the server go away and come back.
 */
export async function cuttableRelay(target: string): Promise<{ url: string; cut: () => Promise<void>; restore: () => Promise<void>; close: () => Promise<void> }> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const relay = createServer((client) => {
    const server = connect(Number(port), hostname);
    sockets.add(client).add(server);
    const drop = () => {
      client.destroy();
      server.destroy();
      sockets.delete(client);
      sockets.delete(server);
    };
    client.on("error", drop).on("close", drop);
    server.on("error", drop).on("close", drop);
    client.pipe(server).pipe(client);
  });
  const listen = (at: number) => new Promise<void>((resolve, reject) => relay.once("error", reject).listen(at, "127.0.0.1", () => resolve()));
  await listen(0);
  const relayPort = (relay.address() as AddressInfo).port;
  const stop = () =>
    new Promise<void>((resolve) => {
      relay.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
  return { url: `http://127.0.0.1:${relayPort}`, cut: stop, restore: () => listen(relayPort), close: () => (relay.listening ? stop() : Promise.resolve()) };
}
