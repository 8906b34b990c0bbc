import type { VFile } from "vfile";
import type { Node, Point, Position } from "unist";

type Severity = "error" | "warning";

/**
 * The single table of what the compiler checks: one id per check, its severity
 * and a one-line description. Errors stop the build and the server; warnings
 * are shown but let the content through. The guide's rule list
 * (perspectives/README.md) is generated from this table (`npm run guide:rules`)
 * and a test keeps the two equal; each rule's section there is `#<id>`.
 */
export const RULES = {
  "unreadable-file": { severity: "error", description: "a content file cannot be read (a folder with a `.md` name, missing permissions)" },
  "invalid-utf8": { severity: "error", description: "the file is not valid UTF-8; save it as UTF-8" },
  "nul-byte": { severity: "error", description: "the file contains a NUL byte, which text never holds" },
  "file-too-large": { severity: "error", description: "the file is over 1 MB; split the viewpoint or check that it is the right file" },
  "line-too-long": { severity: "error", description: "a line is over 10,000 characters; break it at sentences" },
  "block-too-complex": { severity: "error", description: "a paragraph or other block holds over 1,000 emphasis, code and bracket marks, which would take the parser seconds" },
  "nesting-too-deep": { severity: "error", description: "lists or block quotes nest over 16 levels deep, far beyond the outline" },
  "empty-file": { severity: "error", description: "the file has no content" },
  "frontmatter-missing": { severity: "error", description: "a viewpoint or `topics.md` has no YAML frontmatter" },
  "frontmatter-invalid": { severity: "error", description: "the frontmatter YAML is broken, or uses aliases, tags or duplicate keys, or is not a mapping, or a field is missing or has the wrong type" },
  "id-mismatch": { severity: "error", description: "the frontmatter `id` is not the file name" },
  "duplicate-id": { severity: "error", description: "two claims, viewpoints or questions share an id" },
  "topics-missing": { severity: "error", description: "the folder has no `topics.md`, so there are no questions to answer" },
  "missing-question": { severity: "error", description: "a question in `topics.md` has no `Question:` paragraph" },
  "unknown-topic": { severity: "error", description: "a viewpoint's `##` heading names no question in `topics.md`" },
  "duplicate-section": { severity: "error", description: "a viewpoint answers the same question in two sections" },
  "missing-topic": { severity: "warning", description: "a viewpoint does not cover a question" },
  "heading-structure": { severity: "error", description: "a heading is at a level the outline does not allow" },
  "unexpected-content": { severity: "error", description: "something other than a list of items sits under `#### Evidence` or `#### Counter-evidence`" },
  "duplicate-item-list": { severity: "error", description: "a claim has two `#### Evidence` or two `#### Counter-evidence` lists" },
  "invalid-stance": { severity: "error", description: "a stance is missing or not in the vocabulary" },
  "not-addressed-with-claims": { severity: "error", description: "a question marked `Stance: not-addressed` still has claims" },
  "empty-question": { severity: "error", description: "a viewpoint's question section has neither claims nor a stance" },
  "missing-statement": { severity: "error", description: "a claim has no statement paragraph" },
  "missing-kind": { severity: "error", description: "an item does not start with its kind in bold" },
  "invalid-kind": { severity: "error", description: "an item's bold kind is not in the vocabulary" },
  "unknown-flag": { severity: "error", description: "a review flag is not in the vocabulary" },
  "claim-without-evidence": { severity: "error", description: "a claim has no evidence item" },
  "claim-without-counter-evidence": { severity: "warning", description: "a claim has no counter-evidence item" },
  "evidence-without-citation": { severity: "error", description: "an item cites nothing" },
  "item-too-long": { severity: "warning", description: "an item's own words (citations excluded) number over 60" },
  "term-without-citation": { severity: "error", description: "a glossary definition cites nothing" },
  "malformed-citation": { severity: "error", description: "a citation's brackets hold something that is not `@key, locator, \"phrase\"`" },
  "unknown-citation-key": { severity: "error", description: "a cited key is not in `references.bib`" },
  "unsafe-url": { severity: "error", description: "a link, image, autolink or definition uses a scheme other than http, https or mailto, or is a relative URL that is not a cross-link" },
  "broken-cross-link": { severity: "error", description: "a cross-link points to a missing file, claim, question or term" },
  "multiple-cross-links": { severity: "error", description: "an item links to more than one claim" },
  "rebuttal-agrees": { severity: "warning", description: "a counter-evidence item links to another viewpoint's claim that gives the same answer (yes or no) to the same question, so the rebuttal joins claims that agree" },
  "raw-html": { severity: "error", description: "the file contains raw HTML" },
  "bibliography-missing": { severity: "error", description: "the folder has no `references.bib`" },
  "bibliography-syntax": { severity: "error", description: "`references.bib` is not readable BibTeX" },
  "source-incomplete": { severity: "error", description: "a bibliography entry lacks a title, or gives `n.d.` as its year instead of leaving the year out" },
  "duplicate-source-key": { severity: "error", description: "two bibliography entries share a key" },
  "unused-source": { severity: "warning", description: "a work in `references.bib` is cited nowhere" },
  "internal-error": { severity: "error", description: "the compiler itself failed on this file; the other files are still checked. Please report it" },
} as const satisfies Record<string, { severity: Severity; description: string }>;

export type RuleId = keyof typeof RULES;

const SOURCE = "counterpoint";
const GUIDE = "perspectives/README.md";

/** The address of a rule's section in the authoring guide. */
export function ruleUrl(ruleId: RuleId): string {
  return `${GUIDE}#${ruleId}`;
}

type Place = Node | Position | Point | undefined;

function toPlace(place: Place): Position | Point | undefined {
  if (!place) return undefined;
  if ("type" in place) return place.position;
  return place;
}

/** Reports a problem on `file` with the severity its rule has. */
export function report(file: VFile, ruleId: RuleId, reason: string, place?: Place) {
  const message = file.message(reason, { place: toPlace(place) ?? { line: 1, column: 1 }, ruleId, source: SOURCE });
  message.fatal = RULES[ruleId].severity === "error";
  message.url = ruleUrl(ruleId);
  return message;
}

/** The rules section of the authoring guide, as `npm run guide:rules` writes it. */
function rulesGuide(): string {
  const sections = Object.entries(RULES).map(([id, rule]) => `#### \`${id}\`\n\n${rule.severity}: ${rule.description}.\n`);
  return sections.join("\n");
}

const START = "<!-- rules:start -->";
const END = "<!-- rules:end -->";

/** `guide` with its generated rules section rewritten, or undefined without markers. */
export function replaceRulesSection(guide: string): string | undefined {
  const start = guide.indexOf(START);
  const end = guide.indexOf(END);
  if (start < 0 || end < start) return undefined;
  return `${guide.slice(0, start + START.length)}\n\n${rulesGuide()}\n${guide.slice(end)}`;
}
