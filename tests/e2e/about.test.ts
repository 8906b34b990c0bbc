import { describe, expect, it } from "vitest";
import { FLAGS, type Citation } from "~/compiler/model";
import { axeInBothSchemes } from "./axe";
import { useBrowser } from "./browser";
import { content } from "./content";

const openPage = useBrowser();

async function citations(): Promise<Citation[]> {
  const debate = await content();
  return [
    ...debate.perspectives.flatMap((perspective) =>
      perspective.claims.flatMap((claim) => [...claim.evidence, ...claim.counterEvidence].flatMap((item) => item.citations)),
    ),
    ...debate.glossary.flatMap((term) => term.citations),
  ];
}

describe("the About page", () => {
  it("names the documents the content is written from and says which are Wikipedia articles", async () => {
    const debate = await content();
    const documentKeys = new Set((await citations()).map((citation) => citation.via ?? citation.key));
    const documents = debate.sources.filter((source) => documentKeys.has(source.key));
    expect(documents).toHaveLength(5);
    const page = await openPage("/about");
    expect(await page.title()).toBe("About · Counterpoint");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("About Counterpoint");
    const section = page.getByRole("region", { name: "Where the content comes from" });
    expect(await section.textContent()).toContain("written from five documents and nothing else; two of them are Wikipedia articles");
    const entries = section.getByRole("listitem");
    expect(await entries.count()).toBe(documents.length);
    for (const document of documents) {
      const exactTitle = new RegExp(`^${document.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
      const entry = entries.filter({ has: page.locator("cite").filter({ hasText: exactTitle }) });
      expect(await entry.count(), document.key).toBe(1);
      const text = await entry.textContent();
      const wikipedia = document.url?.includes("wikipedia.org") ?? false;
      expect(text?.includes(", a Wikipedia article"), document.key).toBe(wikipedia);
      expect(await entry.getByRole("link", { name: "every use of it" }).getAttribute("href")).toBe(`/sources#${document.key}`);
    }
  });

  it("tells a student how to cite a work read through a document", async () => {
    const debate = await content();
    const reported = (await citations()).filter((citation) => citation.via);
    const page = await openPage("/about");
    const section = page.getByRole("region", { name: "Scholarly works, as the documents report them" });
    const works = new Set(reported.map((citation) => citation.key));
    expect(await section.textContent()).toContain(`The documents report ${works.size} works`);
    const example = await section.locator("q").textContent();
    expect(example).toMatch(/^\(.+, .+, as cited in .+, .+\)$/);
    const names = (keys: Iterable<string>) => [...keys].map((key) => debate.sources.find((source) => source.key === key)!.citeName);
    expect(names(works).some((name) => example!.startsWith(`(${name}, `))).toBe(true);
    const cited = example!.slice(example!.indexOf("as cited in "));
    const document = debate.sources.find((source) => reported.some((citation) => citation.via === source.key) && (cited.includes(source.title) || cited.includes(source.citeName)));
    expect(document).toBeDefined();
    // A Wikipedia document is labelled as one wherever it is cited.
    expect(cited.includes(`“${document!.title}”, Wikipedia, `)).toBe(document!.url?.includes("wikipedia.org") ?? false);
  });

  it("explains every review flag with the model's label and description", async () => {
    const page = await openPage("/about");
    const section = page.getByRole("region", { name: "How to read" });
    const terms = await section.getByRole("term").allTextContents();
    const definitions = await section.getByRole("definition").allTextContents();
    expect(terms).toEqual(Object.values(FLAGS).map((flag) => flag.label));
    expect(definitions).toEqual(Object.values(FLAGS).map((flag) => flag.description));
  });

  it("gives the edition, the content licence with its link, and where to propose a correction", async () => {
    const page = await openPage("/about");
    expect(await page.getByRole("main").textContent()).toContain("Edition: Second edition, December 2026.");
    const licence = page.getByRole("region", { name: "Licence" });
    const link = licence.getByRole("link", { name: "CC BY-SA 4.0" });
    expect(await link.getAttribute("href")).toBe("https://creativecommons.org/licenses/by-sa/4.0/");
    expect(await link.getAttribute("rel")).toBe("license");
    expect(await licence.getByRole("link", { name: "“Sex trafficking”" }).getAttribute("href")).toBe("https://en.wikipedia.org/wiki/Sex_trafficking");
    expect(await licence.textContent()).toContain("code is separate from the content and keeps its own licence");
    const corrections = page.getByRole("region", { name: "Proposing a correction" });
    expect(await corrections.locator("code").allTextContents()).toContain("perspectives/README.md");
  });

  it("is linked from the footer of every page and from the home page", async () => {
    const page = await openPage("/");
    const fromHome = page.getByRole("main").getByRole("link", { name: "Where the content comes from" });
    expect(await fromHome.getAttribute("href")).toBe("/about");
    await page.getByRole("contentinfo").getByRole("link", { name: "About this content" }).click();
    await page.waitForURL("**/about");
    await page.getByRole("heading", { level: 1, name: "About Counterpoint" }).waitFor();
    const glossary = await openPage("/glossary");
    expect(await glossary.getByRole("contentinfo").getByRole("link", { name: "About this content" }).getAttribute("href")).toBe("/about");
  });

  it("is served without JavaScript, fits a 360 px phone and has no axe violations", async () => {
    const plain = await openPage("/about", { javaScriptEnabled: false });
    expect(await plain.getByRole("region", { name: "How to read" }).getByRole("term").count()).toBe(Object.keys(FLAGS).length);
    const phone = await openPage("/about", { viewport: { width: 360, height: 740 }, isMobile: true });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(await axeInBothSchemes(await openPage("/about"))).toEqual([]);
  });
});
