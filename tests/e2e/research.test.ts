import { readFile } from "node:fs/promises";
import { Cite } from "@citation-js/core";
import "@citation-js/plugin-bibtex";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { useBrowser } from "./browser";
import { content } from "./content";

const openPage = useBrowser();

describe("a student researching the Nordic model", () => {
  it("searches from the home page, adds three claims from two viewpoints, and downloads the brief as .docx and .bib", async () => {
    const debate = await content();
    const page = await openPage("/");
    await page.keyboard.press("/");
    const box = page.getByRole("searchbox", { name: "Search claims, evidence and sources" });
    await expect.poll(() => box.evaluate((element) => element === document.activeElement)).toBe(true);
    await box.fill("Nordic model");
    await box.press("Enter");
    await page.waitForURL("**/search?q=Nordic+model");
    await page.getByRole("heading", { level: 2, name: /claims? for “Nordic model”/ }).waitFor();

    // Three results from two viewpoints: two from the first result's viewpoint, one from another.
    const results = page.locator("li.result");
    const found = await Promise.all(
      (await results.all()).map(async (result) => {
        const href = (await result.getByRole("heading", { level: 3 }).getByRole("link").getAttribute("href"))!;
        const id = href.replace("/claims/", "");
        return { result, id, viewpoint: debate.perspectives.find((perspective) => perspective.claims.some((claim) => claim.id === id))!.id };
      }),
    );
    const counts = new Map<string, number>();
    for (const entry of found) counts.set(entry.viewpoint, (counts.get(entry.viewpoint) ?? 0) + 1);
    const main = [...counts].find(([, count]) => count >= 2)![0];
    const chosen = [...found.filter((entry) => entry.viewpoint === main).slice(0, 2), found.find((entry) => entry.viewpoint !== main)!];
    for (const { result } of chosen) {
      await result.getByRole("button", { name: /^Add to brief/ }).click();
      await expect.poll(() => result.getByRole("button", { name: /^In brief/ }).getAttribute("aria-pressed")).toBe("true");
    }
    expect(chosen).toHaveLength(3);
    expect(new Set(chosen.map((entry) => entry.viewpoint)).size).toBe(2);
    await expect.poll(() => page.getByRole("link", { name: /^Brief/ }).textContent()).toContain("(3)");

    await page.getByRole("link", { name: /^Brief/ }).click();
    await page.getByRole("heading", { level: 1, name: "Brief" }).waitFor();
    for (const { id } of chosen) {
      const claim = debate.perspectives.flatMap((perspective) => perspective.claims).find((candidate) => candidate.id === id)!;
      await page.getByRole("heading", { level: 3, name: claim.title }).waitFor();
    }

    const [docx] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Word (.docx)" }).click()]);
    const [bib] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "BibTeX (.bib)" }).click()]);
    const xml = strFromU8(unzipSync(new Uint8Array(await readFile((await docx.path())!)))["word/document.xml"]!);
    const text = xml.replace(/<\/w:p>/g, "\n").replace(/<[^>]+>/g, "").replace(/&amp;/g, "&").replace(/&apos;/g, "'").replace(/&quot;/g, '"');
    const bibItems = new Cite(await readFile((await bib.path())!, "utf8")).data;
    expect(bibItems.length).toBeGreaterThan(0);
    for (const item of bibItems) {
      const source = debate.sources.find((candidate) => candidate.key === item.id)!;
      // The APA entry, as citeproc formats it, is in the Word document's reference list.
      expect(text, item.id).toContain(source.references!.apa.text);
    }
    expect(text).toContain("References");
  });

  it("adds to the brief without JavaScript, through the URL", async () => {
    const debate = await content();
    const claim = debate.perspectives[1]!.claims[0]!;
    const page = await openPage(`/claims/${claim.id}`, { javaScriptEnabled: false });
    await page.getByRole("link", { name: new RegExp(`^Add to brief\\W+${claim.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) }).click();
    await page.waitForURL((url) => url.pathname === "/brief" && url.searchParams.getAll("c").join() === claim.id);
    await page.getByRole("heading", { level: 3, name: claim.title }).waitFor();
    expect(await page.getByRole("link", { name: "Word (.docx)" }).getAttribute("href")).toBe(`/brief.docx?c=${claim.id}`);
  });

  it("reorders and removes claims, with JavaScript and without, never writing over the brief kept in the browser", async () => {
    const debate = await content();
    const topic = debate.topics.find((candidate) => debate.perspectives.flatMap((perspective) => perspective.claims).filter((claim) => claim.topic === candidate.id).length >= 3)!;
    const [a, b, c] = debate.perspectives.flatMap((perspective) => perspective.claims).filter((claim) => claim.topic === topic.id);
    const order = (url: string) => new URL(url).searchParams.getAll("c");
    const start = `/brief?c=${a!.id}&c=${b!.id}&c=${c!.id}`;

    // The reader keeps a brief of their own; a shared brief is arranged without touching it.
    const page = await openPage(`/brief?c=${c!.id}`);
    await page.getByRole("button", { name: "Keep this brief in this browser" }).click();
    const kept = () => page.evaluate(() => window.localStorage.getItem("counterpoint-brief"));
    await expect.poll(kept).toBe(JSON.stringify([c!.id]));
    await page.goto(start);
    await page.getByRole("list", { name: `Arrange: ${a!.title}` }).getByRole("link", { name: /^Move down/ }).click();
    await page.waitForURL((url) => order(url.href).join() === [b!.id, a!.id, c!.id].join());
    const titles = () => page.getByRole("article").getByRole("heading", { level: 3 }).allTextContents();
    await expect.poll(titles).toEqual([b!.title, a!.title, c!.title]);
    expect(await kept()).toBe(JSON.stringify([c!.id]));

    // Once kept, arranging it changes the kept brief too.
    await page.getByRole("button", { name: "Keep this brief in this browser" }).click();
    await expect.poll(kept).toBe(JSON.stringify([b!.id, a!.id, c!.id]));
    await page.getByRole("list", { name: `Arrange: ${b!.title}` }).getByRole("link", { name: /^Remove/ }).click();
    await page.waitForURL((url) => order(url.href).join() === [a!.id, c!.id].join());
    await expect.poll(titles).toEqual([a!.title, c!.title]);
    await expect.poll(kept).toBe(JSON.stringify([a!.id, c!.id]));
    await expect.poll(() => page.getByRole("link", { name: /^Brief/ }).textContent()).toContain("(2)");

    const still = await openPage(start, { javaScriptEnabled: false });
    await still.getByRole("list", { name: `Arrange: ${c!.title}` }).getByRole("link", { name: /^Move up/ }).click();
    await still.waitForURL((url) => order(url.href).join() === [a!.id, c!.id, b!.id].join());
    await still.getByRole("list", { name: `Arrange: ${a!.title}` }).getByRole("link", { name: /^Remove/ }).click();
    await still.waitForURL((url) => order(url.href).join() === [c!.id, b!.id].join());
    expect(await still.getByRole("article").getByRole("heading", { level: 3 }).allTextContents()).toEqual([c!.title, b!.title]);
  });
});
