import { Cite } from "@citation-js/core";
import "@citation-js/plugin-bibtex";
import "@citation-js/plugin-csl";
import { unzipSync, strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { citedKeys, type Claim } from "~/compiler/model";
import { baseUrl } from "../e2e/browser";
import { content } from "../e2e/content";

async function sample(): Promise<{ claims: Claim[]; query: string; keys: string[] }> {
  const debate = await content();
  // Three claims from two viewpoints, one of them citing a work through another.
  const [first, second] = debate.perspectives;
  const viaClaim = first!.claims.find((claim) => claim.evidence.some((item) => item.citations.some((citation) => citation.via))) ?? first!.claims[0]!;
  const claims = [viaClaim, first!.claims.find((claim) => claim !== viaClaim)!, second!.claims[0]!];
  const keys = [...new Set(claims.flatMap((claim) => [...claim.evidence, ...claim.counterEvidence]).flatMap((item) => item.citations.flatMap(citedKeys)))].sort();
  return { claims, query: claims.map((claim) => `c=${claim.id}`).join("&"), keys };
}

/** A strict reader of RIS: every line is `TG  - value`, every record ends with ER. */
function parseRis(text: string) {
  const records: Array<Record<string, string[]>> = [];
  let current: Record<string, string[]> | undefined;
  for (const line of text.split(/\r\n/)) {
    if (line === "") continue;
    const match = /^([A-Z][A-Z0-9])  - (.*)$/.exec(line);
    if (!match) throw new Error(`Not a RIS line: ${JSON.stringify(line)}`);
    const [, tag, value] = match as unknown as [string, string, string];
    if (tag === "TY") current = {};
    if (!current) throw new Error(`${tag} before TY`);
    if (tag === "ER") {
      records.push(current);
      current = undefined;
      continue;
    }
    (current[tag] ??= []).push(value);
  }
  if (current) throw new Error("A record without ER");
  return records;
}

const decodeXml = (text: string) => text.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

describe("brief exports", () => {
  it("shows the brief grouped by question, and reports unknown claims", async () => {
    const { claims, query } = await sample();
    const html = await (await fetch(`${baseUrl()}/brief?${query}&c=no-such-claim`)).text();
    for (const claim of claims) expect(html).toContain(claim.title.replace(/'/g, "&#x27;"));
    expect(html).toContain("no-such-claim");
    expect(html).toMatch(/role="alert"/);
    const exported = await fetch(`${baseUrl()}/brief.bib?${query}&c=no-such-claim`);
    expect(exported.status).toBe(404);
    expect(await exported.text()).toContain('No claim "no-such-claim"');
  });

  it("exports only the cited works as BibTeX that parses back", async () => {
    const { query, keys } = await sample();
    const text = await (await fetch(`${baseUrl()}/brief.bib?${query}`)).text();
    const items = new Cite(text).data;
    expect(items.map((item) => item.id).sort()).toEqual(keys);
  });

  it("exports RIS whose records match the works", async () => {
    const { query, keys } = await sample();
    const debate = await content();
    const records = parseRis(await (await fetch(`${baseUrl()}/brief.ris?${query}`)).text());
    expect(records.map((record) => record.ID![0]).sort()).toEqual(keys);
    for (const record of records) {
      const source = debate.sources.find((candidate) => candidate.key === record.ID![0])!;
      expect(record.TI![0]).toBe(source.csl.title);
      const authors = (source.csl.author as Array<{ family?: string; literal?: string }> | undefined) ?? [];
      expect((record.AU ?? []).map((name) => name.split(",")[0])).toEqual(authors.map((name) => name.family ?? name.literal));
    }
  });

  it("exports CSL-JSON that citeproc formats, and pandoc Markdown citing the same keys", async () => {
    const { query, keys } = await sample();
    const items = (await (await fetch(`${baseUrl()}/brief.json?${query}`)).json()) as Array<{ id: string }>;
    expect(items.map((item) => item.id).sort()).toEqual(keys);
    expect(new Cite(items).format("bibliography", { template: "apa" })).toContain("(");
    const markdown = await (await fetch(`${baseUrl()}/brief.md?${query}`)).text();
    expect(markdown).toMatch(/^---\ntitle: .+\nbibliography: brief\.bib\n/);
    const cited = [...markdown.matchAll(/@([\w-]+)/g)].map((match) => match[1]!);
    expect([...new Set(cited)].sort()).toEqual(keys);
    expect(markdown).toMatch(/\[@[\w-]+, [^\]]+\]/);
  });

  it("exports a Word document holding the claims, their evidence and an APA reference list", async () => {
    const { claims, query, keys } = await sample();
    const debate = await content();
    const response = await fetch(`${baseUrl()}/brief.docx?${query}`);
    expect(response.headers.get("content-type")).toContain("wordprocessingml");
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const xml = strFromU8(files["word/document.xml"]!);
    const text = decodeXml(xml.replace(/<w:tab\/>/g, "\t").replace(/<\/w:p>/g, "\n").replace(/<[^>]+>/g, ""));
    for (const claim of claims) {
      expect(text).toContain(claim.title);
      expect(text).toContain(claim.statement);
      expect(text).toContain(claim.evidence[0]!.text);
    }
    const listed = keys.map((key) => debate.sources.find((source) => source.key === key)!);
    // APA lists every cited work, in APA order; the titles are in italic runs.
    const order = listed
      .map((source) => ({ key: source.key, at: text.indexOf(source.references!.apa.text) }))
      .sort((a, b) => a.at - b.at);
    for (const entry of order) expect(entry.at, entry.key).toBeGreaterThan(0);
    expect(order.map((entry) => entry.key)).toEqual([...listed].sort((a, b) => a.references!.apa.rank - b.references!.apa.rank).map((source) => source.key));
    expect(xml).toMatch(/<w:i\/>/);
  });
});
