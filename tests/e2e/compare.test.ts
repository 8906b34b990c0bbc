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

  it("keeps the chosen viewpoints, the no-answer-yet filter and projector mode when moving between questions", async () => {
    const debate = await content();
    const [first, second] = debate.perspectives;
    const [one, two, three] = debate.topics;
    const openIn = (topic: string) =>
      debate.perspectives
        .filter((perspective) => perspective === first || perspective === second)
        .flatMap((perspective) => perspective.claims.filter((claim) => claim.topic === topic))
        .map((claim) => ({ claim, open: claim.contestedBy.length === 0 }));
    // The filter must change what a question shows, or keeping it would prove nothing.
    expect(openIn(two!.id).some(({ open }) => !open)).toBe(true);
    const keepsState = (url: URL, topic: string) =>
      url.searchParams.get("topic") === topic && url.searchParams.getAll("p").join() === [first!.id, second!.id].join() && url.searchParams.has("open");
    const shows = async (page: Awaited<ReturnType<typeof openPage>>, topic: string) => {
      await page.getByRole("heading", { level: 1, name: debate.topics.find((candidate) => candidate.id === topic)!.title }).waitFor();
      expect(await page.getByRole("checkbox", { name: "Only claims with no answer yet" }).isChecked()).toBe(true);
      for (const { claim, open } of openIn(topic)) expect(await page.locator(`article[id="${claim.id}"]`).count(), claim.id).toBe(open ? 1 : 0);
      expect(await page.getByRole("region", { name: debate.perspectives[2]!.name }).count()).toBe(0);
    };

    const page = await openPage(`/compare?topic=${one!.id}&p=${first!.id}&p=${second!.id}&open`);
    const questions = page.getByRole("navigation", { name: "Questions" });
    await questions.getByRole("link", { name: two!.title }).click();
    await page.waitForURL((url) => keepsState(url, two!.id));
    await shows(page, two!.id);

    await page.getByLabel("Question", { exact: true }).selectOption(three!.id);
    await page.waitForURL((url) => keepsState(url, three!.id));
    await shows(page, three!.id);

    await questions.getByRole("link", { name: two!.title }).click();
    await page.waitForURL((url) => keepsState(url, two!.id));
    await shows(page, two!.id);

    // Projector mode keeps the filter too, and so do its arrow keys.
    await questions.getByRole("link", { name: "Projector mode" }).click();
    await page.waitForURL((url) => keepsState(url, two!.id) && url.searchParams.has("present"));
    // The address changes before projector mode renders and binds its keys: wait for its hint first.
    await page.getByText("Use the ← and → keys to move between questions.").waitFor();
    await page.keyboard.press("ArrowRight");
    await page.waitForURL((url) => keepsState(url, three!.id) && url.searchParams.has("present"));
    await shows(page, three!.id);

    // Without JavaScript the links are plain links, with the same state.
    const still = await openPage(`/compare?topic=${one!.id}&p=${first!.id}&p=${second!.id}&open`, { javaScriptEnabled: false });
    await still.getByRole("navigation", { name: "Questions" }).getByRole("link", { name: two!.title }).click();
    await still.waitForURL((url) => keepsState(url, two!.id));
    await shows(still, two!.id);
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
    await page.getByRole("heading", { level: 1, name: debate.topics[0]!.title }).waitFor();
    const size = await page.locator(".compare").evaluate((node) => parseFloat(getComputedStyle(node).fontSize));
    expect(size).toBeGreaterThan(20);

    // The statements fill the screen; each claim's evidence opens on demand.
    const claim = debate.perspectives.flatMap((perspective) => perspective.claims).find((candidate) => candidate.topic === debate.topics[0]!.id)!;
    const card = page.locator(`article[id="${claim.id}"]`);
    await card.locator(".statement").waitFor({ state: "visible" });
    const firstItem = card.locator(".item-evidence").first();
    expect(await firstItem.isVisible()).toBe(false);
    await card.getByText(`Evidence (${claim.evidence.length})`, { exact: true }).click();
    expect(await firstItem.isVisible()).toBe(true);
  });
});
