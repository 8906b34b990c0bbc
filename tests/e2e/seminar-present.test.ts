import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Debate } from "~/compiler/model";
import { useBrowser } from "./browser";
import { content } from "./content";
import { openConsole, PHONE, startSeminar } from "./seminar";

const openPage = useBrowser();

/** The sequence the issue asks for: question, overview, each viewpoint with its items one by one, closing. */
function expectedSteps(debate: Debate, topic: string): number {
  let steps = 3;
  for (const perspective of debate.perspectives) {
    const claims = perspective.claims.filter((claim) => claim.topic === topic);
    if (claims.length > 0) steps += 1 + claims.reduce((sum, claim) => sum + claim.evidence.length + claim.counterEvidence.length, 0);
  }
  return steps;
}

/** Everything the screen shows is inside the viewport, and no text is under 20 px. */
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
      const ownText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim());
      const size = parseFloat(getComputedStyle(element).fontSize);
      if (ownText && size < 20) problems.push(`${size} px text: ${text}`);
    }
    return problems;
  });
}

function fontSize(page: Page, selector: string): Promise<number> {
  return page.locator(selector).first().evaluate((node) => parseFloat(getComputedStyle(node).fontSize));
}

describe("presenter view", () => {
  // Every question is walked once, in a seminar below: the join corner leaves its screens less room than these.
  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    it(`fits every step of the first question on a ${width}×${height} screen, in projector-sized type`, async () => {
      const debate = await content();
      const topics = debate.topics.slice(0, 1);
      const page = await openPage(`/present/${topics[0]!.id}/1`, { viewport: { width, height } });
      for (const topic of topics) {
        const total = expectedSteps(debate, topic.id);
        if (page.url().endsWith(`/present/${topic.id}/1`) === false) {
          await page.goto(`/present/${topic.id}/1`);
          await page.locator("html.js").waitFor({ state: "attached" });
        }
        expect(await page.locator(".site-header").isVisible()).toBe(false);
        expect(await page.locator("input, select, textarea, button").count()).toBe(0);
        expect(await page.getByRole("heading", { level: 1, name: topic.title }).count()).toBe(1);
        expect(await fontSize(page, "h1")).toBeGreaterThanOrEqual(48 * (height / 720));
        for (let step = 1; step <= total; step++) {
          if (step > 1) {
            await page.keyboard.press("ArrowRight");
            await page.waitForURL(`**/present/${topic.id}/${step}`);
          }
          await page.getByText(`Step ${step} of ${total}`, { exact: true }).waitFor();
          const kind = await page.locator(".presenter").getAttribute("class");
          if (/is-(viewpoint|item)/.test(kind ?? "")) expect(await fontSize(page, ".presenter-statement")).toBeGreaterThanOrEqual(28);
          if (/is-overview/.test(kind ?? "")) expect(await fontSize(page, ".presenter-overview .stance")).toBeGreaterThanOrEqual(28);
          expect(await screenProblems(page), `${topic.id} step ${step}`).toEqual([]);
        }
        // The last step does not wrap around.
        await page.keyboard.press("ArrowRight");
        await page.waitForTimeout(100);
        expect(page.url()).toMatch(new RegExp(`/present/${topic.id}/${total}$`));
      }
    }, 600_000);
  }

  it("answers the clicker's keys, Home and End, clicks, and keeps each step at its own address", async () => {
    const debate = await content();
    const topic = debate.topics[1]!;
    const total = expectedSteps(debate, topic.id);
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
    const debate = await content();
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
    const debate = await content();
    const topic = debate.topics[0]!;
    const page = await openPage(`/present/${topic.id}/1`, { javaScriptEnabled: false });
    await page.getByRole("link", { name: "Next →" }).click();
    await page.waitForURL(`**/present/${topic.id}/2`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("where each viewpoint stands");
  });

  it("answers an unknown question or step with a 404 that says which steps exist", async () => {
    const debate = await content();
    const topic = debate.topics[0]!;
    const total = expectedSteps(debate, topic.id);
    const page = await openPage(`/present/${topic.id}/${total + 1}`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("We could not find that page");
    expect(await page.getByText(`its steps run from 1 to ${total}`).count()).toBe(1);
    const response = await page.goto("/present/no-such-question/1");
    expect(response?.status()).toBe(404);
  });

  it("passes axe on the question, overview, viewpoint and evidence screens", async () => {
    const debate = await content();
    const page = await openPage(`/present/${debate.topics[0]!.id}/1`, { viewport: { width: 1920, height: 1080 } });
    for (const step of [1, 2, 3, 4]) {
      if (step > 1) await page.goto(`/present/${debate.topics[0]!.id}/${step}`);
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
      expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(", ")}`)).toEqual([]);
    }
  });

  for (const [width, height, scope] of [
    [1280, 720, "every question"],
    [1920, 1080, "the first question"],
  ] as const) {
    it(`in a seminar, fits every step of ${scope} with the join corner on a ${width}×${height} screen, and the revealed results`, async () => {
      const debate = await content();
      const topics = scope === "every question" ? debate.topics : debate.topics.slice(0, 1);
      const { host, code } = await startSeminar(openPage, topics[0]!.title, { viewport: { width, height } });
      const phone = await openPage(`/s/${code}`, PHONE);
      await phone.getByRole("button", { name: "Yes", exact: true }).click();
      await host.getByText("1 phone joined").waitFor();
      const corner = host.getByRole("region", { name: "Join this seminar" });
      expect(await corner.getByText(code, { exact: true }).count()).toBe(1);
      expect(await corner.getByText(new URL(host.url()).host, { exact: false }).count()).toBe(1);
      // Big enough to scan from the back of a room: a quarter of the screen's height or more.
      const qr = await corner.getByRole("img", { name: /QR code/ }).boundingBox();
      expect(qr!.height).toBeGreaterThanOrEqual(height / 4);
      for (const [index, topic] of topics.entries()) {
        const total = expectedSteps(debate, topic.id);
        // From a closing screen, the next key goes on to the next question.
        if (index > 0) await host.keyboard.press("ArrowRight");
        for (let step = 1; step <= total; step++) {
          if (step > 1) await host.keyboard.press("ArrowRight");
          await host.getByText(`Step ${step} of ${total}`).waitFor();
          if (step === 1) await host.getByRole("heading", { level: 1, name: topic.title }).waitFor();
          expect(await host.locator("input, select, textarea, button").count()).toBe(0);
          const kind = await host.locator(".presenter").getAttribute("class");
          if (step === 1) expect(await fontSize(host, "h1")).toBeGreaterThanOrEqual(48 * (height / 720));
          if (/is-(viewpoint|item)/.test(kind ?? "")) expect(await fontSize(host, ".presenter-statement")).toBeGreaterThanOrEqual(28);
          expect(await screenProblems(host), `${topic.id} step ${step}`).toEqual([]);
        }
      }
      const hostConsole = await openConsole(host, code);
      await hostConsole.getByRole("button", { name: "Reveal results" }).click();
      await host.getByRole("table", { name: "Where the room stands" }).waitFor();
      expect(await screenProblems(host), "closing screen with results").toEqual([]);
    }, 600_000);
  }
});
