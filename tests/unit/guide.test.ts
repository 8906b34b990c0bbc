import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { VFile } from "vfile";
import { compile } from "~/compiler/compile";
import { loadFolder } from "~/compiler/load";

describe("the authoring guide", () => {
  it("has a complete example that compiles, beside the real content, without a problem", async () => {
    const guide = await readFile("perspectives/README.md", "utf8");
    const example = /## A complete small example[\s\S]*?````markdown\n([\s\S]*?)\n````/.exec(guide)?.[1];
    expect(example).toMatch(/^---\nid: example-view\n/);
    const files = await loadFolder("perspectives");
    const result = compile([...files, new VFile({ path: "perspectives/example-view.md", value: example })]);
    const exampleFile = result.files.find((file) => file.basename === "example-view.md")!;
    // The example answers one question; a real viewpoint covers them all.
    const problems = exampleFile.messages.filter((message) => message.ruleId !== "missing-topic");
    expect(problems.map(String)).toEqual([]);
    expect(exampleFile.messages.length).toBe(result.debate.topics.length - 1);
    const claim = result.debate.perspectives.find((perspective) => perspective.id === "example-view")!.claims[0]!;
    expect(claim.counterEvidence[0]!.claim).toBe("raid-and-rescue-frees-trafficking-victims");
  });
});
