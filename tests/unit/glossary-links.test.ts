import { describe, expect, it } from "vitest";
import { decodeEntities } from "~/compiler/html-text";
import { content } from "../e2e/content";

const debate = await content();

describe("glossary links in the compiled content", () => {
  const terms = new Map(debate.glossary.map((term) => [term.id, term]));
  const prose = debate.perspectives.flatMap((perspective) => perspective.claims.flatMap((claim) => [claim.explanationHtml, ...[...claim.evidence, ...claim.counterEvidence].map((item) => item.html)]));
  const links = prose.flatMap((html) => [...html.matchAll(/<a class="term" href="\/glossary#([^"]+)" title="([^"]*)">/g)]);

  it("title each link with the opening of its term's definition, not the whole of it", () => {
    expect(links.length).toBeGreaterThan(0);
    let shortened = 0;
    for (const [, id, title] of links) {
      const definition = terms.get(id!)!.definition;
      const gloss = decodeEntities(title!);
      expect(definition.startsWith(gloss), id).toBe(true);
      expect(gloss.length, id).toBeGreaterThan(0);
      if (gloss.length < definition.length) shortened++;
    }
    expect(shortened).toBeGreaterThan(0);
  });
});
