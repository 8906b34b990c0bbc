import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { axeEach } from "./axe";
import { baseUrl, useBrowser } from "./browser";
import {
  answer,
  cuttableRelay,
  BEFORE,
  expectedSteps,
  failOnNotSent,
  hostStep,
  joinSeminar,
  openConsole,
  phoneAt,
  projectorAt,
  servedDebate,
  sidewaysScroll,
  startSeminar,
} from "./seminar";

const openPage = useBrowser();

interface Tally {
  counts: Record<string, number>;
  total: number;
}

/** The host's results.json for one question, read with the host's cookie: what the server has counted. */
async function counted(host: Page, code: string, topic: string): Promise<{ before: Tally; after: Tally }> {
  const response = await host.request.get(`/s/${code}/results.json`);
  expect(response.status()).toBe(200);
  const json = (await response.json()) as { topics: { topic: string; before: Tally; after: Tally }[] };
  return json.topics.find((entry) => entry.topic === topic)!;
}

/** Marks the page's window, to tell afterwards that the page was never reloaded (a reload loses the mark). */
async function mark(page: Page): Promise<void> {
  await page.evaluate(() => Object.assign(window, { seminarTestMark: true }));
}

async function stillTheSamePage(page: Page): Promise<{ marked: boolean; navigations: number }> {
  return page.evaluate(() => ({
    marked: (window as unknown as { seminarTestMark?: boolean }).seminarTestMark === true,
    navigations: performance.getEntriesByType("navigation").length,
  }));
}

const RECONNECTING = "Reconnecting… This page catches up by itself when the connection is back.";

describe("a live seminar with a host and phones", () => {
  it("the phones follow the host's steps, and browse freely while the host pauses", async () => {
    const debate = await servedDebate();
    const topic = debate.topics[0]!;
    const { host, code } = await startSeminar(openPage, topic.title);
    const shown = failOnNotSent(host);
    const phone = await joinSeminar(openPage, code);
    const second = await joinSeminar(openPage, code);
    await phone.getByRole("heading", { level: 1, name: topic.title }).waitFor();
    await host.getByText("2 here now · 2 joined").waitFor();

    await host.keyboard.press("ArrowRight");
    await shown(projectorAt(host, 2).waitFor());
    await phoneAt(phone, 2).waitFor();
    await phone.getByRole("heading", { level: 1, name: `${topic.title}: where each viewpoint stands` }).waitFor();
    await host.keyboard.press("ArrowRight");
    await shown(projectorAt(host, 3).waitFor());
    // Step 3 is the first viewpoint's screen: the phones show that viewpoint's claims too.
    const viewpoint = debate.perspectives.find((perspective) => perspective.claims.some((claim) => claim.topic === topic.id))!;
    for (const page of [phone, second]) {
      await phoneAt(page, 3).waitFor();
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain(viewpoint.name);
    }
    await host.keyboard.press("ArrowLeft");
    await phoneAt(phone, 2).waitFor();

    // Paused: a phone steps on its own and can open the question's pages; on resume it snaps back.
    const hostConsole = await openConsole(host, code);
    await hostConsole.getByRole("button", { name: "Pause following" }).click();
    await phone.getByText("Browse at your own pace.").waitFor();
    await second.getByText("Browse at your own pace.").waitFor();
    await host.getByText("phones browsing freely").waitFor();
    await second.getByRole("link", { name: "Next step →" }).click();
    await phoneAt(second, 3).waitFor();
    // The other phone leaves for the question's own page.
    await phone.getByRole("link", { name: `Every answer to “${topic.title}”` }).click();
    await phone.waitForURL(`**/topics/${topic.id}`);
    await phone.getByRole("heading", { level: 1, name: topic.title }).waitFor();
    await hostConsole.getByRole("button", { name: "Resume following" }).click();
    // Both snap back to the host's step: the one browsing steps, and the one on another page.
    await phoneAt(second, 2).waitFor();
    await expect.poll(() => new URL(second.url()).search).toBe("");
    await phone.waitForURL(`**/s/${code}`);
    await phoneAt(phone, 2).waitFor();
    expect(await phone.getByText("Browse at your own pace.").count()).toBe(0);
    expect(await second.getByText("Browse at your own pace.").count()).toBe(0);
  });

  it("a question from the room reaches the host as new, gets upvoted, and disappears for the room once hidden", async () => {
    const topic = (await servedDebate()).topics[0]!;
    const { host, code } = await startSeminar(openPage, topic.title);
    const hostConsole = await openConsole(host, code);
    const phone = await joinSeminar(openPage, code);
    const second = await joinSeminar(openPage, code);
    // Text from the room is text: markup in it is shown, never run or rendered.
    const text = `Who decides what counts as <b>exploitation</b>? ${code}`;
    await phone.getByLabel(/Your question/).fill(text);
    await phone.getByRole("button", { name: "Ask" }).click();
    await expect.poll(() => phone.getByLabel(/Your question/).inputValue()).toBe("");
    const onConsole = hostConsole.getByRole("listitem").filter({ hasText: text });
    await onConsole.waitFor();
    expect(await hostConsole.locator("b", { hasText: "exploitation" }).count()).toBe(0);
    // The console says a new question came, until the host has seen it.
    const notice = hostConsole.locator(".new-question-notice");
    await notice.getByText(`New question from the room: ${text}`).waitFor();
    await onConsole.locator(".new-badge").waitFor();
    await notice.getByRole("button", { name: "Seen" }).click();
    await notice.getByText("New question from the room").waitFor({ state: "detached" });
    expect(await onConsole.locator(".new-badge").count()).toBe(0);
    // The asker sees it as theirs.
    await phone.getByRole("listitem").filter({ hasText: text }).getByText("yours").waitFor();

    await second.getByRole("button", { name: `Upvote: ${text}` }).click();
    await second.getByRole("button", { name: `Upvoted: ${text}` }).waitFor();
    await onConsole.getByText("1 vote").waitFor();
    await phone.getByRole("listitem").filter({ hasText: text }).getByText("1 vote").waitFor();

    await hostConsole.getByRole("button", { name: `Hide: ${text}` }).click();
    await onConsole.getByText("hidden from the room").waitFor();
    for (const page of [phone, second]) await page.getByText(text).waitFor({ state: "detached" });
    await hostConsole.getByRole("button", { name: `Show: ${text}` }).click();
    await phone.getByText(text).waitFor();
  });

  it("refuses a participant's attempt at a host action, on the endpoint and on the host's pages", async () => {
    const topic = (await servedDebate()).topics[0]!;
    const { host, code } = await startSeminar(openPage, topic.title);
    const phone = await joinSeminar(openPage, code);
    const refused = await phone.evaluate(async (seminar) => {
      const response = await fetch(`/s/${seminar}/actions`, {
        method: "POST",
        body: new URLSearchParams({ intent: "step", topic: "ignored", step: "5" }),
        headers: { Accept: "application/json" },
      });
      return { status: response.status, body: (await response.json()) as { error?: string } };
    }, code);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatch(/host/);
    // Had the phone's step counted, the host's next step would be 6; it is 2.
    await host.keyboard.press("ArrowRight");
    await projectorAt(host, 2).waitFor();
    await phoneAt(phone, 2).waitFor();

    for (const path of [`/s/${code}/host`, `/s/${code}/present`, `/s/${code}/summary`, `/s/${code}/results.json`]) {
      const response = await phone.goto(path);
      expect(response?.status(), path).toBe(403);
      if (!path.endsWith(".json")) expect(await phone.getByRole("heading", { level: 1 }).textContent(), path).toBe("This page is for the seminar's host");
    }
  });

  it("answers an unknown code with a 404 page that offers to type it again, and takes a mistyped code", async () => {
    const topic = (await servedDebate()).topics[0]!;
    const { code } = await startSeminar(openPage, topic.title);
    const phone = await openPage("/seminar", { viewport: { width: 360, height: 740 } });
    const typed = `${code.slice(0, 3).toLowerCase()}-${code.slice(3)} `;
    await phone.getByLabel(/Join code/).fill(typed);
    await phone.getByRole("button", { name: "Join" }).click();
    await phone.waitForURL(`**/s/${code}`);
    await phone.getByRole("heading", { level: 1, name: topic.title }).waitFor();

    await phone.goto("/seminar");
    await phone.getByLabel(/Join code/).fill("ABC");
    await phone.getByRole("button", { name: "Join" }).click();
    await phone.getByRole("alert").filter({ hasText: "is not a join code" }).waitFor();

    const unknown = code === "ZZZZZZ" ? "YYYYYY" : "ZZZZZZ";
    const response = await phone.goto(`/s/${unknown}`);
    expect(response?.status()).toBe(404);
    expect(await phone.getByRole("heading", { level: 1 }).textContent()).toBe("No seminar has this code");
    await phone.getByRole("link", { name: "Type the join code again" }).click();
    await phone.getByLabel(/Join code/).waitFor();
  });

  it("keeps seminar pages out of every cache: no-store, rendered for each person", async () => {
    const topic = (await servedDebate()).topics[0]!;
    const { host, code } = await startSeminar(openPage, topic.title);
    for (const path of [`/s/${code}`, `/s/${code}/present`, `/s/${code}/host`, "/seminar"]) {
      const response = await host.request.get(path);
      expect(response.headers()["cache-control"], path).toBe("no-store");
      expect(response.headers()["etag"], path).toBeUndefined();
    }
    // Two participants get two pages: each its own cookie.
    const first = await fetch(`${baseUrl()}/s/${code}`);
    const again = await fetch(`${baseUrl()}/s/${code}`);
    expect(first.headers.get("set-cookie")).toMatch(/cp_participant=/);
    expect(again.headers.get("set-cookie")).not.toBe(first.headers.get("set-cookie"));
  });

  it("the phone fits 360 px at every kind of step, the phone and the projector pass axe on evidence, and the console fits 360 px", async () => {
    const debate = await servedDebate();
    const topic = debate.topics[0]!;
    const steps = expectedSteps(debate, topic.id);
    const { host, code } = await startSeminar(openPage, topic.title);
    const shown = failOnNotSent(host);
    const phone = await joinSeminar(openPage, code);
    await phone.getByLabel(/Your question/).fill("What does the evidence from Sweden show?");
    await phone.getByRole("button", { name: "Ask" }).click();
    await phone.getByRole("listitem").filter({ hasText: "What does the evidence from Sweden show?" }).waitFor();
    const kinds = ["question", "overview", "viewpoint", "evidence", "counter-evidence", "closing"] as const;
    for (const kind of kinds) {
      const { step } = steps.find((candidate) => candidate.kind === kind)!;
      if (step !== 1) await hostStep(host, code, topic.id, step);
      await shown(projectorAt(host, step).waitFor());
      await phoneAt(phone, step).waitFor();
      expect(await sidewaysScroll(phone), `phone, ${kind} (step ${step})`).toBeLessThanOrEqual(0);
      if (kind === "evidence") expect(await axeEach({ [`phone, ${kind}`]: phone, [`projector, ${kind}, with the join corner`]: host })).toEqual([]);
    }
    const hostConsole = await openConsole(host, code);
    await hostConsole.setViewportSize({ width: 360, height: 740 });
    expect(await sidewaysScroll(hostConsole)).toBeLessThanOrEqual(0);
  }, 60_000);
});

describe("never stuck: the network drops under a phone or the projector", () => {
  it("a phone's answer tapped offline stays on the page as not sent yet, and is sent by itself when the network is back, once", async () => {
    const topic = (await servedDebate()).topics[0]!;
    const { host, code } = await startSeminar(openPage, topic.title);
    const phone = await joinSeminar(openPage, code);
    await mark(phone);
    await phone.context().setOffline(true);
    await phone.getByText(RECONNECTING).waitFor();
    const poll = phone.getByRole("group", { name: BEFORE });
    await poll.getByRole("button", { name: "Yes", exact: true }).click();
    await phone.getByRole("status").filter({ hasText: "Not sent yet: your answer “Yes”." }).waitFor();
    await poll.getByText("Sending your answer “Yes”…").waitFor();
    // The seminar stays on the page, and the server has nothing yet.
    await phone.getByRole("heading", { level: 1, name: topic.title }).waitFor();
    expect((await counted(host, code, topic.id)).before.total).toBe(0);

    await phone.context().setOffline(false);
    await poll.getByText("Your answer: Yes.").waitFor();
    await phone.locator(".outbox-waiting").waitFor({ state: "detached" });
    await phone.getByText(RECONNECTING).waitFor({ state: "detached" });
    expect(await stillTheSamePage(phone)).toEqual({ marked: true, navigations: 1 });
    const before = (await counted(host, code, topic.id)).before;
    expect(before).toEqual({ counts: { yes: 1, no: 0, mixed: 0, unsure: 0 }, total: 1 });
    await host.locator(".presenter-progress", { hasText: "1 answered so far" }).waitFor();
  });

  it("the projector keeps its page while the laptop is offline, says its step is not sent yet, and sends it when back: the phones follow", async () => {
    const topic = (await servedDebate()).topics[0]!;
    const { host, code } = await startSeminar(openPage, topic.title);
    const phone = await joinSeminar(openPage, code);
    await mark(host);
    await host.context().setOffline(true);
    await host.getByText(RECONNECTING).waitFor();
    await host.keyboard.press("ArrowRight");
    await host.getByRole("status").filter({ hasText: "Not sent yet: step 2." }).waitFor();
    // The step was not taken: the projector and the phones still show the first one.
    await projectorAt(host, 1).waitFor();
    await host.getByRole("heading", { level: 1, name: topic.title }).waitFor();
    await phoneAt(phone, 1).waitFor();

    await host.context().setOffline(false);
    await projectorAt(host, 2).waitFor();
    await phoneAt(phone, 2).waitFor();
    await host.locator(".outbox-waiting").waitFor({ state: "detached" });
    await host.getByText(RECONNECTING).waitFor({ state: "detached" });
    expect(await stillTheSamePage(host)).toEqual({ marked: true, navigations: 1 });
  });

  it("a phone that misses steps while offline catches up without a reload; the answer it gave meanwhile is refused, said with the reason, to send again or dismiss", async () => {
    const topic = (await servedDebate()).topics[0]!;
    const { host, code } = await startSeminar(openPage, topic.title);
    const phone = await joinSeminar(openPage, code);
    const online = await joinSeminar(openPage, code);
    await mark(phone);
    await phone.context().setOffline(true);
    await phone.getByText(RECONNECTING).waitFor();
    // Tapped while offline, on a poll that closes before the phone is back.
    await phone.getByRole("group", { name: BEFORE }).getByRole("button", { name: "Yes", exact: true }).click();
    await phone.getByRole("status").filter({ hasText: "Not sent yet: your answer “Yes”." }).waitFor();
    for (const step of [2, 3]) {
      await host.keyboard.press("ArrowRight");
      await projectorAt(host, step).waitFor();
    }
    // The phone that stayed online has the step: the offline one missed it.
    await phoneAt(online, 3).waitFor();
    await phoneAt(phone, 1).waitFor();

    await phone.context().setOffline(false);
    await phoneAt(phone, 3).waitFor();
    await phone.getByText(RECONNECTING).waitFor({ state: "detached" });
    expect(await stillTheSamePage(phone)).toEqual({ marked: true, navigations: 1 });

    const notSent = phone.getByRole("alert").filter({ hasText: "Not sent: your answer “Yes”." });
    await notSent.waitFor();
    expect(await notSent.textContent()).toContain(`The "before" poll is not open now: it is open at the start of the question.`);
    // Sent again, it is refused again, for the same reason.
    const [again] = await Promise.all([
      phone.waitForResponse((response) => response.url().endsWith(`/s/${code}/actions`) && response.request().method() === "POST"),
      notSent.getByRole("button", { name: "Send again" }).click(),
    ]);
    expect(again.status()).toBe(409);
    await notSent.waitFor();
    await notSent.getByRole("button", { name: "Dismiss" }).click();
    await notSent.waitFor({ state: "detached" });
    expect((await counted(host, code, topic.id)).before.total).toBe(0);
  });
});

describe("the server goes away and comes back, as in a restart", () => {
  let relay: Awaited<ReturnType<typeof cuttableRelay>> | undefined;
  afterAll(async () => {
    await relay?.close();
  });

  it("the projector and a phone keep their pages, the projector's step waits, and both catch up by themselves, without a reload", async () => {
    relay = await cuttableRelay(baseUrl());
    const options = { baseURL: relay.url };
    const topic = (await servedDebate()).topics[0]!;
    const { host, code } = await startSeminar(openPage, topic.title, options);
    const phone = await joinSeminar(openPage, code, options);
    await answer(phone, BEFORE, "Unsure");
    await host.keyboard.press("ArrowRight");
    await phoneAt(phone, 2).waitFor();
    for (const page of [host, phone]) await mark(page);

    // The live streams end and nothing answers: no "offline" event, the pages find out for themselves.
    await relay.cut();
    await phone.getByText(RECONNECTING).waitFor();
    await host.getByText(RECONNECTING).waitFor();
    await host.keyboard.press("ArrowRight");
    await host.getByRole("status").filter({ hasText: "Not sent yet: step 3." }).waitFor();
    await projectorAt(host, 2).waitFor();

    await relay.restore();
    await projectorAt(host, 3).waitFor();
    await phoneAt(phone, 3).waitFor();
    for (const page of [host, phone]) {
      await page.getByText(RECONNECTING).waitFor({ state: "detached" });
      expect(await stillTheSamePage(page)).toEqual({ marked: true, navigations: 1 });
    }
    await host.locator(".outbox-waiting").waitFor({ state: "detached" });
    await phone.getByRole("group", { name: BEFORE }).waitFor({ state: "detached" });
    expect((await counted(host, code, topic.id)).before).toEqual({ counts: { yes: 0, no: 0, mixed: 0, unsure: 1 }, total: 1 });
  });
});
