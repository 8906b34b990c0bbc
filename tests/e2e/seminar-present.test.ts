import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Debate } from "~/compiler/model";
import { axeInBothSchemes } from "./axe";
import { useBrowser } from "./browser";
import { expectedSteps, failOnNotSent, fullestSteps, hostStep, joinSeminar, openConsole, projectorAt, servedDebate, startSeminar, type ExpectedStep } from "./seminar";

const openPage = useBrowser();

function fontSize(page: Page, selector: string): Promise<number> {
  return page.locator(selector).first().evaluate((node) => parseFloat(getComputedStyle(node).fontSize));
}

/**
 * Everything the projector shows is inside the viewport, and the room's text
 * is 20 px or more. The host's own small print is left out of the size check:
 * the keys button, what the outbox and the connection say, and the warning
 * that phones cannot reach the address the host opened.
 */
function screenProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollHeight > innerHeight || root.scrollWidth > innerWidth) problems.push(`the page scrolls: ${root.scrollWidth}×${root.scrollHeight}`);
    for (const element of document.body.querySelectorAll("*")) {
      if (element.getClientRects().length === 0) continue;
      const box = element.getBoundingClientRect();
      const text = element.textContent?.trim().slice(0, 50);
      if (box.bottom > innerHeight + 0.5 || box.right > innerWidth + 0.5 || box.top < -0.5 || box.left < -0.5) {
        problems.push(`outside the screen (${Math.round(box.right)}, ${Math.round(box.bottom)}): ${element.tagName} ${text}`);
      }
      if (element.closest(".presenter-help-button, .presenter-status, .join-unreachable")) continue;
      const ownText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim());
      const size = parseFloat(getComputedStyle(element).fontSize);
      if (ownText && size < 20) problems.push(`${size} px text: ${text}`);
    }
    return problems;
  });
}

/** The type sizes a screen of this kind must have, read from the back of a room. */
async function typeProblems(page: Page, kind: ExpectedStep["kind"], height: number): Promise<string[]> {
  const problems: string[] = [];
  const least = (size: number, minimum: number, what: string) => {
    if (size < minimum) problems.push(`${what} is ${size} px, under ${minimum}`);
  };
  if (kind === "question") least(await fontSize(page, "h1"), 48 * (height / 720), "the question's title");
  if (kind === "viewpoint" || kind === "evidence" || kind === "counter-evidence") least(await fontSize(page, ".presenter-statement"), 28, "a claim");
  if (kind === "overview") least(await fontSize(page, ".presenter-overview .stance"), 28, "a stance");
  return problems;
}

/**
 * The server lets a host send 120 actions in 10 seconds. A walk faster than
 * that (a quick, quiet machine) keeps to it: it is the server's rule, not a
 * wait for something to happen.
 */
function hostPace(): () => Promise<void> {
  const sent: number[] = [];
  return async () => {
    const now = Date.now();
    while (sent.length > 0 && now - sent[0]! > 10_000) sent.shift();
    if (sent.length >= 100) await new Promise((resolve) => setTimeout(resolve, 10_000 - (now - sent[0]!) + 50));
    sent.push(Date.now());
  };
}

/** The fullest step of each kind of the questions, or of all of them together. */
function samples(debate: Debate, topics: Debate["topics"], together: boolean): { topic: string; step: ExpectedStep }[] {
  const each = topics.flatMap((topic) => fullestSteps(debate, topic.id).map((step) => ({ topic: topic.id, step })));
  if (!together) return each;
  const fullest = new Map<string, { topic: string; step: ExpectedStep }>();
  for (const sample of each) {
    const found = fullest.get(sample.step.kind);
    if (!found || sample.step.size > found.step.size) fullest.set(sample.step.kind, sample);
  }
  return [...fullest.values()];
}

describe("presenter view", () => {
  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    it(`fits the fullest step of each kind of the first question on a ${width}×${height} screen, in projector-sized type`, async () => {
      const debate = await servedDebate();
      const topic = debate.topics[0]!;
      const page = await openPage(`/present/${topic.id}/1`, { viewport: { width, height } });
      expect(await page.locator(".site-header").isVisible()).toBe(false);
      expect(await page.locator("input, select, textarea, button").count()).toBe(0);
      expect(await page.getByRole("heading", { level: 1, name: topic.title }).count()).toBe(1);
      const total = expectedSteps(debate, topic.id).length;
      for (const { step, kind } of fullestSteps(debate, topic.id)) {
        if (step > 1) await page.goto(`/present/${topic.id}/${step}`);
        await page.getByText(`Step ${step} of ${total}`, { exact: true }).waitFor();
        expect(await page.locator(".presenter").getAttribute("class")).toContain(`is-${kind.endsWith("evidence") ? "item" : kind}`);
        expect([...(await typeProblems(page, kind, height)), ...(await screenProblems(page))], `${kind}, step ${step}`).toEqual([]);
      }
    });
  }

  it("answers the clicker's keys, Home and End, clicks, and keeps each step at its own address", async () => {
    const debate = await servedDebate();
    const topic = debate.topics[1]!;
    const total = expectedSteps(debate, topic.id).length;
    const page = await openPage(`/present/${topic.id}`, { viewport: { width: 1280, height: 720 } });
    const at = async (step: number) => {
      await page.waitForURL(`**/present/${topic.id}/${step}`);
      await page.getByText(`Step ${step} of ${total}`, { exact: true }).waitFor();
    };
    await page.getByText(`Step 1 of ${total}`, { exact: true }).waitFor();
    await page.keyboard.press("PageDown");
    await at(2);
    await page.keyboard.press("Space");
    await at(3);
    await page.keyboard.press("PageUp");
    await at(2);
    await page.keyboard.press("End");
    await at(total);
    // The last step does not wrap around: had → moved on, ← would not land on the step before the last.
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowLeft");
    await at(total - 1);
    await page.keyboard.press("Home");
    await at(1);
    await page.mouse.click(1000, 360);
    await at(2);
    await page.mouse.click(100, 360);
    await at(1);
    await page.mouse.click(1000, 360);
    await page.mouse.click(1000, 360);
    await at(3);
    await page.keyboard.press("Home");
    await at(1);
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await at(4);
    const shown = await page.locator(".presenter-screen").textContent();
    await page.reload();
    await page.getByText(`Step 4 of ${total}`, { exact: true }).waitFor();
    expect(await page.locator(".presenter-screen").textContent()).toBe(shown);
    await page.keyboard.press("f");
    await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
  });

  it("reveals a viewpoint's evidence and counter-evidence one item at a time, cited", async () => {
    const debate = await servedDebate();
    const topic = debate.topics[0]!;
    const perspective = debate.perspectives.find((candidate) => candidate.claims.some((claim) => claim.topic === topic.id))!;
    const claim = perspective.claims.find((candidate) => candidate.topic === topic.id)!;
    const page = await openPage(`/present/${topic.id}/3`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain(perspective.name);
    expect(await page.locator(".presenter-statement").first().textContent()).toContain(claim.statement);
    for (const [index, item] of claim.evidence.entries()) {
      await page.keyboard.press("ArrowRight");
      const region = page.getByRole("region", { name: new RegExp(`^Evidence ${index + 1} of ${claim.evidence.length}`) });
      await region.waitFor();
      expect(await page.locator(".presenter-item").count()).toBe(1);
      expect((await region.locator(".presenter-item-text").textContent())?.replace(/\s+/g, " ").trim()).toBe(item.text.replace(/\s+/g, " ").trim());
      expect(await region.locator(".presenter-cite").textContent()).toBeTruthy();
    }
    if (claim.counterEvidence.length > 0) {
      await page.keyboard.press("ArrowRight");
      await page.getByRole("region", { name: new RegExp(`^Counter-evidence 1 of ${claim.counterEvidence.length}`) }).waitFor();
    }
  });

  it("works without JavaScript through its links", async () => {
    const debate = await servedDebate();
    const topic = debate.topics[0]!;
    const page = await openPage(`/present/${topic.id}/1`, { javaScriptEnabled: false });
    await page.getByRole("link", { name: "Next →" }).click();
    await page.waitForURL(`**/present/${topic.id}/2`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("where each viewpoint stands");
  });

  it("answers an unknown question or step with a 404 that says which steps exist", async () => {
    const debate = await servedDebate();
    const topic = debate.topics[0]!;
    const total = expectedSteps(debate, topic.id).length;
    const page = await openPage(`/present/${topic.id}/${total + 1}`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("We could not find that page");
    expect(await page.getByText(`its steps run from 1 to ${total}`).count()).toBe(1);
    const response = await page.goto("/present/no-such-question/1");
    expect(response?.status()).toBe(404);
  });

  it("passes axe on the question, overview, viewpoint and evidence screens", async () => {
    const debate = await servedDebate();
    const page = await openPage(`/present/${debate.topics[0]!.id}/1`, { viewport: { width: 1920, height: 1080 } });
    for (const step of [1, 2, 3, 4]) {
      if (step > 1) await page.goto(`/present/${debate.topics[0]!.id}/${step}`);
      expect(await axeInBothSchemes(page), `step ${step}`).toEqual([]);
    }
  });
});

describe("the projector in a seminar", () => {
  it("walks every step of the first question with the join corner on 1280×720: each step is sent, shown and fits; a step not sent fails at once", async () => {
    const debate = await servedDebate();
    const topic = debate.topics[0]!;
    const steps = expectedSteps(debate, topic.id);
    const total = steps.length;
    const { host, code } = await startSeminar(openPage, topic.title, { viewport: { width: 1280, height: 720 } });
    const shown = failOnNotSent(host);
    const pace = hostPace();
    const phone = await joinSeminar(openPage, code);
    await host.getByText("1 here now · 1 joined").waitFor();
    const corner = host.getByRole("region", { name: "Join this seminar" });
    expect(await corner.locator(".join-address").textContent()).toBe(`${new URL(host.url()).host}/s/${code}`);
    // Opened at 127.0.0.1, the corner says that no phone can reach that address.
    expect(await corner.getByRole("alert").textContent()).toContain("COUNTERPOINT_PUBLIC_URL");
    // Big enough to scan from the back of a room: a quarter of the screen's height or more.
    const qr = await corner.getByRole("img", { name: /QR code/ }).boundingBox();
    expect(qr!.height).toBeGreaterThanOrEqual(720 / 4);

    for (const { step, kind } of steps) {
      if (step > 1) {
        await pace();
        await host.keyboard.press("ArrowRight");
      }
      await shown(projectorAt(host, step, total).waitFor());
      // Nothing to type or choose on the room's screen: the one button lists the keys.
      expect(await host.locator("input, select, textarea").count()).toBe(0);
      expect(await host.getByRole("button").allTextContents()).toEqual(["Keys ?"]);
      expect([...(await typeProblems(host, kind, 720)), ...(await screenProblems(host))], `${topic.id}, ${kind}, step ${step}`).toEqual([]);
    }
    // The phone followed to the end.
    await projectorAt(host, total, total).waitFor();
    await phone.getByRole("status").filter({ hasText: `Step ${total} of ${total}` }).waitFor();
  }, 180_000);

  for (const [width, height, scope] of [
    [1280, 720, "each other question"],
    [1920, 1080, "all the questions"],
  ] as const) {
    it(`fits the fullest step of each kind of ${scope} with the join corner on ${width}×${height}`, async () => {
      const debate = await servedDebate();
      const topics = scope === "all the questions" ? debate.topics : debate.topics.slice(1);
      const { host, code } = await startSeminar(openPage, debate.topics[0]!.title, { viewport: { width, height } });
      const shown = failOnNotSent(host);
      const pace = hostPace();
      const hostConsole = scope === "each other question" ? await openConsole(host, code) : undefined;
      for (const { topic, step } of samples(debate, topics, scope === "all the questions")) {
        const total = expectedSteps(debate, topic).length;
        await pace();
        // As the console's outline does: the host's own step request, from the projector's page.
        await hostStep(host, code, topic, step.step);
        // This question's screen (its question on top), at this step.
        await shown(host.locator(".presenter-question", { hasText: debate.topics.find((candidate) => candidate.id === topic)!.question }).waitFor());
        await shown(projectorAt(host, step.step, total).waitFor());
        await host.locator(`.presenter.is-${step.kind.endsWith("evidence") ? "item" : step.kind}`).waitFor();
        expect([...(await typeProblems(host, step.kind, height)), ...(await screenProblems(host))], `${topic}, ${step.kind}, step ${step.step}`).toEqual([]);
        if (hostConsole && step.kind === "closing") {
          // On the question now shown, not the one the pages opened on: the console's outline and the next question.
          const outline = hostConsole.getByRole("navigation", { name: "Steps of this question" });
          await expect.poll(() => outline.getByRole("listitem").count()).toBe(total);
          const next = debate.topics[debate.topics.findIndex((candidate) => candidate.id === topic) + 1];
          if (next) {
            await hostConsole.getByRole("button", { name: `Move everyone to the next question: ${next.title}` }).waitFor();
            await host.keyboard.press("ArrowRight");
            const dialog = host.getByRole("dialog", { name: "Go on to the next question?" });
            expect(await dialog.textContent()).toContain(`Everyone moves to “${next.title}”`);
            await host.keyboard.press("Escape");
            await dialog.waitFor({ state: "detached" });
          }
        }
      }
    }, 180_000);
  }
});
