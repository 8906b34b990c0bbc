import { describe, expect, it } from "vitest";
import { axeInBothSchemes } from "./axe";
import { useBrowser } from "./browser";
import { content } from "./content";
import { pageTypes } from "./pages";
import { printedPages } from "./print";

const openPage = useBrowser();
const pages = Object.entries(await pageTypes());

/** The page types whose address in `pageTypes` shows review flags' badges (the claim chosen has flags). */
const WITH_FLAGS = ["compare", "projector", "viewpoint", "question", "claim"];

describe("a 360 px phone", () => {
  it.each(pages)("%s has no horizontal scroll, not even with a badge's tip shown", async (name, path) => {
    const page = await openPage(path, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    // A mobile browser widens the window to what overflows (innerWidth with it): the root's client width does not.
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    if (!WITH_FLAGS.includes(name)) return;
    // The badge nearest the right edge of the screen, whose tip has the least room (those the compare page's columns scroll out of view aside).
    const badges = page.locator(".flag:visible");
    const rights = await badges.evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().right).map((right) => (right <= 360 ? right : 0)));
    expect(rights.length).toBeGreaterThan(0);
    const badge = badges.nth(rights.indexOf(Math.max(...rights)));
    await badge.focus();
    const tip = badge.getByRole("tooltip");
    expect(await tip.isVisible()).toBe(true);
    expect(await tip.evaluate((node) => node.getBoundingClientRect().right)).toBeLessThanOrEqual(360);
    expect(await overflow()).toBeLessThanOrEqual(0);
  });

  it("switches between viewpoints one at a time on the compare page", async () => {
    const page = await openPage(pages.find(([name]) => name === "compare")![1], { viewport: { width: 360, height: 740 } });
    const switcher = page.getByRole("navigation", { name: "Jump to a viewpoint" });
    expect(await switcher.isVisible()).toBe(true);
    const columns = page.locator("section.column");
    const widths = await columns.evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().width));
    for (const width of widths) expect(width).toBeGreaterThan(300);
    const second = switcher.getByRole("link").nth(1);
    const id = (await second.getAttribute("href"))!.slice(1);
    await second.click();
    await expect.poll(() => page.locator(`[id="${id}"]`).evaluate((node) => Math.round(node.getBoundingClientRect().left))).toBeLessThan(40);
  });
});

describe("sticky parts on a 360 px phone", () => {
  const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

  it("home: the matrix's question column stays in view while the matrix scrolls sideways", async () => {
    const page = await openPage("/", phone);
    const scroller = page.getByRole("region", { name: "Stance matrix, scrolls sideways" });
    const question = scroller.getByRole("rowheader").first();
    const lastColumn = scroller.getByRole("columnheader").last();
    const left = async (locator: typeof question) => locator.evaluate((node) => Math.round(node.getBoundingClientRect().left));
    const before = { question: await left(question), lastColumn: await left(lastColumn) };
    await scroller.evaluate((node) => node.scrollBy({ left: node.scrollWidth, behavior: "instant" }));
    expect(await left(lastColumn)).toBeLessThan(before.lastColumn);
    // Pinned at the scroller's edge: at most the table's collapsed border away from where it began.
    expect(Math.abs((await left(question)) - before.question)).toBeLessThanOrEqual(1);
  });

  it("compare: a viewpoint the bar jumps to is not hidden under the bar", async () => {
    // Without smooth scrolling the jump ends at once, so what is measured is where it lands.
    const page = await openPage(pages.find(([name]) => name === "compare")![1], { ...phone, reducedMotion: "reduce" });
    const bar = page.getByRole("navigation", { name: "Jump to a viewpoint" });
    const link = bar.getByRole("link").last();
    const id = (await link.getAttribute("href"))!.slice(1);
    await link.click();
    const heading = page.locator(`[id="${id}"]`).getByRole("heading").first();
    await expect.poll(() => heading.evaluate((node) => Math.round(node.getBoundingClientRect().left))).toBeLessThan(40);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    const barBottom = await bar.evaluate((node) => node.getBoundingClientRect().bottom);
    expect(await heading.evaluate((node) => node.getBoundingClientRect().top)).toBeGreaterThanOrEqual(barBottom);
  });
});

describe("accessibility (axe-core, WCAG 2.2 AA and best practices)", () => {
  // A full scan of a long page takes 2 to 5 s on a quiet machine, and many times that when others' jobs load it.
  it.each(pages)("%s has no violations in light mode, nor colour violations in dark mode", async (_name, path) => {
    expect(await axeInBothSchemes(await openPage(path))).toEqual([]);
  }, 120_000);

  it("reports what it finds: an image without a text alternative, and text too faint only in dark mode", async () => {
    const page = await openPage("/");
    await page.evaluate(() => {
      const planted = document.createElement("div");
      planted.innerHTML = `<img src="/favicon.ico"><p id="faint">Faint in the dark</p>`;
      document.querySelector("main")!.append(planted);
      // Through the CSSOM: the page's policy refuses a <style> element added to it.
      const sheet = new CSSStyleSheet();
      sheet.replaceSync("@media (prefers-color-scheme: dark) { #faint { color: #222; background: #000 } }");
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    });
    const found = await axeInBothSchemes(page);
    expect(found.filter((line) => line.startsWith("light: "))).toEqual([expect.stringMatching(/^light: image-alt: /)]);
    expect(found.filter((line) => line.startsWith("dark: "))).toEqual(["dark: color-contrast: #faint"]);
  });
});

describe("print", () => {
  it("prints a question as a handout with its sources and without the controls", async () => {
    const page = await openPage(pages.find(([name]) => name === "compare")![1]);
    const sourcesList = page.getByRole("region", { name: "Sources cited on this page" });
    expect(await sourcesList.isVisible()).toBe(false);
    await page.emulateMedia({ media: "print" });
    expect(await sourcesList.isVisible()).toBe(true);
    const cited = await page.locator(".citations a[href^='/sources#']").evaluateAll((links) =>
      links.map((link) => decodeURIComponent(link.getAttribute("href")!.slice("/sources#".length))),
    );
    const debate = await content();
    const listed = await sourcesList.getByRole("listitem").allTextContents();
    for (const key of new Set(cited)) {
      const source = debate.sources.find((candidate) => candidate.key === key)!;
      expect(listed.some((entry) => entry.includes(source.references!.apa.text)), key).toBe(true);
    }
    expect(await page.locator(".compare-controls").isVisible()).toBe(false);
    expect(await page.getByRole("navigation", { name: "Main" }).isVisible()).toBe(false);
    expect(await page.locator("article.claim").first().isVisible()).toBe(true);
    expect(await page.locator(".citations").first().isVisible()).toBe(true);
  });
});

describe("printed brief", () => {
  it("prints as a handout: the claims with their evidence and the reference list, without the controls", async () => {
    const page = await openPage(pages.find(([name]) => name === "brief")![1]);
    const ids = new URL(page.url()).searchParams.getAll("c");
    const debate = await content();
    const claims = ids.map((id) => debate.perspectives.flatMap((perspective) => perspective.claims).find((claim) => claim.id === id)!);
    const controls = [
      page.getByRole("navigation", { name: "Brief exports" }),
      page.getByRole("list", { name: `Arrange: ${claims[0]!.title}` }),
      page.getByRole("search", { name: "Search the debate" }),
    ];
    for (const control of controls) expect(await control.isVisible()).toBe(true);
    await page.emulateMedia({ media: "print" });
    for (const [index, control] of controls.entries()) expect(await control.isVisible(), String(index)).toBe(false);
    for (const claim of claims) {
      const article = page.getByRole("article", { name: claim.title });
      expect(await article.getByText(claim.statement, { exact: true }).isVisible(), claim.id).toBe(true);
      expect(await article.getByRole("heading", { name: "Evidence", exact: true }).isVisible(), claim.id).toBe(true);
      expect(await article.locator(".item-evidence").count(), claim.id).toBe(claim.evidence.length);
      expect(await article.locator(".item-evidence").first().isVisible(), claim.id).toBe(true);
    }
    const references = page.getByRole("region", { name: "References (APA)" });
    expect(await references.isVisible()).toBe(true);
    expect(await references.getByRole("listitem").count()).toBeGreaterThan(0);
  });
});

describe("printed pages", () => {
  // Long enough to print on many pages: every viewpoint's answer, and a claim.
  const printed = pages.filter(([name]) => ["compare", "projector", "claim"].includes(name));

  /** The page opened as a reader would, once the browser has filled in the footer's address and date. */
  async function openForPrint(path: string) {
    const page = await openPage(path);
    await page.waitForFunction(() => document.documentElement.style.getPropertyValue("--print-footer").includes("printed"));
    return page;
  }

  // A long address wraps in the footer, so the footer is looked for in each page's text without its line breaks.
  const unbroken = (text: string) => text.replace(/\s+/g, "");
  const footerPattern = (href: string) => new RegExp(`${unbroken(href).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}·printed[A-Z][a-z]+\\d{1,2},\\d{4}`, "g");

  // One print per page, read for all three properties: printing and reading a PDF is the slow part.
  it.each(printed)("%s prints a footer on every page, starts its content on the first, and strands no heading", async (_name, path) => {
    const page = await openForPrint(path);
    const footer = footerPattern(await page.evaluate(() => window.location.href));
    const title = unbroken((await page.getByRole("heading", { level: 1 }).first().textContent()) ?? "");
    const headings = (await page.locator("h1, h2, h3, h4, .item .kind").allTextContents()).map((text) => text.replace(/\s+/g, " ").trim().toLowerCase());
    const sheets = await printedPages(page);
    expect(sheets.length).toBeGreaterThan(1);

    // The page's address, the date and its number in every page's footer.
    sheets.forEach((lines, index) => {
      // Once per page: the copy at the end of the page is not printed where the footer is.
      expect(unbroken(lines.join("")).match(footer), `page ${index + 1}`).toHaveLength(1);
      // pdftotext keeps or drops the spaces around the slash as the glyphs fall.
      expect(lines.some((line) => line.replace(/\s/g, "") === `${index + 1}/${sheets.length}`), `page ${index + 1}`).toBe(true);
    });

    // The first printed page starts the page's content, not only its header.
    expect(unbroken(sheets[0]!.join(""))).toContain(title);

    // No heading, nor an item's kind label, is the last line of a printed page.
    for (const [index, lines] of sheets.slice(0, -1).entries()) {
      const footerText = unbroken(lines.join("")).match(footer)![0];
      const body = lines.filter((line) => !footerText.includes(unbroken(line)) && !/^\d+ \/ \d+$/.test(line));
      // A heading, wrapped or not, is stranded when it fills the page's last lines exactly.
      const endings = body.map((_, start) => unbroken(body.slice(start).join("")).toLowerCase());
      const stranded = headings.find((heading) => endings.includes(unbroken(heading)));
      expect(stranded, `page ${index + 1} ends with “${body.at(-1)}”`).toBeUndefined();
    }
  });
});

describe("printed projector view", () => {
  it("prints every claim's evidence open, without the folding marker", async () => {
    const page = await openPage(pages.find(([name]) => name === "projector")![1]);
    const card = page.locator("article.claim").first();
    const firstItem = card.locator(".item-evidence").first();
    expect(await firstItem.isVisible()).toBe(false);
    await page.emulateMedia({ media: "print" });
    expect(await firstItem.isVisible()).toBe(true);
    expect(await card.locator(".item-counter-evidence").first().isVisible()).toBe(true);
    const marker = await card.locator("summary").first().evaluate((node) => getComputedStyle(node).display + " " + getComputedStyle(node).listStyleType);
    expect(marker).not.toContain("disclosure");
    expect(await page.locator(".print-address").textContent()).toMatch(/\/compare\?.*present.*printed \w+ \d+, \d{4}/);
  });
});

describe("shared links", () => {
  it.each(pages.filter(([name]) => name !== "not found"))("%s has its own title, description and Open Graph tags", async (_name, path) => {
    const page = await openPage(path);
    const title = await page.title();
    const description = await page.locator('meta[name="description"]').getAttribute("content");
    expect(title).toMatch(/Counterpoint/);
    expect(description?.length).toBeGreaterThan(20);
    expect(await page.locator('meta[property="og:title"]').getAttribute("content")).toBe(title);
    expect(await page.locator('meta[property="og:description"]').getAttribute("content")).toBe(description);
  });
});
