/**
 * How much of the prose speaks about the documents rather than for the viewpoint
 * (issue 9). Statements, explanations and question notes should make the
 * viewpoint's case; what the editors know about the sources goes in flags.
 */
import { describe, expect, it } from "vitest";
import { content } from "../e2e/content";

/** Words that mark a sentence as being about the documents, not the debate. */
const META = [
  /\b(?:the|these|this|those|both|two|three|other|no|its|a|one) (?:sources?|documents?|articles?|passages?|texts?|copy)\b/i,
  /\b(?:executive summary|fact (?:sheet|page)|blog)\b/i,
  /\binfer(?:s|red|ence|ring)?\b/i,
  /\b(?:cites?|cited|quotes?|quoted|attribut(?:es?|ed)|names? no|does not (?:say|name|state|connect|mention|report))\b/i,
];

function sentences(text: string): string[] {
  return text
    .replace(/<[^>]+>/g, " ")
    .replace(/&[a-z#0-9]+;/gi, " ")
    .split(/(?<=[.!?])\s+(?=[A-Z"“(])/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => /[a-z]/i.test(sentence));
}

export const isMeta = (sentence: string) => META.some((pattern) => pattern.test(sentence));

const debate = await content();

const shares = debate.perspectives.map((perspective) => {
  const prose = [
    ...perspective.claims.flatMap((claim) => [claim.statement, claim.explanationHtml]),
    ...perspective.positions.map((position) => position.noteHtml),
  ].flatMap(sentences);
  return { file: `${perspective.id}.md`, sentences: prose.length, meta: prose.filter(isMeta).length };
});

describe("prose about the documents", () => {
  it("tells a sentence about the sources from one about the debate", () => {
    expect(isMeta("The sources do not say what the view holds on demand.")).toBe(true);
    expect(isMeta("The answer no is an inference from its other positions.")).toBe(true);
    expect(isMeta("Raids push sex work underground and away from health services.")).toBe(false);
  });

  it("is at most 10% of the sentences in statements, explanations and question notes", () => {
    const total = shares.reduce((sum, file) => sum + file.sentences, 0);
    const meta = shares.reduce((sum, file) => sum + file.meta, 0);
    const table = shares.map((file) => `${file.file.padEnd(36)} ${String(file.meta).padStart(4)} / ${String(file.sentences).padEnd(4)} ${((100 * file.meta) / file.sentences).toFixed(0)}%`);
    console.log(`Sentences about the documents, per file:\n${table.join("\n")}\n${"all".padEnd(36)} ${meta} / ${total} ${((100 * meta) / total).toFixed(1)}%`);
    expect(meta / total).toBeLessThanOrEqual(0.1);
  });
});
