import { describe, expect, it } from "vitest";
import type { Claim, Debate } from "~/compiler/model";
import { buildIndex } from "~/models/content-index";
import { toAif, toAifDocument, type AifDocument } from "~/models/exports/aif.server";
import { escapeArgdown, toArgdown } from "~/models/exports/argdown.server";
import { DEBATE_FORMATS, debateIn } from "~/models/exports/index.server";
import { itemText } from "~/models/exports/text.server";
import { aifViolations, parseArgdown, rebuttalLinks, schemesBetween } from "../argument-formats";
import { content } from "../e2e/content";
import { smallDebate } from "./small-debate";

const claimsOf = (debate: Debate) => debate.perspectives.flatMap((perspective) => perspective.claims);
const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

/** Every character Argdown's lexer gives a meaning to, in the places where it would. */
const SYNTAX = "[a] [b]: <c> <d>: @[e] @<f> #g #(h i) *j* **k** _l_ __m__ {n: 1} === // o /* p */ <!-- q --> .r. :s: .A. :E: (:happy:) -> +> <- <+ >< _> \\t u.v w:x";

/** A debate written to trip Argdown up: syntax in every text, titles that clash, a leading hyphen. */
function awkwardDebate(): Debate {
  return smallDebate(
    ["q-1", "q 2"],
    [
      {
        id: "first",
        name: "First [#1] view",
        positions: { "q-1": "yes", "q 2": "no" },
        claims: [
          { id: "a", topic: "q-1", stance: "yes", title: "Same title", statement: `A says ${SYNTAX}`, evidence: [`Measured ${SYNTAX}`] },
          { id: "b", topic: "q 2", stance: "no", title: "-5% [down]", statement: "B\nspans\n\nlines.", counterEvidence: [{ text: `From c: ${SYNTAX}`, claim: "c" }] },
        ],
      },
      {
        id: "second",
        name: "Second",
        positions: { "q-1": "no" },
        claims: [
          {
            id: "c",
            topic: "q-1",
            stance: "no",
            title: "Same title",
            statement: "C disagrees.",
            evidence: [{ text: "As b finds.", claim: "b" }],
            counterEvidence: [{ text: "A answers.", claim: "a" }, { text: "A again.", claim: "a" }],
          },
        ],
      },
    ],
    `A debate === about ${SYNTAX}`,
  );
}

/** Each statement Argdown read, by title: its text without tags, its tags and data. */
function statementsIn(parsed: ReturnType<typeof parseArgdown>) {
  return new Map(
    Object.entries(parsed.statements ?? {}).map(([title, statement]) => {
      const definition = statement.members.find((member) => member.text);
      return [title, { text: oneLine((definition?.text ?? "").replace(/(?:\s#(?:\([^)]*\)|[\w-]+))+\s*$/, "")), tags: statement.tags ?? [], data: statement.data, section: statement.section }];
    }),
  );
}

function argdownRelations(parsed: ReturnType<typeof parseArgdown>) {
  return (parsed.relations ?? []).map((relation) => ({ type: relation.relationType, from: relation.from?.title ?? "", to: relation.to?.title ?? "" }));
}

describe("the Argdown export", () => {
  it("parses without errors in Argdown's parser, every claim a statement with its viewpoint, question, text and items, on the real content", async () => {
    const debate = await content();
    const parsed = parseArgdown(toArgdown(buildIndex(debate)));
    expect(parsed.errors).toEqual([]);
    const statements = statementsIn(parsed);
    const topics = new Map(debate.topics.map((topic) => [topic.id, topic]));
    for (const perspective of debate.perspectives) {
      for (const claim of perspective.claims) {
        const statement = statements.get(claim.title);
        expect(statement, claim.id).toBeDefined();
        expect(statement!.text, claim.id).toBe(oneLine(claim.statement));
        expect(statement!.tags, claim.id).toEqual([perspective.id, claim.topic]);
        expect(statement!.data, claim.id).toEqual({ id: claim.id, stance: claim.stance });
        expect(statement!.section?.title, claim.id).toBe(perspective.name);
        expect(statement!.section?.parent?.title, claim.id).toBe(`${topics.get(claim.topic)!.title}: ${topics.get(claim.topic)!.question}`);
        claim.evidence.forEach((item, index) => {
          expect(statements.get(`${claim.title}: evidence ${index + 1}`)?.text, `${claim.id} evidence ${index + 1}`).toBe(oneLine(itemText(item, new Map(debate.sources.map((source) => [source.key, source])))));
        });
      }
    }
  });

  it("has an attack for every counter-evidence item and every rebuttal link, and a support for every evidence item, on the real content", async () => {
    const debate = await content();
    const relations = argdownRelations(parseArgdown(toArgdown(buildIndex(debate))));
    const links = rebuttalLinks(debate);
    expect(links.length).toBeGreaterThan(0);
    const attacks = relations.filter((relation) => relation.type === "attack");
    expect(attacks.length).toBeGreaterThanOrEqual(links.length);
    for (const { claim, from } of links) {
      expect(attacks.filter((attack) => attack.from === from.title && attack.to === claim.title), `${from.id} attacks ${claim.id}`).toHaveLength(1);
    }
    for (const claim of claimsOf(debate)) {
      const into = (type: string) => relations.filter((relation) => relation.type === type && relation.to === claim.title && relation.from.startsWith(`${claim.title}: `));
      expect(into("support"), claim.id).toHaveLength(claim.evidence.length);
      expect(into("attack"), claim.id).toHaveLength(claim.counterEvidence.length);
    }
  });

  it("escapes everything Argdown reads as syntax, so another debate's text comes back as written", () => {
    const debate = awkwardDebate();
    const parsed = parseArgdown(toArgdown(buildIndex(debate)));
    expect(parsed.errors).toEqual([]);
    const statements = statementsIn(parsed);
    const [a, b, c] = claimsOf(debate) as [Claim, Claim, Claim];
    // Two claims of one title stay two statements; brackets and a leading hyphen do not survive in a title.
    expect(statements.get("Same title")?.text).toBe(oneLine(a.statement));
    expect(statements.get("Same title (Second)")?.text).toBe(c.statement);
    expect(statements.get("–5% (down)")?.text).toBe("B spans lines.");
    expect(statements.get("–5% (down)")?.tags).toEqual(["first", "q 2"]);
    expect(statements.get("Same title: evidence 1")?.text).toBe(oneLine(itemText(a.evidence[0]!, new Map())));
    expect(statements.get("–5% (down): counter-evidence 1")?.text).toBe(oneLine(itemText(b.counterEvidence[0]!, new Map())));
    expect(statements.get("Same title")?.section?.title).toBe("First [#1] view");
    expect(parsed.frontMatter?.title).toBe(debate.title);

    const relations = argdownRelations(parsed);
    // c's counter-evidence comes from a twice: one attack. c's evidence comes from b: a support.
    expect(relations.filter((relation) => relation.from === "Same title" && relation.to === "Same title (Second)")).toEqual([
      { type: "attack", from: "Same title", to: "Same title (Second)" },
    ]);
    expect(relations).toContainEqual({ type: "support", from: "–5% (down)", to: "Same title (Second)" });
    expect(relations).toContainEqual({ type: "attack", from: "Same title (Second)", to: "–5% (down)" });
  });

  it("escapes each syntax character on its own", () => {
    for (const character of "[]<>#*_@{}=\\") {
      const text = `x ${character}y${character} ${character}`;
      const parsed = parseArgdown(`[T]: ${escapeArgdown(text)}`);
      expect(parsed.errors, character).toEqual([]);
      const statement = statementsIn(parsed).get("T");
      expect(statement?.text, character).toBe(text);
      expect([statement?.tags, statement?.data], character).toEqual([[], undefined]);
    }
  });
});

/** The I-node of a claim: the one I-node with its statement. */
function claimNode(document: AifDocument, claim: Claim): string {
  const found = document.nodes.filter((node) => node.type === "I" && node.text === claim.statement);
  expect(found, claim.id).toHaveLength(1);
  return found[0]!.nodeID;
}

describe("the AIF export", () => {
  it("keeps the rules of AIF, with an I-node per claim and item, an RA per support and a CA per counter-evidence item and rebuttal link, on the real content", async () => {
    const debate = await content();
    const document = toAifDocument(buildIndex(debate));
    expect(aifViolations(document)).toEqual([]);
    const claims = claimsOf(debate);
    const items = claims.flatMap((claim) => [...claim.evidence, ...claim.counterEvidence]);
    const links = rebuttalLinks(debate);
    const count = (type: string) => document.nodes.filter((node) => node.type === type).length;
    expect(count("I")).toBe(claims.length + items.length);
    expect(count("RA")).toBe(claims.reduce((sum, claim) => sum + claim.evidence.length, 0));
    expect(count("CA")).toBe(claims.reduce((sum, claim) => sum + claim.counterEvidence.length, 0) + links.length);
    for (const { claim, from } of links) {
      expect(schemesBetween(document, "CA", claimNode(document, from), claimNode(document, claim)), `${from.id} against ${claim.id}`).toHaveLength(1);
    }
    // Each viewpoint is a participant who asserts each of its claims once.
    expect(document.participants.map((participant) => participant.firstname)).toEqual(debate.perspectives.map((perspective) => perspective.name));
    expect(document.locutions).toHaveLength(claims.length);
    expect(count("L")).toBe(claims.length);
    expect(JSON.parse(toAif(buildIndex(debate)))).toEqual(document);
  });

  it("keeps them for another debate too, where evidence comes from a claim and two items from the same one", () => {
    const debate = awkwardDebate();
    const document = toAifDocument(buildIndex(debate));
    expect(aifViolations(document)).toEqual([]);
    const [a, b, c] = claimsOf(debate) as [Claim, Claim, Claim];
    expect(schemesBetween(document, "CA", claimNode(document, a), claimNode(document, c))).toHaveLength(1);
    expect(schemesBetween(document, "CA", claimNode(document, c), claimNode(document, b))).toHaveLength(1);
    expect(schemesBetween(document, "RA", claimNode(document, b), claimNode(document, c))).toHaveLength(1);
  });

  it("is checked by rules that find what breaks them", () => {
    const broken: AifDocument = {
      nodes: [
        { nodeID: "1", text: "p", type: "I" },
        { nodeID: "2", text: "q", type: "I" },
        { nodeID: "3", text: "Default Inference", type: "RA" },
        { nodeID: "4", text: "Default Conflict", type: "CA" },
        { nodeID: "5", text: "Someone: p", type: "L" },
        { nodeID: "5", text: "again", type: "I" },
      ],
      edges: [
        { edgeID: "1", fromID: "1", toID: "2", formEdgeID: null },
        { edgeID: "2", fromID: "1", toID: "3", formEdgeID: null },
        { edgeID: "3", fromID: "3", toID: "2", formEdgeID: null },
        { edgeID: "4", fromID: "3", toID: "1", formEdgeID: null },
        { edgeID: "5", fromID: "4", toID: "9", formEdgeID: null },
      ],
      locutions: [{ nodeID: "2", personID: "7" }],
      participants: [],
    };
    expect(aifViolations(broken)).toEqual([
      "node 5 repeats",
      "edge 1 joins I-node 1 to I-node 2",
      "edge 5 joins 4 to 9, which is not a node",
      "RA-node 3 has 2 conclusions",
      "CA-node 4 has no premise",
      "CA-node 4 has 0 conclusions",
      "locution 2 is not an L-node",
      "locution 2 names no participant (7)",
    ]);
  });
});

describe("the formats' table", () => {
  it("writes each format once per content, with an ETag that changes with the content", async () => {
    const debate = await content();
    const index = buildIndex(debate);
    for (const format of Object.keys(DEBATE_FORMATS) as Array<keyof typeof DEBATE_FORMATS>) {
      const first = debateIn(index, format);
      expect(debateIn(index, format)).toBe(first);
      expect(first.etag).toBe(`${index.etag.slice(0, -1)}-${format}"`);
      const other = buildIndex(smallDebate(["a"], [{ id: "x", positions: { a: "yes" }, claims: [{ id: "c", topic: "a", stance: "yes" }] }]));
      expect(debateIn(other, format).etag).not.toBe(first.etag);
    }
  });
});
