import { describe, expect, it } from "vitest";
import { citedKeys, CLAIM_STANCES, type Claim, type Debate } from "~/compiler/model";
import { buildIndex, type Index } from "~/models/content-index";
import { loadSearch } from "~/models/search.server";
import { buildSearchIndex, normalizeTerm, tokenize, type SearchIndex } from "~/search/index";
import { highlight, snippetFor } from "~/search/snippet";
import { baseUrl } from "../e2e/browser";
import { content } from "../e2e/content";

function searchOver(debate: Pick<Debate, "perspectives" | "sources" | "glossary">) {
  const index = buildSearchIndex(debate);
  const claims = new Map(debate.perspectives.flatMap((perspective) => perspective.claims.map((claim) => [claim.id, claim])));
  return { index, claims, ids: (query: string) => index.search(query).map((result) => result.id) };
}

let real: Promise<ReturnType<typeof searchOver>> | undefined;
function search() {
  real ??= content().then(searchOver);
  return real;
}

/** Everything the index reads of a claim, as words folded the way the index folds them. */
const wordsOf = (index: SearchIndex, id: string) => new Set(tokenize(Object.values(index.documents.get(id)!).join(" ")).map(normalizeTerm));

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

  it("finds by an author's surname every claim with an item citing them, those claims first, the citing item in the snippet", async () => {
    const debate = await content();
    const { ids } = await search();
    const claims = debate.perspectives.flatMap((perspective) => perspective.claims);
    // Every cited work's first author whose surname is one word: Ditmore, Weitzer, Kempadoo…
    const surnames = [...new Set(debate.sources.map((source) => source.citeName.split(/ and | et al|,/)[0]!.trim()))].filter((name) => /^\p{Lu}\p{Ll}+$/u.test(name));
    const citing = (surname: string) => {
      const works = new Set(debate.sources.filter((source) => new RegExp(`\\b${surname}\\b`).test(source.author)).map((source) => source.key));
      return claims
        .filter((claim) => [...claim.evidence, ...claim.counterEvidence].some((item) => item.citations.flatMap(citedKeys).some((key) => works.has(key))))
        .map((claim) => claim.id);
    };
    const sample = surnames.filter((surname) => citing(surname).length > 0);
    expect(sample.length).toBeGreaterThan(10);
    for (const surname of sample) {
      const expected = citing(surname);
      const found = ids(surname);
      expect(found, surname).toEqual(expect.arrayContaining(expected));
      const top = found.slice(0, Math.min(10, expected.length));
      expect(top.filter((id) => !expected.includes(id)), `${surname}: top results that do not cite them`).toEqual([]);
    }

    const ditmore = sample.find((surname) => surname === "Ditmore") ?? sample[0]!;
    const view = loadSearch(buildIndex(debate), new URL(`http://localhost/search?q=${ditmore}`));
    expect(view.hits.length).toBe(citing(ditmore).length);
    for (const hit of view.hits) {
      expect(["evidence", "counter"], hit.id).toContain(hit.snippet?.field);
      expect(hit.snippet!.segments.filter((segment) => segment.mark).map((segment) => segment.text), hit.id).toContain(ditmore);
    }
  });

  it("takes a word the index knows as meant: typos are forgiven only in unknown words", async () => {
    const { ids, index } = await search();
    // "police" is one letter from "policy": claims about policy that never mention the police stay out.
    const policyOnly = index.ids.filter((id) => wordsOf(index, id).has("policy") && ![...wordsOf(index, id)].some((word) => word.startsWith("police")));
    expect(policyOnly.length).toBeGreaterThan(0);
    const police = ids("police");
    expect(police.length).toBeGreaterThan(0);
    for (const id of policyOnly) expect(police).not.toContain(id);
    for (const id of police) expect([...wordsOf(index, id)].some((word) => word.startsWith("police")), id).toBe(true);
    // "decriminalisation" is not stretched to "criminalization", its opposite.
    for (const id of ids("decriminalisation")) expect(wordsOf(index, id).has("decriminalization"), id).toBe(true);
  });

  it("folds plurals, so singular and plural find the same claims", async () => {
    const { ids } = await search();
    expect(["raids", "policies", "states", "analyses", "organisations", "status", "process"].map(normalizeTerm)).toEqual([
      "raid",
      "policy",
      "state",
      "analyze",
      "organization",
      "status",
      "process",
    ]);
    expect(ids("raids")).toEqual(ids("raid"));
    expect(ids("victims").length).toBeGreaterThan(0);
    expect(ids("victims")).toEqual(ids("victim"));
  });

  it("looks up a glossary alias as spelled, with no typo or prefix allowance", async () => {
    const debate = await content();
    const fosta = debate.glossary.find((term) => term.aliases.some((alias) => tokenize(alias).length > 5))!;
    const alias = fosta.aliases.find((name) => tokenize(name).length > 5)!;
    const [template] = debate.perspectives[0]!.claims;
    const claim = (id: string, statement: string): Claim => ({ ...template!, id, title: id, statement, explanationHtml: "", evidence: [], counterEvidence: [] });
    // The alias's long words one letter longer, what a typo allowance would forgive.
    const words = tokenize(alias);
    const nearly = words.map((word) => (normalizeTerm(word).length >= 5 ? `${normalizeTerm(word)}x` : word)).join(" ");
    const over = (...claims: Claim[]) => searchOver({ perspectives: [{ ...debate.perspectives[0]!, claims }], sources: [], glossary: [fosta] }).ids;
    expect(over(claim("near-misses", nearly))(fosta.term)).toEqual([]);
    const ids = over(claim("near-misses", nearly), claim("the-alias", `It names the ${alias}.`));
    expect(ids(fosta.term)).toEqual(["the-alias"]);
    // The reader's own words keep their allowance: the alias typed with a letter missing still finds it.
    const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
    const typo = words.map((word) => (word === longest ? word[0] + word.slice(2) : word)).join(" ");
    expect(ids(typo)).toEqual(["the-alias"]);
  });

  it("marks exactly the words the query reached, and cuts long fields around the first", async () => {
    const { index } = await search();
    const matches = index.match("decriminalisation");
    const best = matches.best(20);
    expect(best.length).toBeGreaterThan(0);
    for (const { id, claim } of best) {
      const snippet = snippetFor(index.documents.get(id)!, (field) => matches.marks(claim, field))!;
      expect(snippet, id).toBeDefined();
      const marked = snippet.segments.filter((segment) => segment.mark);
      expect(marked.length, id).toBeGreaterThan(0);
      for (const segment of marked) expect(normalizeTerm(segment.text), id).toBe("decriminalization");
      const plain = snippet.segments.filter((segment) => !segment.mark).map((segment) => segment.text).join(" ");
      expect(tokenize(plain).map(normalizeTerm), id).not.toContain("decriminalization");
    }

    // Segments are plain text: markup in the text stays text, split only at the marks.
    const text = "Decriminalisation <script>alert(1)</script> of sex work";
    expect(highlight(text, [[0, 17], [19, 25]])).toEqual([
      { text: "Decriminalisation", mark: true },
      { text: " <", mark: false },
      { text: "script", mark: true },
      { text: ">alert(1)</script> of sex work", mark: false },
    ]);
    const explanation = `${"word ".repeat(60)}Swedish model ${"more ".repeat(60)}`;
    const at = explanation.indexOf("Swedish");
    const snippet = snippetFor({ id: "x", title: "t", statement: "s", explanation, evidence: "", counter: "", viewpoint: "", works: "" }, (field) =>
      field === "explanation" ? [[at, at + 7]] : [],
    );
    expect(snippet?.field).toBe("explanation");
    const excerpt = snippet!.segments.map((segment) => segment.text).join("");
    expect(excerpt.length).toBeLessThan(260);
    expect(excerpt).toMatch(/^… word .* …$/);
    expect(snippet!.segments.filter((segment) => segment.mark).map((segment) => segment.text)).toEqual(["Swedish"]);
  });

  it("counts each facet's options over the matches that pass the other filters", async () => {
    const debate = await content();
    const index = buildIndex(debate);
    const all = await search();
    const viewpoint = debate.perspectives[0]!;
    const stance = viewpoint.claims[0]!.stance;
    const view = loadSearch(index, new URL(`http://localhost/search?q=prostitution&p=${viewpoint.id}&stance=${stance}&open`));
    const found = all.ids("prostitution").map((id) => index.claims.get(id)!);
    const filters = {
      p: (claim: Claim) => claim.perspective === viewpoint.id,
      stance: (claim: Claim) => claim.stance === stance,
      open: (claim: Claim) => claim.contestedBy.length === 0,
    };
    const passing = (except?: keyof typeof filters) => found.filter((claim) => Object.entries(filters).every(([name, test]) => name === except || test(claim)));
    expect(view.total).toBe(passing().length);
    expect(view.hits.map((hit) => hit.id)).toEqual(all.ids("prostitution").filter((id) => passing().some((claim) => claim.id === id)));
    expect(view.openCount).toBe(passing("open").filter(filters.open).length);
    const countOf = (name: string, value: string) => view.facets.find((facet) => facet.name === name)?.options.find((option) => option.value === value)?.count ?? 0;
    for (const other of debate.perspectives) expect(countOf("p", other.id), other.id).toBe(passing("p").filter((claim) => claim.perspective === other.id).length);
    for (const value of CLAIM_STANCES) expect(countOf("stance", value), value).toBe(passing("stance").filter((claim) => claim.stance === value).length);
    for (const topic of debate.topics) expect(countOf("topic", topic.id), topic.id).toBe(passing().filter((claim) => claim.topic === topic.id).length);
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
