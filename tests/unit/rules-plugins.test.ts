/** The remark plugins on their own, each in a bare unified pipeline. */
import type { Root } from "mdast";
import remarkFrontmatter from "remark-frontmatter";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { remarkCheck } from "~/compiler/check";
import { compile } from "~/compiler/compile";
import { remarkOutline } from "~/compiler/outline";
import { remarkCitations, type CitationNode } from "~/compiler/plugins/remark-citations";
import { remarkStripHtml } from "~/compiler/plugins/remark-strip-html";
import { content } from "../e2e/content";

function run(plugins: Array<() => (tree: Root, file: VFile) => void>, text: string, path = "content/view.md") {
  let processor = unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]);
  for (const plugin of plugins) processor = processor.use(plugin);
  const file = new VFile({ path, value: text });
  const tree = processor.runSync(processor.parse(file), file) as Root;
  return { tree, file, messages: file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}: ${message.reason}`) };
}

function citations(tree: Root): CitationNode[] {
  const found: CitationNode[] = [];
  const walk = (node: { type: string; children?: unknown[] }) => {
    if (node.type === "citation") found.push(node as unknown as CitationNode);
    for (const child of node.children ?? []) walk(child as { type: string; children?: unknown[] });
  };
  walk(tree);
  return found;
}

describe("remarkCitations", () => {
  it("reads a citation whose locator holds emphasis, as plain text, at its place", () => {
    const { tree, messages } = run([remarkCitations], "Scores held [@smith2020, *Results* › `Table 2`, \"held\"] in all.\n");
    expect(messages).toEqual([]);
    const [node] = citations(tree);
    expect(node?.citations).toEqual([{ key: "smith2020", locator: "Results › Table 2", phrase: "held" }]);
    expect(node?.position?.start).toMatchObject({ line: 1, column: 13 });
  });

  it("reports a link inside a citation and a citation split by emphasis", () => {
    const { messages } = run([remarkCitations], "A [@k, [p. 4](https://example.org)] and *[@k, p.* 5].\n");
    expect(messages).toEqual([
      "1:8 malformed-citation: Unexpected link inside a citation, expected plain text (emphasis and code are allowed and read as text)",
      "1:42 malformed-citation: Unexpected citation that formatting splits, expected `[@key, locator]` with its brackets outside any emphasis",
    ]);
  });
});

describe("remarkStripHtml", () => {
  it("removes raw HTML and reports each piece where it was", () => {
    const { tree, messages } = run([remarkStripHtml], "Text <b>bold</b>.\n");
    expect(messages.map((message) => message.split(" ")[0])).toEqual(["1:6", "1:13"]);
    expect(JSON.stringify(tree)).not.toContain("<b>");
  });
});

describe("remarkOutline and remarkCheck", () => {
  const view = `---
id: view
name: View
summary: S.
tradition: T.
proponents:
  - P
policy: P.
---

## Learning

### A claim

Stance: yes

The statement.

#### Evidence

- **study:** A finding without a source, and a [bad link](javascript:alert(1)).
`;

  it("puts the draft on file.data, then checks its content", () => {
    const { file, messages } = run([remarkCitations, remarkOutline, remarkCheck], view);
    const draft = file.data.draft;
    expect(draft?.kind).toBe("perspective");
    expect(draft?.kind === "perspective" && draft.sections[0]?.claims[0]?.statement.children).toMatchObject([{ type: "text", value: "The statement." }]);
    expect(messages).toEqual([
      "13:1 claim-without-counter-evidence: Unexpected claim `A claim` without counter-evidence, expected a `#### Counter-evidence` list with at least one cited item",
      "21:48 unsafe-url: Unexpected link to `javascript:alert(1)`, expected an http, https or mailto URL, or a cross-link such as `other-view.md#claim-id`",
      "21:1 evidence-without-citation: Unexpected study item without a citation, expected at least one `[@key, locator]` in it",
    ]);
  });
});

describe("the compile stages together", () => {
  it("keeps the citation class on citation links through the sanitizer", async () => {
    // Citations are links in prose (items list theirs apart); the real content has both.
    const debate = await content();
    const html = JSON.stringify(debate);
    expect(html).toMatch(/<a href=\\"\/sources#[^"\\]+\\" class=\\"citation\\">/);
    expect(html).not.toContain('class=\\"\\"');
  });

  it("reports a stage's failure on its file as internal-error and compiles the others", () => {
    const broken = new VFile({ path: "content/broken.md" });
    // A value that no stage can read: the screen stage's byte check throws on it.
    Object.defineProperty(broken, "value", { get: () => ({ length: 1 }), set: () => {} });
    const result = compile([broken, new VFile({ path: "content/empty.md", value: "" })]);
    const messages = result.files.flatMap((file) => file.messages.map((message) => `${file.basename}:${message.line}:${message.column} ${message.ruleId}`));
    expect(messages).toContain("broken.md:1:1 internal-error");
    expect(messages).toContain("empty.md:1:1 empty-file");
  });
});
