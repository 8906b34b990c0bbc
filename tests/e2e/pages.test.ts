import { describe, expect, it } from "vitest";
import { citedKeys } from "~/compiler/model";
import { STANCE_LABELS } from "~/lib/labels";
import { baseUrl, useBrowser } from "./browser";
import { content, linkedClaim } from "./content";

const openPage = useBrowser();

describe("every page type shows the real content", () => {
  it("home: viewpoints, questions, a content note and the stance matrix", async () => {
    const debate = await content();
    const page = await openPage("/");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(debate.title);
    expect(await page.getByRole("complementary", { name: "Content note" }).textContent()).toContain(debate.contentNote);
    const matrix = page.getByRole("table");
    expect(await matrix.getByRole("row").count()).toBe(debate.topics.length + 1);
    expect(await matrix.getByRole("columnheader").count()).toBe(debate.perspectives.length + 1);
    const first = debate.perspectives[0]!;
    const topic = debate.topics[0]!;
    const stance = first.positions.find((position) => position.topic === topic.id)!.stance;
    const cell = matrix.getByRole("link", { name: `${first.name} on ${topic.title}: ${stance.replace("-", " ")}` });
    expect(await cell.textContent()).toContain(STANCE_LABELS[stance]);
    await cell.click();
    await page.waitForURL(`**/topics/${topic.id}#${first.id}`);
    await page.getByRole("heading", { level: 1, name: topic.title }).waitFor();
    for (const perspective of debate.perspectives) {
      expect(await page.getByRole("heading", { level: 2, name: perspective.name }).count()).toBe(1);
    }
  });

  it("viewpoint: tradition, proponents, policy and every claim by question", async () => {
    const perspective = (await content()).perspectives[0]!;
    const page = await openPage(`/perspectives/${perspective.id}`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(perspective.name);
    const facts = await page.locator("dl.facts").textContent();
    expect(facts).toContain(perspective.tradition);
    expect(facts).toContain(perspective.policy);
    for (const proponent of perspective.proponents) expect(facts).toContain(proponent);
    expect(await page.locator("article.claim").count()).toBe(perspective.claims.length);
    for (const claim of perspective.claims) {
      expect(await page.getByRole("heading", { level: 3, name: claim.title, exact: true }).count()).toBe(1);
    }
  });

  it("question: every viewpoint's answer", async () => {
    const debate = await content();
    const topic = debate.topics[1]!;
    const page = await openPage(`/topics/${topic.id}`);
    expect(await page.locator(".question").first().textContent()).toBe(topic.question);
    for (const perspective of debate.perspectives) {
      const section = page.getByRole("region", { name: perspective.name });
      const stance = perspective.positions.find((position) => position.topic === topic.id)?.stance ?? "not-addressed";
      expect(await section.locator(".topic-section-header .stance").textContent()).toContain(STANCE_LABELS[stance]);
      const claims = perspective.claims.filter((claim) => claim.topic === topic.id);
      expect(await section.locator("article.claim").count()).toBe(claims.length);
    }
  });

  it("claim: statement, evidence, counter-evidence, contested-by and cite this claim", async () => {
    const { target } = await linkedClaim();
    const debate = await content();
    const claim = debate.perspectives.flatMap((perspective) => perspective.claims).find((candidate) => candidate.id === target)!;
    const page = await openPage(`/claims/${claim.id}`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(claim.title);
    expect(await page.locator(".statement").textContent()).toBe(claim.statement);
    const evidence = page.getByRole("region", { name: "Evidence", exact: true });
    expect(await evidence.getByRole("listitem").filter({ has: page.locator(".kind") }).count()).toBe(claim.evidence.length);
    const contested = page.getByRole("region", { name: "Contested by" });
    expect(await contested.getByRole("link").count()).toBe(claim.contestedBy.length);
    const cite = page.getByRole("region", { name: "Cite this claim" });
    const apa = await cite.getByRole("region", { name: "APA" }).textContent();
    expect(apa).toContain(`/claims/${claim.id}`);
    const keys = new Set(claim.evidence.concat(claim.counterEvidence).flatMap((item) => item.citations.map((citation) => citation.key)));
    const bibtex = await cite.getByRole("region", { name: "BibTeX" }).textContent();
    for (const key of keys) expect(bibtex).toContain(`{${key},`);
    const firstWork = debate.sources.find((source) => keys.has(source.key))!;
    expect(apa).toContain(firstWork.references!.apa.text);
    for (const style of ["Chicago", "MLA"]) expect(await cite.getByRole("region", { name: style }).textContent()).toContain("Works the claim rests on");
  });

  it("claim: the copy buttons put the citation on the clipboard, as rich text and as plain text", async () => {
    const claim = (await content()).perspectives[0]!.claims[0]!;
    const page = await openPage(`/claims/${claim.id}`, { permissions: ["clipboard-read", "clipboard-write"] });
    await page.getByRole("button", { name: "Copy APA as plain text" }).click();
    await page.getByText("· copied").first().waitFor();
    const plain = await page.evaluate(() => navigator.clipboard.readText());
    expect(plain.startsWith("The claim’s page\n")).toBe(true);
    expect(plain).toContain(`/claims/${claim.id}`);
    expect(plain).not.toContain("<i>");
    await page.getByRole("button", { name: "Copy APA", exact: true }).click();
    // The write is asynchronous: wait until the clipboard holds the rich copy.
    const richCopy = () =>
      page.evaluate(async () => {
        const [item] = await navigator.clipboard.read();
        return item!.types.includes("text/html") ? await (await item!.getType("text/html")).text() : "";
      });
    await expect.poll(richCopy, { timeout: 5_000 }).toContain("<i>");
    expect(await richCopy()).toContain(`/claims/${claim.id}`);
  });

  it("sources: each work with the claims that cite it, phrases as text-fragment links", async () => {
    const debate = await content();
    const page = await openPage("/sources");
    expect(await page.locator("ol.source-list > li").count()).toBe(debate.sources.length);
    const withUrl = debate.sources.find((source) => source.url && source.key.startsWith("wp-"))!;
    const entry = page.locator(`li[id="${withUrl.key}"]`);
    const fragment = entry.locator(`a[href^="${withUrl.url}#:~:text="]`).first();
    expect(await fragment.count()).toBe(1);
    const phrase = decodeURIComponent((await fragment.getAttribute("href"))!.split("#:~:text=")[1]!);
    expect(await fragment.textContent()).toBe(`“${phrase}”`);
  });

  it("sources: the claims citing each work travel once, rendered, and stay after hydration, a filter and a client-side navigation", async () => {
    const debate = await content();
    const cited = new Set(
      debate.perspectives.flatMap((perspective) =>
        perspective.claims.flatMap((claim) => [...claim.evidence, ...claim.counterEvidence].flatMap((item) => item.citations.flatMap(citedKeys))),
      ),
    );
    const works = debate.sources.length;
    const claim = debate.perspectives[0]!.claims[0]!;
    // The page's data names no claim: the lists are in the HTML alone.
    const data = await (await fetch(`${baseUrl()}/sources.data`)).text();
    expect(data).not.toContain(`/claims/${claim.id}`);
    expect(data).not.toContain(claim.title);

    const page = await openPage(`/claims/${claim.id}`);
    const lists = page.locator("ol.source-list ul.uses");
    // Every cited work's list has its claims (the lists' ids are `uses-` and the work's key).
    const everyListFilled = () =>
      lists.evaluateAll((nodes, keys) => nodes.length > 0 && nodes.every((node) => node.children.length > 0 || !keys.includes(node.id.slice(5))), [...cited]);
    // Reached by a client-side navigation, with nothing rendered to keep: the lists are fetched.
    await page.locator(".citations a[href^='/sources#']").first().click();
    await page.waitForURL("**/sources#*");
    await expect.poll(everyListFilled).toBe(true);
    expect(await lists.count()).toBe(works);

    // Loaded with a filter: the works it left out get their lists back when it is cleared.
    await page.goto("/sources?q=zzz-no-such-work");
    await page.locator("html.js").waitFor({ state: "attached" });
    expect(await lists.count()).toBe(0);
    await page.getByRole("searchbox", { name: "Filter by author, title or publication" }).fill("");
    await expect.poll(() => lists.count()).toBe(works);
    await expect.poll(everyListFilled).toBe(true);

    // Hydrated from the page as served, then narrowed and widened again: the lists are kept, never fetched.
    const fetched: string[] = [];
    const hydrated = await openPage("/sources", {}, async (opened) => {
      opened.on("request", (request) => {
        if (request.url().includes("/sources/uses.json")) fetched.push(request.url());
      });
    });
    const kept = hydrated.locator("ol.source-list ul.uses");
    const first = await kept.first().innerHTML();
    await hydrated.getByRole("searchbox", { name: "Filter by author, title or publication" }).fill(debate.sources.at(-1)!.key);
    await expect.poll(() => kept.count()).toBeLessThan(works);
    await hydrated.getByRole("searchbox", { name: "Filter by author, title or publication" }).fill("");
    await expect.poll(() => kept.count()).toBe(works);
    expect(await kept.first().innerHTML()).toBe(first);
    expect(await kept.evaluateAll((nodes, keys) => nodes.every((node) => node.children.length > 0 || !keys.includes(node.id.slice(5))), [...cited])).toBe(true);
    expect(fetched).toEqual([]);
  });

  it("glossary: every term with its definition, and first uses elsewhere link to it", async () => {
    const debate = await content();
    const page = await openPage("/glossary");
    for (const term of debate.glossary) {
      expect(await page.locator(`[id="${term.id}"] dfn`).textContent()).toBe(term.term);
    }
    const compare = await openPage(`/perspectives/${debate.perspectives[0]!.id}`);
    const termLinks = compare.locator("a.term");
    expect(await termLinks.count()).toBeGreaterThan(0);
    const hrefs = await termLinks.evaluateAll((links) => links.map((link) => link.getAttribute("href")));
    expect(new Set(hrefs).size).toBe(hrefs.length);
  });
});

describe("unknown addresses", () => {
  it.each(["/perspectives/no-such-view", "/topics/no-such-question", "/claims/no-such-claim", "/compare?topic=nope", "/no/such/page"])(
    "%s answers 404 with a useful page and no stack trace",
    async (path) => {
      const page = await openPage(path);
      const response = await page.request.get(path);
      expect(response.status()).toBe(404);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("We could not find that page");
      expect(await page.getByRole("link", { name: "comparison" }).count()).toBe(1);
      expect(await page.content()).not.toMatch(/at \w+ \(|node_modules|\.tsx?:\d+/);
    },
  );
});

describe("a newcomer's path", () => {
  it("goes from the home page to who contests a raids claim, its permalink and its citation", async () => {
    const debate = await content();
    const raids = debate.topics.find((topic) => topic.id === "raids")!;
    const contested = debate.perspectives
      .flatMap((perspective) => perspective.claims)
      .find((claim) => claim.topic === raids.id && claim.contestedBy.length > 0)!;
    const page = await openPage("/", { permissions: ["clipboard-read", "clipboard-write"] });
    await page.getByRole("region", { name: "The questions" }).getByRole("link", { name: raids.title, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: raids.title }).waitFor();
    for (const perspective of debate.perspectives) {
      expect(await page.getByRole("heading", { level: 2, name: perspective.name }).count()).toBe(1);
    }
    const card = page.locator(`article[id="${contested.id}"]`);
    expect(await card.getByRole("region", { name: "Contested by" }).getByRole("link").count()).toBe(contested.contestedBy.length);
    await card.getByRole("heading", { name: contested.title }).getByRole("link").click();
    await page.waitForURL(`**/claims/${contested.id}`);
    await page.getByRole("button", { name: "Copy Chicago as plain text" }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(`/claims/${contested.id}`);
    // Chicago sets titles in title case.
    expect(copied.toLowerCase()).toContain(contested.title.toLowerCase());
  });
});

describe("citations of Wikipedia", () => {
  it("labels a citation of a Wikipedia article as Wikipedia wherever it is cited", async () => {
    const debate = await content();
    const wikipedia = debate.sources.filter((source) => source.url && new URL(source.url).hostname.endsWith("wikipedia.org"));
    expect(wikipedia.length).toBeGreaterThan(0);
    const source = wikipedia[0]!;
    const claim = debate.perspectives
      .flatMap((perspective) => perspective.claims)
      .find((candidate) => candidate.evidence.some((item) => item.citations.some((citation) => citation.key === source.key && !citation.via)))!;
    const page = await openPage(`/claims/${claim.id}`);
    const links = page.locator(`article.claim .citations a[href="/sources#${source.key}"]`);
    expect(await links.count()).toBeGreaterThan(0);
    for (const text of await links.allTextContents()) expect(text).toBe(`${source.citeName} (Wikipedia, ${source.year})`);
  });

  it("labels it in a viewpoint's prose too", async () => {
    const debate = await content();
    const pairs = debate.sources
      .filter((candidate) => candidate.url && new URL(candidate.url).hostname.endsWith("wikipedia.org"))
      .flatMap((candidate) => debate.perspectives.filter((p) => p.overviewHtml.includes(`/sources#${candidate.key}"`)).map((p) => ({ source: candidate, perspective: p })));
    expect(pairs.length).toBeGreaterThan(0);
    const { source, perspective } = pairs[0]!;
    const page = await openPage(`/perspectives/${perspective.id}`);
    const links = page.locator(`.perspective-page > .prose a.citation[href="/sources#${source.key}"]`);
    expect(await links.count()).toBeGreaterThan(0);
    for (const text of await links.allTextContents()) expect(text).toBe(`${source.citeName}, Wikipedia, ${source.year}`);
  });
});
