import { describe, expect, it } from "vitest";
import { useBrowser } from "./browser";
import { content, linkedClaim } from "./content";

const openPage = useBrowser();

describe("compare page", () => {
  it("keeps its whole state in the URL, and changes it without reloading", async () => {
    const debate = await content();
    const [first, second, third] = debate.perspectives;
    const page = await openPage(`/compare?topic=${debate.topics[0]!.id}&p=${first!.id}&p=${second!.id}`);
    expect(await page.getByRole("region", { name: first!.name }).count()).toBe(1);
    expect(await page.getByRole("region", { name: third!.name }).count()).toBe(0);
    await page.evaluate(() => ((window as unknown as { marker: string }).marker = "same document"));

    await page.getByRole("checkbox", { name: third!.name }).check();
    await page.waitForURL((url) => url.searchParams.getAll("p").includes(third!.id));
    await page.getByLabel("Question", { exact: true }).selectOption(debate.topics[2]!.id);
    await page.waitForURL((url) => url.searchParams.get("topic") === debate.topics[2]!.id);
    await page.getByRole("heading", { level: 1, name: debate.topics[2]!.title }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe("same document");
    expect(await page.getByRole("region", { name: third!.name }).count()).toBe(1);

    // The URL alone reproduces the view.
    const url = page.url();
    const again = await openPage(url.replace(/^https?:\/\/[^/]+/, ""));
    expect(await again.getByRole("heading", { level: 1 }).textContent()).toBe(debate.topics[2]!.title);
    const columns = await again.locator("section.column h2").allTextContents();
    expect(columns.map((name) => name.trim())).toEqual([first!.name, second!.name, third!.name]);
  });

  it("follows a cross-link to the highlighted target claim, and back returns", async () => {
    const { claim, target } = await linkedClaim();
    const debate = await content();
    const page = await openPage(`/compare?topic=${claim.topic}&p=${claim.perspective}`);
    const start = page.url();
    const item = page.locator(`article[id="${claim.id}"] .item-counter-evidence`).filter({ has: page.locator(".claim-ref") }).first();
    await item.locator(".claim-ref a").click();
    await page.waitForURL(`**#${target}`);
    const targetCard = page.locator(`article[id="${target}"]`);
    await expect.poll(() => targetCard.evaluate((node) => node.matches(":target, .is-target"))).toBe(true);
    const owner = debate.perspectives.find((perspective) => perspective.claims.some((candidate) => candidate.id === target))!;
    expect(new URL(page.url()).searchParams.getAll("p")).toContain(owner.id);
    await page.goBack();
    await page.waitForURL(start);
    expect(await page.locator(`article[id="${claim.id}"]`).count()).toBe(1);
  });

  it("shows everything without JavaScript, and the form still works", async () => {
    const debate = await content();
    const page = await openPage(`/compare?topic=${debate.topics[0]!.id}`, { javaScriptEnabled: false });
    const topic = debate.topics[0]!;
    for (const perspective of debate.perspectives) {
      const claims = perspective.claims.filter((claim) => claim.topic === topic.id);
      const column = page.getByRole("region", { name: perspective.name });
      expect(await column.locator("article.claim").count()).toBe(claims.length);
      for (const claim of claims) expect(await column.getByText(claim.statement, { exact: true }).count()).toBe(1);
    }
    await page.getByLabel("Question", { exact: true }).selectOption(debate.topics[3]!.id);
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL((url) => url.searchParams.get("topic") === debate.topics[3]!.id);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(debate.topics[3]!.title);
  });

  it("projector mode moves between questions with the arrow keys", async () => {
    const debate = await content();
    const page = await openPage(`/compare?topic=${debate.topics[0]!.id}&present`);
    await page.keyboard.press("ArrowRight");
    await page.waitForURL((url) => url.searchParams.get("topic") === debate.topics[1]!.id && url.searchParams.has("present"));
    await page.getByRole("heading", { level: 1, name: debate.topics[1]!.title }).waitFor();
    await page.keyboard.press("ArrowLeft");
    await page.waitForURL((url) => url.searchParams.get("topic") === debate.topics[0]!.id);
    const size = await page.locator(".compare").evaluate((node) => parseFloat(getComputedStyle(node).fontSize));
    expect(size).toBeGreaterThan(20);

    // The statements fill the screen; each claim's evidence opens on demand.
    const claim = debate.perspectives.flatMap((perspective) => perspective.claims).find((candidate) => candidate.topic === debate.topics[0]!.id)!;
    const card = page.locator(`article[id="${claim.id}"]`);
    expect(await card.locator(".statement").isVisible()).toBe(true);
    const firstItem = card.locator(".item-evidence").first();
    expect(await firstItem.isVisible()).toBe(false);
    await card.getByText(`Evidence (${claim.evidence.length})`, { exact: true }).click();
    expect(await firstItem.isVisible()).toBe(true);
  });
});
