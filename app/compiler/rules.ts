import type { VFile } from "vfile";
import type { Node, Point, Position } from "unist";

/**
 * Every problem the compiler reports, with its severity. Errors stop the build
 * and the server; warnings are shown but let the content through.
 */
export const RULES = {
  "empty-file": "error",
  "frontmatter-missing": "error",
  "frontmatter-invalid": "error",
  "id-mismatch": "error",
  "duplicate-id": "error",
  "unknown-topic": "error",
  "missing-topic": "warning",
  "heading-structure": "error",
  "invalid-stance": "error",
  "missing-statement": "error",
  "invalid-kind": "error",
  "unknown-flag": "error",
  "claim-without-evidence": "error",
  "claim-without-counter-evidence": "warning",
  "evidence-without-citation": "error",
  "item-too-long": "warning",
  "malformed-citation": "error",
  "unknown-citation-key": "error",
  "broken-cross-link": "error",
  "multiple-cross-links": "error",
  "raw-html": "error",
  "bibliography-invalid": "error",
  "unused-source": "warning",
} as const satisfies Record<string, "error" | "warning">;

type RuleId = keyof typeof RULES;

const SOURCE = "counterpoint";

type Place = Node | Position | Point | undefined;

function toPlace(place: Place): Position | Point | undefined {
  if (!place) return undefined;
  if ("type" in place) return place.position;
  return place;
}

/** Reports a problem on `file` with the severity its rule has. */
export function report(file: VFile, ruleId: RuleId, reason: string, place?: Place) {
  const message = file.message(reason, { place: toPlace(place), ruleId, source: SOURCE });
  message.fatal = RULES[ruleId] === "error" ? true : false;
  message.url = `perspectives/README.md#what-the-compiler-checks`;
  return message;
}
