import { describe, expect, it } from "vitest";
import { referenceText } from "~/lib/reference-text";
import { buildIndex, type Index } from "~/models/content-index";
import { loadSources } from "~/models/sources.server";
import { content } from "../e2e/content";
import { compileSample } from "./fixtures";

/** Works whose order a reader can check by hand: surname, then title (case aside), then year; unsigned works by title, articles aside. */
const WORKS = `
@book{same2015, author = {Same, Ann}, title = {We have the right: a reprint}, year = {2015}, publisher = {P}}
@book{same2012, author = {Same, Ann}, title = {We Have the Right: A Reprint}, year = {2012}, publisher = {P}}
@book{same2010, author = {Same, Ann and Other, Bo}, title = {Zebra crossings}, year = {2010}, publisher = {P}}
@book{adams2001, author = {Adams, Cy}, title = {Late}, year = {2001}, publisher = {P}}
@report{unsigned2005, title = {The Rescue Report}, institution = {Q}, year = {2005}}
`;

async function sample(): Promise<Index> {
  const cited = "[@doe2019, p. 12; @same2015; @same2012; @same2010; @adams2001; @unsigned2005]";
  const { debate, errors } = await compileSample((name, text) => (name === "references.bib" ? text + WORKS : text.replace("[@doe2019, p. 12]", cited)));
  expect(errors).toBe(0);
  return buildIndex(debate);
}

describe("the sources page's view model", () => {
  it("orders works by surname, then title whatever its case, then year; an unsigned work by its title without the article", async () => {
    const page = loadSources(await sample(), new URL("http://localhost/sources"));
    expect(page.sources.map((source) => source.key)).toEqual(["adams2001", "doe2019", "unsigned2005", "same2012", "same2015", "same2010", "smith2020"]);
  });

  it("filters by every word of the query, in the reference or the key", async () => {
    const content = await sample();
    const page = loadSources(content, new URL("http://localhost/sources?q=same%20right"));
    expect(page.sources.map((source) => source.key)).toEqual(["same2012", "same2015"]);
    expect(page.total).toBe(content.sources.size);
  });

  it("sends each entry's HTML alone, whose text the copy button copies as the style formatted it", async () => {
    const debate = await content();
    const page = loadSources(buildIndex(debate), new URL("http://localhost/sources"));
    const formatted = new Map(debate.sources.flatMap((source) => (source.references ? [[source.key, source.references.apa] as const] : [])));
    expect(formatted.size).toBeGreaterThan(0);
    for (const source of page.sources) {
      const apa = formatted.get(source.key);
      if (apa) expect(referenceText(source.reference), source.key).toBe(apa.text);
    }
  });
});
