import { MODEL_VERSION, type Claim, type Debate, type Item, type Perspective, type Stance } from "~/compiler/model";

const at = { file: "test.md", line: 1, column: 1 };

export interface ClaimSpec {
  id: string;
  topic: string;
  stance: Claim["stance"];
  title?: string;
  statement?: string;
  /** Evidence texts; `{ text, claim }` for one that comes from another claim. */
  evidence?: Array<string | { text: string; claim: string }>;
  counterEvidence?: Array<string | { text: string; claim: string }>;
}

export interface PerspectiveSpec {
  id: string;
  name?: string;
  /** Question id to stance; a question left out is not addressed. */
  positions: Record<string, Stance>;
  claims?: ClaimSpec[];
}

function item(type: Item["type"], spec: string | { text: string; claim: string }): Item {
  const { text, claim } = typeof spec === "string" ? { text: spec, claim: undefined } : spec;
  return { type, kind: "study", text, html: text, citations: [{ key: "doe2019", locator: "p. 4" }], flags: [], ...(claim ? { claim } : {}), position: at };
}

/**
 * A debate of its own, as the compiler would give it, for tests that must not
 * depend on the real content: `contestedBy` is worked out from the
 * counter-evidence's links, as the compiler does.
 */
export function smallDebate(topics: string[], perspectives: PerspectiveSpec[], title = "A small debate"): Debate {
  const built: Perspective[] = perspectives.map((spec) => ({
    type: "perspective",
    id: spec.id,
    name: spec.name ?? spec.id,
    summary: "",
    tradition: "",
    proponents: [],
    policy: "",
    overviewHtml: "",
    positions: topics.map((topic) => ({ type: "position", topic, stance: spec.positions[topic] ?? "not-addressed", declared: true, flags: [], noteHtml: "", position: at })),
    claims: (spec.claims ?? []).map((claim) => ({
      type: "claim",
      id: claim.id,
      perspective: spec.id,
      topic: claim.topic,
      title: claim.title ?? claim.id,
      stance: claim.stance,
      flags: [],
      statement: claim.statement ?? `${claim.id} holds.`,
      explanationHtml: "",
      evidence: (claim.evidence ?? ["It was measured."]).map((text) => item("evidence", text)),
      counterEvidence: (claim.counterEvidence ?? ["It was disputed."]).map((text) => item("counter-evidence", text)),
      contestedBy: [],
      position: at,
    })),
    position: at,
  }));
  const claims = new Map(built.flatMap((perspective) => perspective.claims.map((claim) => [claim.id, claim])));
  for (const claim of claims.values()) {
    for (const counter of claim.counterEvidence) {
      const target = counter.claim ? claims.get(counter.claim) : undefined;
      if (target && !target.contestedBy.includes(claim.id)) target.contestedBy.push(claim.id);
    }
  }
  return {
    version: MODEL_VERSION,
    title,
    description: "For tests.",
    topics: topics.map((id) => ({ type: "topic", id, title: id, question: `${id}?`, framing: "", framingHtml: "", position: at })),
    perspectives: built,
    sources: [],
    glossary: [],
  };
}
