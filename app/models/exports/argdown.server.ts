/**
 * The debate in Argdown (https://argdown.org): a section per question and,
 * within it, per viewpoint; each claim a statement tagged with its viewpoint
 * and question; its evidence supports it and its counter-evidence attacks it,
 * each item with its citations; a claim that counter-evidence comes from
 * attacks the claim as well (one attack per rebuttal link), and a claim that
 * evidence comes from supports it.
 */
import type { Claim, Item } from "~/compiler/model";
import type { Index } from "../content-index";
import { itemText } from "./text.server";

/**
 * Free text as Argdown reads it back: whitespace made one line, and a
 * backslash before every character Argdown could take for syntax: brackets
 * (statements, links), angle brackets (arguments, comments), `#` (tags,
 * headings), `*` and `_` (emphasis), `@` (mentions), braces (data), `=`
 * (front matter), `//` and `/*` (comments), and `.` or `:` followed by a
 * letter (`.name.` and `:name:` are special characters).
 */
export function escapeArgdown(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\\[\]<>#*_@{}=]|\/(?=[/*])|[.:](?=\S)/g, "\\$&");
}

/**
 * A statement's title, unique in the document: Argdown takes statements with
 * the same title for one. Brackets would end it, and a leading hyphen would
 * not read as a reference.
 */
function titler() {
  const used = new Set<string>();
  return (wanted: string, qualifier: string): string => {
    const base = wanted.replace(/\s+/g, " ").trim().replace(/\[/g, "(").replace(/\]/g, ")").replace(/^-/, "–");
    let title = base;
    for (let count = 1; used.has(title); count++) title = count === 1 ? `${base} (${qualifier})` : `${base} (${qualifier} ${count})`;
    used.add(title);
    return title;
  };
}

/** A tag as Argdown reads one: `#id`, or `#(words)` for anything else. */
function tag(id: string): string {
  return /^[A-Za-z0-9-]+$/.test(id) ? `#${id}` : `#(${id.replace(/[()]/g, "")})`;
}

/** A YAML string that cannot close Argdown's front matter. */
const yamlString = (text: string) => JSON.stringify(text.replace(/\s+/g, " ").trim()).replace(/=/g, "\\u003d");

export function toArgdown(content: Index): string {
  const { debate } = content;
  const title = titler();
  const claimTitles = new Map<string, string>();
  for (const perspective of debate.perspectives) {
    for (const claim of perspective.claims) claimTitles.set(claim.id, title(claim.title, perspective.name));
  }
  const lines = [
    "===",
    `title: ${yamlString(debate.title)}`,
    `abstract: ${yamlString(debate.description)}`,
    "===",
    "",
    "// Written by Counterpoint from its JSON model. Each claim is tagged with its viewpoint and question; its data gives its id and its answer.",
  ];

  const relations = (claim: Claim, items: Item[], kind: "evidence" | "counter-evidence") => {
    const sign = kind === "evidence" ? "+" : "-";
    const linked = new Set<string>();
    const out = items.map((item, index) => {
      if (item.claim) linked.add(item.claim);
      return `  ${sign} [${title(`${claimTitles.get(claim.id)}: ${kind} ${index + 1}`, claim.id)}]: ${escapeArgdown(itemText(item, content.sources))}`;
    });
    for (const other of linked) {
      const otherTitle = claimTitles.get(other);
      if (otherTitle) out.push(`  ${sign} [${otherTitle}]`);
    }
    return out;
  };

  for (const topic of debate.topics) {
    lines.push("", `# ${escapeArgdown(`${topic.title}: ${topic.question}`)}`);
    for (const perspective of debate.perspectives) {
      const claims = perspective.claims.filter((claim) => claim.topic === topic.id);
      if (claims.length === 0) continue;
      lines.push("", `## ${escapeArgdown(perspective.name)}`);
      for (const claim of claims) {
        lines.push(
          "",
          `[${claimTitles.get(claim.id)}]: ${escapeArgdown(claim.statement)} ${tag(perspective.id)} ${tag(topic.id)} {id: ${JSON.stringify(claim.id)}, stance: ${JSON.stringify(claim.stance)}}`,
          ...relations(claim, claim.evidence, "evidence"),
          ...relations(claim, claim.counterEvidence, "counter-evidence"),
        );
      }
    }
  }
  return `${lines.join("\n")}\n`;
}
