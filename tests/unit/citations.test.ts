import { Cite } from "@citation-js/core";
import "@citation-js/plugin-bibtex";
import { describe, expect, it } from "vitest";
import { sortForStyle } from "~/compiler/citations-format";
import type { CitationStyle } from "~/compiler/model";
import { citeClaim } from "~/models/cite.server";
import { baseUrl } from "../e2e/browser";
import { content } from "../e2e/content";
import { compileSample } from "./fixtures";

/**
 * Expected entries, checked by hand against each style's rules: APA 7
 * (initials, sentence-case title kept as the source gives it, "In Wikipedia",
 * an unsigned work by its title), Chicago 17 author-date (year after the
 * author, title case), MLA 9 (container, vol., no., pp.). The source documents
 * record no capture date, so their entries carry no retrieval date; the
 * styles' retrieval dates are checked on an entry that records one, below.
 */
const EXPECTED: Record<CitationStyle, Record<string, string>> = {
  apa: {
    agustin2008: "Agustin, L. (2008). Sex at the Margins: Migration, Labour Markets and the Rescue Industry. Zed Books.",
    aradau2004:
      "Aradau, C. (2004). The perverse politics of four-letter words: risk and pity in the securitisation of human trafficking. Millennium: Journal of International Studies, 33(2), 251–277. https://doi.org/10.1177/03058298040330020101",
    "wp-sex-trafficking": "Sex trafficking. (n.d.). In Wikipedia. https://en.wikipedia.org/wiki/Sex_trafficking",
    atr2017: "What’s Wrong with the Global Slavery Index? (2017). Anti-Trafficking Review, 8. https://doi.org/10.14197/atr.20121786",
    picarelli2008:
      "Picarelli, J., & Jonsson, A. (2008). Fostering Imagination in Fighting Trafficking: Comparing Strategies and Policies to Fight Sex Trafficking in the U.S. and Sweden (Grant Report No. 223060). U.S. Department of Justice, National Institute of Justice. https://www.ncjrs.gov/pdffiles1/nij/grants/223060.pdf",
  },
  chicago: {
    aradau2004:
      "Aradau, Claudia. 2004. “The Perverse Politics of Four-Letter Words: Risk and Pity in the Securitisation of Human Trafficking.” Millennium: Journal of International Studies 33 (2): 251–77. https://doi.org/10.1177/03058298040330020101.",
    "wp-sex-trafficking": "“Sex Trafficking.” n.d. Wikipedia. https://en.wikipedia.org/wiki/Sex_trafficking.",
    atr2017: "“What’s Wrong with the Global Slavery Index?” 2017. Anti-Trafficking Review, no. 8. https://doi.org/10.14197/atr.20121786.",
  },
  mla: {
    agustin2008: "Agustin, Laura. Sex at the Margins: Migration, Labour Markets and the Rescue Industry. Zed Books, 2008.",
    aradau2004:
      "Aradau, Claudia. “The Perverse Politics of Four-Letter Words: Risk and Pity in the Securitisation of Human Trafficking.” Millennium: Journal of International Studies, vol. 33, no. 2, 2004, pp. 251–77, https://doi.org/10.1177/03058298040330020101.",
    "wp-sex-trafficking": "“Sex Trafficking.” Wikipedia, https://en.wikipedia.org/wiki/Sex_trafficking.",
  },
};

describe("compile-time citations", () => {
  for (const style of Object.keys(EXPECTED) as CitationStyle[]) {
    it(`formats entries in ${style}`, async () => {
      const sources = new Map((await content()).sources.map((source) => [source.key, source]));
      for (const [key, expected] of Object.entries(EXPECTED[style])) {
        expect(sources.get(key)?.references?.[style].text, `${style} ${key}`).toBe(expected);
      }
    });
  }

  it("prints a web page's recorded capture date as each style's retrieval or access date", async () => {
    const page = "@inreference{wp-school-week,\n  title = {Four-day school week},\n  booktitle = {Wikipedia},\n  url = {https://en.wikipedia.org/wiki/Four-day_school_week},\n  urldate = {2020-10-10}\n}\n";
    const { debate, errors } = await compileSample((name, text) =>
      name === "references.bib" ? text + page : text.replace("[@doe2019, p. 12]", "[@doe2019, via @wp-school-week, Results]"),
    );
    expect(errors).toBe(0);
    const references = debate.sources.find((source) => source.key === "wp-school-week")!.references!;
    expect(references.apa.text).toBe("Four-day school week. (n.d.). In Wikipedia. Retrieved October 10, 2020, from https://en.wikipedia.org/wiki/Four-day_school_week");
    expect(references.chicago.text).toBe("“Four-Day School Week.” n.d. Wikipedia. Accessed October 10, 2020. https://en.wikipedia.org/wiki/Four-day_school_week.");
    expect(references.mla.text).toBe("“Four-Day School Week.” Wikipedia, https://en.wikipedia.org/wiki/Four-day_school_week. Accessed 10 Oct. 2020.");
  });

  it("keeps titles in italics in the HTML", async () => {
    const source = (await content()).sources.find((candidate) => candidate.key === "agustin2008")!;
    expect(source.references!.apa.html).toContain("<i>Sex at the Margins: Migration, Labour Markets and the Rescue Industry</i>");
  });

  it("sorts by author, unsigned works by title, as each style requires", async () => {
    const sources = (await content()).sources.filter((source) => ["atr2017", "wp-sex-trafficking", "aradau2004", "agustin2008"].includes(source.key));
    expect(sortForStyle(sources, "apa").map((source) => source.key)).toEqual(["agustin2008", "aradau2004", "wp-sex-trafficking", "atr2017"]);
    const all = sortForStyle((await content()).sources, "apa").map((source) => source.references!.apa.text);
    expect(all.filter((entry) => /^(Anonymous|n\.d\.)/.test(entry))).toEqual([]);
  });

  it("keeps the works cited against a claim apart from those it rests on", async () => {
    const debate = await content();
    const sources = new Map(debate.sources.map((source) => [source.key, source]));
    const claims = debate.perspectives.flatMap((perspective) => perspective.claims);
    const claim = claims.find((candidate) => {
      const evidence = new Set(candidate.evidence.flatMap((item) => item.citations.map((citation) => citation.via ?? citation.key)));
      return candidate.counterEvidence.some((item) => item.citations.some((citation) => !evidence.has(citation.via ?? citation.key)));
    })!;
    const evidenceKeys = new Set(claim.evidence.flatMap((item) => item.citations.map((citation) => citation.via ?? citation.key)));
    const againstOnly = claim.counterEvidence.flatMap((item) => item.citations.map((citation) => citation.via ?? citation.key)).find((key) => !evidenceKeys.has(key))!;
    const cited = citeClaim(claim, "View", "Debate", sources, "https://example.org/claims/x");
    const entry = sources.get(againstOnly)!.references!.apa.text;
    expect(cited.against.entries.apa.map((item) => item.text)).toContain(entry);
    expect(cited.restsOn.entries.apa.map((item) => item.text)).not.toContain(entry);
    expect(cited.claim.apa.text).toContain("https://example.org/claims/x");
  });

  it("cites a work read through another document as APA says", async () => {
    const debate = await content();
    const sources = new Map(debate.sources.map((source) => [source.key, source]));
    const claim = debate.perspectives.flatMap((perspective) => perspective.claims).find((candidate) => candidate.evidence.some((item) => item.citations.some((citation) => citation.via)))!;
    const citation = claim.evidence.flatMap((item) => item.citations).find((candidate) => candidate.via)!;
    const cited = citeClaim(claim, "View", "Debate", sources, "https://example.org/");
    expect(cited.restsOn.secondary.map((entry) => entry.apa).join(" ")).toContain(`as cited in ${sources.get(citation.via!)!.citeName.replace(/ and /g, " & ")}`);
    // APA lists only the document read; Chicago lists the original too.
    const original = sources.get(citation.key)!.references!;
    const others = claim.evidence.flatMap((item) => item.citations).filter((candidate) => candidate.key === citation.key && !candidate.via);
    if (others.length === 0) expect(cited.restsOn.entries.apa.map((item) => item.text)).not.toContain(original.apa.text);
    expect(cited.restsOn.entries.chicago.map((item) => item.text)).toContain(original.chicago.text);
  });

  it("serves the whole bibliography as BibTeX that parses, with no n.d. years", async () => {
    const response = await fetch(`${baseUrl()}/references.bib`);
    expect(response.headers.get("content-type")).toContain("application/x-bibtex");
    const text = await response.text();
    expect(text).not.toMatch(/year\s*=\s*\{n\.d\.\}/);
    const items = new Cite(text).data;
    expect(items.map((item) => item.id).sort()).toEqual((await content()).sources.map((source) => source.key).sort());
    expect(items.find((item) => item.id === "picarelli2008")?.type).toBe("report");
  });
});
