import { describe, expect, it } from "vitest";
import type { Claim } from "~/compiler/model";
import { useBrowser } from "./browser";
import { content } from "./content";
import { printedPages } from "./print";

const openPage = useBrowser();
const debate = await content();
const claims = new Map(debate.perspectives.flatMap((perspective) => perspective.claims.map((claim) => [claim.id, claim])));

/** The question with the most "contested by" pairs: the busiest map. */
const pairsOf = (topicId: string): Array<[Claim, Claim]> =>
  [...claims.values()].flatMap((claim) =>
    claim.contestedBy.map((id) => [claim, claims.get(id)!] as [Claim, Claim]).filter(([a, b]) => a.topic === topicId || b.topic === topicId),
  );
const topic = [...debate.topics].sort((a, b) => pairsOf(b.id).length - pairsOf(a.id).length)[0]!;
const pairs = pairsOf(topic.id);
const shown = new Set([...claims.values()].filter((claim) => claim.topic === topic.id).map((claim) => claim.id).concat(pairs.flat().map((claim) => claim.id)));
const path = `/topics/${topic.id}/map`;

describe("a map of each dispute", () => {
  it("is drawn on the server: every claim of the question and every claim in dispute with them, each a link named by its title", async () => {
    const page = await openPage(path, { javaScriptEnabled: false });
    const map = page.getByRole("group", { name: "Who contests whom, as a map" });
    const links = map.getByRole("link");
    expect(await links.count()).toBe(shown.size);
    for (const id of shown) {
      const claim = claims.get(id)!;
      expect(await map.getByRole("link", { name: claim.title, exact: true }).getAttribute("href"), id).toBe(`/claims/${id}`);
    }
    // An edge for each "contested by", with an arrowhead, which the legend explains.
    expect(await page.locator("svg.dispute-map path.map-edge").count()).toBe(pairs.length);
    expect(await page.locator("svg.dispute-map path.map-edge").first().getAttribute("marker-end")).toBe("url(#map-arrowhead)");
    expect(await page.locator("#map-help").textContent()).toContain("An arrow runs from a claim to a claim it is contested by.");
    // The columns, in the order of the answers.
    const headings = await page.locator("svg.dispute-map .map-heading").allTextContents();
    const expected = (["yes", "mixed", "no"] as const)
      .filter((stance) => [...claims.values()].some((claim) => claim.topic === topic.id && claim.stance === stance))
      .map((stance) => ({ yes: "Yes", mixed: "Mixed", no: "No" })[stance]);
    expect(headings.slice(0, expected.length)).toEqual(expected);
  });

  it("lists the same disputes in a table: a row per \"contested by\", with links to both claims", async () => {
    const page = await openPage(path, { javaScriptEnabled: false });
    const table = page.getByRole("table", { name: /Each row is one “contested by”/ });
    const rows = table.getByRole("row");
    expect(await rows.count()).toBe(pairs.length + 1);
    const found = await rows.evaluateAll((nodes) =>
      nodes.slice(1).map((row) => [...row.querySelectorAll("td")].map((cell) => cell.querySelector("a")!.getAttribute("href"))),
    );
    expect(found.map(([a, b]) => `${a}>${b}`).sort()).toEqual(pairs.map(([a, b]) => `/claims/${a.id}>/claims/${b.id}`).sort());
  });

  it("takes a keyboard user from a claim on the map to its page", async () => {
    const page = await openPage(path);
    const claim = claims.get([...shown][0]!)!;
    const link = page.getByRole("group", { name: "Who contests whom, as a map" }).getByRole("link", { name: claim.title, exact: true });
    await link.focus();
    expect(await link.evaluate((node) => node === document.activeElement)).toBe(true);
    await page.keyboard.press("Enter");
    await page.waitForURL(`**/claims/${claim.id}`);
    await page.getByRole("heading", { level: 1, name: claim.title }).waitFor();
  });

  it("fits a 360 px phone: the map scrolls inside its box, the page does not scroll sideways", async () => {
    const page = await openPage(path, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    const box = page.locator(".map-scroll");
    expect(await box.evaluate((node) => node.scrollWidth > node.clientWidth)).toBe(true);
    await box.evaluate((node) => node.scrollBy({ left: node.scrollWidth, behavior: "instant" }));
    expect(await box.evaluate((node) => node.scrollLeft)).toBeGreaterThan(0);
  });

  it("prints the map within the page's width and the table of every dispute, without the links to other pages", async () => {
    const page = await openPage(path);
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("svg.dispute-map").evaluate((node) => node.getBoundingClientRect().right <= document.documentElement.clientWidth)).toBe(true);
    const text = (await printedPages(page)).flat().join(" ").replace(/\s+/g, "");
    for (const [a, b] of pairs) {
      expect(text, a.id).toContain(a.title.replace(/\s+/g, ""));
      expect(text, b.id).toContain(b.title.replace(/\s+/g, ""));
    }
    expect(text).toContain("Eachrowisone“contestedby”");
    expect(text).not.toContain("Everyanswertothisquestion");
  });

  it("is linked from the question page and the compare page", async () => {
    const question = await openPage(`/topics/${topic.id}`);
    await question.getByRole("link", { name: "Map of this dispute" }).click();
    await question.waitForURL(`**${path}`);
    await question.getByRole("heading", { level: 1, name: topic.title }).waitFor();
    const compare = await openPage(`/compare?topic=${topic.id}`);
    expect(await compare.getByRole("link", { name: "Map of this dispute" }).getAttribute("href")).toBe(path);
  });

  it("answers 404 for a question that does not exist", async () => {
    const page = await openPage("/topics/no-such-question/map");
    expect((await page.request.get("/topics/no-such-question/map")).status()).toBe(404);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("We could not find that page");
  });
});
