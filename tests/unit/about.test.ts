import { describe, expect, it } from "vitest";
import { FLAGS, type Debate } from "~/compiler/model";
import { aboutPage } from "~/models/about.server";
import { compileSample } from "./fixtures";

/** The valid sample debate, with `edit` applied to its files' text. */
async function sample(edit?: (name: string, text: string) => string): Promise<Debate> {
  const { debate, errors } = await compileSample(edit);
  expect(errors).toBe(0);
  return debate;
}

function about(debate: Debate) {
  return aboutPage({
    debate,
    sources: new Map(debate.sources.map((source) => [source.key, source])),
    claims: new Map(debate.perspectives.flatMap((perspective) => perspective.claims.map((claim) => [claim.id, claim]))),
  });
}

const WIKIPEDIA_ENTRY = `
@misc{wp-school-week,
  author       = {{Wikipedia contributors}},
  title        = {Four-day school week},
  howpublished = {Wikipedia, The Free Encyclopedia},
  url          = {https://en.wikipedia.org/wiki/Four-day_school_week},
  urldate      = {2020-10-10}
}
`;

describe("the About page's view model", () => {
  it("finds another debate's documents from its citations and claims no licence it cannot know", async () => {
    const page = about(await sample());
    expect(page.documents.map((document) => document.key).sort()).toEqual(["doe2019", "smith2020"]);
    expect(page.documents.every((document) => !document.wikipedia)).toBe(true);
    expect(page.wikipediaCount).toBe(0);
    expect(page.licence).toBeUndefined();
    expect(page.example).toBeUndefined();
    expect(page.flags).toEqual(Object.entries(FLAGS).map(([id, flag]) => ({ id, ...flag })));
  });

  it("treats a document named by `via` as a document, the work it reports as a reported work, and Wikipedia as CC BY-SA", async () => {
    const debate = await sample((name, text) =>
      name === "references.bib"
        ? text + WIKIPEDIA_ENTRY
        : name === "supporters.md"
          ? text.replace("[@doe2019, p. 12]", "[@doe2019, via @wp-school-week, Results]")
          : text,
    );
    const page = about(debate);
    const wikipedia = page.documents.find((document) => document.key === "wp-school-week");
    expect(wikipedia).toMatchObject({ wikipedia: true, captured: "10 October 2020", title: "Four-day school week" });
    // Listed first, as the document most readers will want to check.
    expect(page.documents[0]!.key).toBe("wp-school-week");
    expect(page.wikipediaCount).toBe(1);
    expect(page.reportedWorks).toBe(1);
    expect(page.example).toBe("(Department of Education, 2019, as cited in “Four-day school week”, Wikipedia, n.d.)");
    expect(page.licence).toMatchObject({ name: "CC BY-SA 4.0", url: "https://creativecommons.org/licenses/by-sa/4.0/" });
    expect(page.licence!.from).toEqual([{ title: "Four-day school week", url: "https://en.wikipedia.org/wiki/Four-day_school_week" }]);
  });
});
