import { describe, expect, it } from "vitest";
import { buildIndex, type Index } from "~/models/content-index";
import { disputeLayout, disputePairs, MAP_GROUPS, wrapText, type DisputeLayout } from "~/models/dispute-map.server";
import { content } from "../e2e/content";
import { smallDebate } from "./small-debate";

let real: Promise<Index> | undefined;
const index = () => (real ??= content().then(buildIndex));

/** What a map must be, whatever the layout chose: every box inside it, none on another, columns in order. */
function checkGeometry(layout: DisputeLayout) {
  for (const node of layout.nodes) {
    expect(node.x, node.id).toBeGreaterThanOrEqual(0);
    expect(node.y, node.id).toBeGreaterThanOrEqual(0);
    expect(node.x + node.width, node.id).toBeLessThanOrEqual(layout.width);
    expect(node.y + node.height, node.id).toBeLessThanOrEqual(layout.height);
  }
  for (const [index, a] of layout.nodes.entries()) {
    for (const b of layout.nodes.slice(index + 1)) {
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      expect(apart, `${a.id} and ${b.id} overlap`).toBe(true);
    }
  }
  // Yes, mixed, no, other questions: each column wholly right of the one before.
  const order = layout.columns.map((column) => MAP_GROUPS.indexOf(column.group));
  expect(order).toEqual([...order].sort((a, b) => a - b));
  for (const [index, column] of layout.columns.entries()) {
    const next = layout.columns[index + 1];
    if (next) expect(column.right, `${column.group} before ${next.group}`).toBeLessThanOrEqual(next.left);
    for (const node of layout.nodes.filter((candidate) => candidate.group === column.group)) {
      expect(node.x >= column.left && node.x + node.width <= column.right, node.id).toBe(true);
    }
  }
}

describe("wrapping a title", () => {
  it("breaks at spaces within the line's length", () => {
    expect(wrapText("Raids secure witnesses and dismantle networks", 23, 4)).toEqual(["Raids secure witnesses", "and dismantle networks"]);
  });

  it("cuts a word longer than a line, and shortens what does not fit with an ellipsis", () => {
    expect(wrapText("Antidisestablishmentarianism", 10, 4)).toEqual(["Antidisest", "ablishment", "arianism"]);
    expect(wrapText("one two three four five six", 9, 2)).toEqual(["one two", "three…"]);
    expect(wrapText("abcdefghijkl", 5, 2)).toEqual(["abcde", "fghi…"]);
    expect(wrapText("one two three four", 8, 1)).toEqual(["one two…"]);
  });
});

describe("a question's dispute map", () => {
  it("shows each question's claims by answer and every claim in dispute with them, an edge per \"contested by\", for every question of the real content", async () => {
    const content = await index();
    for (const topic of content.debate.topics) {
      const layout = await disputeLayout(content, topic.id);
      const own = [...content.claims.values()].filter((claim) => claim.topic === topic.id);
      const pairs = disputePairs(content, topic.id);
      const shown = new Map(layout.nodes.map((node) => [node.id, node]));
      for (const claim of own) expect(shown.get(claim.id)?.group, `${topic.id}: ${claim.id}`).toBe(claim.stance);
      // Every "contested by" that touches the question, and no other.
      const expected = [...content.claims.values()].flatMap((claim) =>
        claim.contestedBy.filter((by) => claim.topic === topic.id || content.claims.get(by)!.topic === topic.id).map((by) => `${claim.id}>${by}`),
      );
      expect(layout.edges.map((edge) => `${edge.from}>${edge.to}`).sort(), topic.id).toEqual(expected.sort());
      expect(pairs.map(([claim, by]) => `${claim.id}>${by.id}`).sort(), topic.id).toEqual(expected.sort());
      for (const edge of layout.edges) {
        expect(shown.has(edge.from) && shown.has(edge.to), `${topic.id}: ${edge.from}>${edge.to}`).toBe(true);
        expect(edge.points.length, `${topic.id}: ${edge.from}>${edge.to}`).toBeGreaterThanOrEqual(2);
      }
      // Claims of other questions only where they are in dispute with this one's.
      const inDispute = new Set(pairs.flatMap(([claim, by]) => [claim.id, by.id]));
      for (const node of layout.nodes.filter((candidate) => candidate.group === "elsewhere")) {
        expect(content.claims.get(node.id)!.topic, node.id).not.toBe(topic.id);
        expect(inDispute.has(node.id), `${topic.id}: ${node.id}`).toBe(true);
      }
      expect(layout.nodes).toHaveLength(own.length + layout.nodes.filter((node) => node.group === "elsewhere").length);
      checkGeometry(layout);
    }
  });

  it("is laid out once per content and question, and afresh for new content", async () => {
    const content = await index();
    const topic = content.debate.topics[0]!.id;
    expect(disputeLayout(content, topic)).toBe(disputeLayout(content, topic));
    const reloaded = buildIndex(content.debate);
    expect(disputeLayout(reloaded, topic)).not.toBe(disputeLayout(content, topic));
    expect(await disputeLayout(reloaded, topic)).toEqual(await disputeLayout(content, topic));
  });

  it("draws another debate: claims that contest claims of their own answer, another question, no dispute at all", async () => {
    const debate = smallDebate(
      ["q", "r", "s"],
      [
        {
          id: "one",
          positions: { q: "yes", r: "no" },
          claims: [
            { id: "yes-1", topic: "q", stance: "yes", counterEvidence: [{ text: "x", claim: "yes-2" }] },
            { id: "elsewhere", topic: "r", stance: "no", counterEvidence: [{ text: "x", claim: "no-1" }] },
            { id: "quiet", topic: "s", stance: "yes" },
          ],
        },
        {
          id: "two",
          name: "A viewpoint with a name far too long to fit in one line of its box",
          positions: { q: "mixed" },
          claims: [
            { id: "yes-2", topic: "q", stance: "yes", title: "A title long enough to wrap onto a second and then a third line of the box" },
            { id: "no-1", topic: "q", stance: "no", counterEvidence: [{ text: "x", claim: "yes-1" }] },
          ],
        },
      ],
    );
    const content = buildIndex(debate);
    const layout = await disputeLayout(content, "q");
    expect(layout.nodes.map((node) => [node.id, node.group])).toEqual([
      ["yes-1", "yes"],
      ["yes-2", "yes"],
      ["no-1", "no"],
      ["elsewhere", "elsewhere"],
    ]);
    expect(layout.edges.map((edge) => `${edge.from}>${edge.to}`).sort()).toEqual(["no-1>elsewhere", "yes-1>no-1", "yes-2>yes-1"]);
    expect(layout.nodes.find((node) => node.id === "yes-2")!.lines.length).toBeGreaterThan(2);
    expect(layout.nodes.find((node) => node.id === "no-1")!.viewpointLines).toHaveLength(2);
    checkGeometry(layout);
    const quiet = await disputeLayout(content, "s");
    expect(quiet.nodes.map((node) => node.id)).toEqual(["quiet"]);
    expect(quiet.edges).toEqual([]);
  });
});
