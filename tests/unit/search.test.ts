import { describe, expect, it } from "vitest";
import { buildSearchIndex, normalizeTerm } from "~/search/index";
import { highlight, snippetFor } from "~/search/snippet";
import { baseUrl } from "../e2e/browser";
import { content } from "../e2e/content";

async function search() {
  const debate = await content();
  const index = buildSearchIndex(debate);
  const claims = new Map(debate.perspectives.flatMap((perspective) => perspective.claims.map((claim) => [claim.id, claim])));
  return { index, claims, ids: (query: string) => index.search(query).map((result) => String(result.id)) };
}

/** What a reader sees of a claim: its HTML's text, not its attributes (a glossary link's title holds the definition). */
const textOf = (claim: { title: string; statement: string; explanationHtml: string; evidence: { text: string }[]; counterEvidence: { text: string }[] }) =>
  [claim.title, claim.statement, claim.explanationHtml.replace(/<[^>]+>/g, " "), ...claim.evidence.map((item) => item.text), ...claim.counterEvidence.map((item) => item.text)].join(" ");

describe("search", () => {
  it("finds the Nordic model under its own name and its glossary alias, the Swedish model", async () => {
    const { ids, claims } = await search();
    const nordic = ids("Nordic model");
    expect(nordic).toContain("nordic-purchase-ban-reduces-trafficking");
    // The glossary makes "Swedish model" an alias: claims that only say "Swedish model" are found too.
    const onlySwedish = [...claims.values()].filter((claim) => /Swedish model/i.test(textOf(claim)) && !/Nordic/i.test(textOf(claim)));
    expect(onlySwedish.length).toBeGreaterThan(0);
    for (const claim of onlySwedish) expect(nordic).toContain(claim.id);
  });

  it("forgives a typo and completes a prefix", async () => {
    const { ids, claims } = await search();
    const typo = ids("prostitusion");
    const exact = [...claims.values()].filter((claim) => /prostitution/i.test(textOf(claim)));
    expect(typo.length).toBeGreaterThanOrEqual(exact.length * 0.9);
    // A prefix finds every claim with a word that starts with it.
    const withPrefix = [...claims.values()].filter((claim) => /\bdecrimin/i.test(textOf(claim))).map((claim) => claim.id);
    expect(withPrefix.length).toBeGreaterThan(0);
    expect(ids("decrimin")).toEqual(expect.arrayContaining(withPrefix));
  });

  it("treats British and American spellings alike", async () => {
    const { ids } = await search();
    expect(ids("decriminalisation")).toEqual(ids("decriminalization"));
    expect(ids("labour")).toEqual(ids("labor"));
    expect(ids("programme")).toEqual(ids("program"));
    expect(ids("criminalise buyers")).toEqual(ids("criminalize buyers"));
    expect(["decriminalisation", "labour", "behaviour", "organise", "centre", "travelled"].map(normalizeTerm)).toEqual([
      "decriminalization",
      "labor",
      "behavior",
      "organize",
      "center",
      "traveled",
    ]);
  });

  it("finds names, laws and police operations", async () => {
    const { ids, claims } = await search();
    for (const query of ["Kempadoo", "FOSTA", "Palermo Protocol", "Operation Independence Day", "Trafficking Victims Protection Act"]) {
      const found = ids(query);
      expect(found.length, query).toBeGreaterThan(0);
      const words = query.toLowerCase().split(" ");
      // The best hit mentions every word of the query somewhere the index reads.
      const best = claims.get(found[0]!)!;
      const { index } = await search();
      const document = Object.values(index.documents.get(best.id)!).join(" ").toLowerCase();
      for (const word of words) expect(document, `${query} → ${best.id}`).toContain(word);
    }
  });

  it("builds snippets from plain text, marking matched words", () => {
    const segments = highlight("Decriminalisation <script>alert(1)</script> of sex work", new Set(["decriminalization", "script"]));
    expect(segments).toEqual([
      { text: "Decriminalisation", mark: true },
      { text: " <", mark: false },
      { text: "script", mark: true },
      { text: ">alert(1)</", mark: false },
      { text: "script", mark: true },
      { text: "> of sex work", mark: false },
    ]);
    const snippet = snippetFor(
      { id: "x", title: "t", statement: "s", explanation: `${"word ".repeat(60)}Swedish model ${"more ".repeat(60)}`, evidence: "", counter: "", viewpoint: "", sources: "" },
      ["swedish"],
    );
    expect(snippet?.field).toBe("explanation");
    expect(snippet!.segments.map((segment) => segment.text).join("").length).toBeLessThan(260);
  });
});

describe("/search", () => {
  it("renders results with escaped, highlighted snippets and facet filters", async () => {
    const response = await fetch(`${baseUrl()}/search?q=${encodeURIComponent("Nordic <img src=x onerror=alert(1)>")}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toMatch(/<mark>Nordic<\/mark>/);

    const debate = await content();
    const viewpoint = debate.perspectives[0]!;
    const filtered = await (await fetch(`${baseUrl()}/search?q=prostitution&p=${viewpoint.id}`)).text();
    const linked = [...filtered.matchAll(/<h3><a [^>]*href="\/claims\/([^"]+)"/g)].map((match) => match[1]!);
    expect(linked.length).toBeGreaterThan(0);
    const own = new Set(viewpoint.claims.map((claim) => claim.id));
    for (const id of linked) expect(own.has(id), id).toBe(true);
  });

  it("lists the claims with no answer yet", async () => {
    const debate = await content();
    const open = debate.perspectives.flatMap((perspective) => perspective.claims).filter((claim) => claim.contestedBy.length === 0);
    const html = await (await fetch(`${baseUrl()}/search?open=`)).text();
    const linked = [...html.matchAll(/<h3><a [^>]*href="\/claims\/([^"]+)"/g)].map((match) => match[1]!);
    expect(linked.sort()).toEqual(open.map((claim) => claim.id).sort().slice(0, 100));
  });
});
