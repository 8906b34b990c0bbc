/**
 * Stage 2, read the outline: turns each parsed file's frontmatter, headings,
 * fields and lists into a draft on `file.data.draft`, reporting what does not
 * fit the outline. Prose stays as mdast here; the render stage turns it into
 * HTML. Checks of the content itself are the check stage's.
 */
import type { Definition, Heading, Image, Link, List, ListItem, Paragraph, PhrasingContent, Root, RootContent } from "mdast";
import { toString } from "mdast-util-to-string";
import { slug } from "github-slugger";
import type { VFile } from "vfile";
import { readFrontmatter } from "./frontmatter";
import { CLAIM_STANCES, FLAGS, ITEM_KINDS, STANCES, type Flag, type ItemKind, type Stance } from "./model";
import type { CitationNode } from "./plugins/remark-citations";
import { report } from "./rules";
import {
  debateFrontmatter,
  glossaryFrontmatter,
  perspectiveFrontmatter,
  type DebateFrontmatter,
  type PerspectiveFrontmatter,
} from "./schema";

export type Prose = RootContent[];

/** A node that carries a URL the content wrote. */
export type UrlNode = Link | Image | Definition;

/**
 * What a stretch of content refers to, collected in one walk when the outline
 * is read, so that checking, linking and rendering need not walk it again
 * (and a cached draft keeps them).
 */
export interface References {
  citations: CitationNode[];
  urls: UrlNode[];
}

/** The citations and URLs in `nodes`, in document order. */
export function referencesIn(nodes: readonly RootContent[]): References {
  const found: References = { citations: [], urls: [] };
  const walk = (children: readonly RootContent[]) => {
    for (const node of children) {
      if (node.type === "citation") found.citations.push(node);
      else if (node.type === "link" || node.type === "image" || node.type === "definition") found.urls.push(node);
      if ("children" in node) walk(node.children);
    }
  };
  walk(nodes);
  return found;
}

export interface DraftItem {
  type: "evidence" | "counter-evidence";
  kind: ItemKind;
  flags: Flag[];
  /** The item's content without its leading kind. */
  body: Prose;
  /** What the body cites and links to. */
  references: References;
  node: ListItem;
}

export interface DraftClaim {
  id: string;
  topic: string;
  title: string;
  stance: Exclude<Stance, "not-addressed">;
  flags: Flag[];
  statement: Paragraph;
  explanation: Prose;
  evidence: DraftItem[];
  counterEvidence: DraftItem[];
  heading: Heading;
}

export interface DraftSection {
  topic: string;
  heading: Heading;
  stance?: Stance;
  flags: Flag[];
  note: Prose;
  claims: DraftClaim[];
}

/** What every draft has: its file, its tree, and what the whole tree refers to. */
interface DraftBase {
  file: VFile;
  tree: Root;
  references: References;
}

export interface DraftPerspective extends DraftBase {
  kind: "perspective";
  frontmatter?: PerspectiveFrontmatter;
  overview: Prose;
  sections: DraftSection[];
}

export interface DraftTopic {
  id: string;
  title: string;
  question: string;
  framing: Prose;
  heading: Heading;
}

export interface DraftTopics extends DraftBase {
  kind: "topics";
  frontmatter?: DebateFrontmatter;
  topics: DraftTopic[];
}

export interface DraftTerm {
  id: string;
  term: string;
  aliases: string[];
  definition: Prose;
  /** What the definition cites and links to. */
  references: References;
  heading: Heading;
}

export interface DraftGlossary extends DraftBase {
  kind: "glossary";
  terms: DraftTerm[];
}

export type DraftFile = DraftPerspective | DraftTopics | DraftGlossary;

/** The role a content file plays, from its name. */
function fileRole(path: string): DraftFile["kind"] {
  const name = path.split("/").pop();
  if (name === "topics.md") return "topics";
  if (name === "glossary.md") return "glossary";
  return "perspective";
}

const FIELD_LINE = /^([A-Za-z][A-Za-z-]*):[ \t]*(.*)$/;

/**
 * Reads a paragraph of `Key: value` lines, such as `Stance: yes` and `ID: x`.
 * Returns undefined when the paragraph is prose rather than fields.
 */
function readFields(node: RootContent | undefined, known: readonly string[]): Map<string, string> | undefined {
  if (node?.type !== "paragraph") return undefined;
  const lines = toString(node).split("\n");
  const fields = new Map<string, string>();
  for (const line of lines) {
    const match = FIELD_LINE.exec(line.trim());
    if (!match?.[1] || !known.includes(match[1].toLowerCase())) return undefined;
    fields.set(match[1].toLowerCase(), (match[2] ?? "").trim());
  }
  return fields;
}

/** The children of `nodes` up to (not including) the next heading at `depth` or shallower. */
function takeUntilHeading(nodes: RootContent[], start: number, depth: number): RootContent[] {
  const taken: RootContent[] = [];
  for (let index = start; index < nodes.length; index++) {
    const node = nodes[index]!;
    if (node.type === "heading" && node.depth <= depth) break;
    taken.push(node);
  }
  return taken;
}

function isHeading(node: RootContent | undefined, depth?: number): node is Heading {
  return node?.type === "heading" && (depth === undefined || node.depth === depth);
}

function headingText(node: Heading): string {
  return toString(node).trim();
}

const OUTLINE_HINT = "see the outline in perspectives/README.md";

function unexpectedHeading(file: VFile, node: Heading, expected: string) {
  report(file, "heading-structure", `Unexpected heading level ${node.depth} \`${headingText(node)}\`, expected ${expected}; ${OUTLINE_HINT}`, node);
}

function readStance<const Allowed extends readonly Stance[]>(
  file: VFile,
  value: string | undefined,
  allowed: Allowed,
  place: RootContent,
  where: string,
): Allowed[number] | undefined {
  const stance = value?.toLowerCase();
  if (stance && (allowed as readonly string[]).includes(stance)) return stance as Allowed[number];
  const expected = allowed.map((item) => `\`${item}\``).join(", ");
  report(
    file,
    "invalid-stance",
    value === undefined
      ? `Unexpected ${where} without a stance, expected a first paragraph \`Stance: ${allowed[0]}\` (one of ${expected})`
      : `Unexpected stance \`${value}\`, expected one of ${expected}`,
    place,
  );
  return undefined;
}

/** Reads a comma-separated list of flags; unknown ones are reported and left out. */
function readFlags(file: VFile, value: string | undefined, place: RootContent | PhrasingContent | ListItem): Flag[] {
  if (!value) return [];
  const flags: Flag[] = [];
  for (const name of value.split(",").map((part) => part.trim().toLowerCase()).filter(Boolean)) {
    if (Object.hasOwn(FLAGS, name)) {
      if (!flags.includes(name as Flag)) flags.push(name as Flag);
    } else {
      const expected = Object.keys(FLAGS).map((flag) => `\`${flag}\``).join(", ");
      report(file, "unknown-flag", `Unexpected flag \`${name}\`, expected one of ${expected}`, place);
    }
  }
  return flags;
}

/** An item's lead: `**kind:**`, or `**kind (flag, flag):**` with review flags. */
const ITEM_LEAD = /^([a-z-]+)\s*(?:\(([^)]*)\))?\s*:?$/;

function readItem(file: VFile, node: ListItem, type: DraftItem["type"]): DraftItem | undefined {
  const [first, ...rest] = node.children;
  const lead = first?.type === "paragraph" ? first.children[0] : undefined;
  const leadMatch = lead?.type === "strong" ? ITEM_LEAD.exec(toString(lead).trim().toLowerCase()) : undefined;
  const kindText = leadMatch ? leadMatch[1] : lead?.type === "strong" ? toString(lead).trim().replace(/:$/, "").trim().toLowerCase() : undefined;
  const expected = `expected the item to start with one of ${ITEM_KINDS.map((kind) => `**${kind}:**`).join(", ")}`;
  if (!kindText) {
    report(file, "missing-kind", `Unexpected item without a kind, ${expected}`, node);
    return undefined;
  }
  if (!(ITEM_KINDS as readonly string[]).includes(kindText)) {
    report(file, "invalid-kind", `Unexpected kind \`${kindText}\`, ${expected}`, lead);
    return undefined;
  }
  const paragraph = first as Paragraph;
  const remaining: PhrasingContent[] = paragraph.children.slice(1);
  const next = remaining[0];
  if (next?.type === "text") remaining[0] = { ...next, value: next.value.replace(/^\s*:?\s*/, "") };
  const body: Prose = [{ ...paragraph, children: remaining }, ...rest];
  return {
    type,
    kind: kindText as ItemKind,
    flags: readFlags(file, leadMatch?.[2], lead!),
    body,
    references: referencesIn(body),
    node,
  };
}

/** Reads the items under an evidence heading; `listed` counts them, valid or not. */
function readItems(file: VFile, nodes: RootContent[], heading: Heading, type: DraftItem["type"]) {
  const items: DraftItem[] = [];
  let listed = 0;
  for (const node of nodes) {
    if (node.type === "list") {
      for (const listItem of (node as List).children) {
        listed++;
        const item = readItem(file, listItem, type);
        if (item) items.push(item);
      }
    } else if (node.type === "heading") {
      unexpectedHeading(file, node, `\`#### Evidence\` or \`#### Counter-evidence\` under a claim`);
    } else {
      report(file, "unexpected-content", `Unexpected ${node.type} under \`${headingText(heading)}\`, expected only a list of items`, node);
    }
  }
  return { items, listed };
}

function readClaim(file: VFile, heading: Heading, body: RootContent[], topic: string): DraftClaim {
  const title = headingText(heading);
  let index = 0;
  const fields = readFields(body[0], ["stance", "id", "flags"]);
  if (fields) index++;
  const stance = readStance(file, fields?.get("stance"), CLAIM_STANCES, fields ? body[0]! : heading, "claim");
  let statement: Paragraph | undefined;
  if (body[index]?.type === "paragraph") statement = body[index++] as Paragraph;
  else report(file, "missing-statement", `Unexpected claim \`${title}\` without a statement, expected a one-sentence paragraph after its \`Stance:\` line`, body[index] ?? heading);
  const explanation: Prose = [];
  while (index < body.length && !isHeading(body[index])) explanation.push(body[index++]!);

  const lists = { evidence: [] as DraftItem[], "counter-evidence": [] as DraftItem[] };
  const listed = { evidence: 0, "counter-evidence": 0 };
  const seen = new Set<string>();
  while (index < body.length) {
    const sub = body[index] as Heading;
    const content = takeUntilHeading(body, index + 1, 4);
    index += content.length + 1;
    const name = slug(headingText(sub));
    if (sub.depth !== 4 || (name !== "evidence" && name !== "counter-evidence")) {
      unexpectedHeading(file, sub, "`#### Evidence` or `#### Counter-evidence` under a claim");
      continue;
    }
    if (seen.has(name)) {
      report(file, "duplicate-item-list", `Unexpected second \`${headingText(sub)}\` under claim \`${title}\`, expected one list of each kind`, sub);
    }
    seen.add(name);
    const read = readItems(file, content, sub, name);
    lists[name].push(...read.items);
    listed[name] += read.listed;
  }
  if (listed.evidence === 0) {
    report(file, "claim-without-evidence", `Unexpected claim \`${title}\` without evidence, expected a \`#### Evidence\` list with at least one cited item`, heading);
  }
  if (listed["counter-evidence"] === 0) {
    report(file, "claim-without-counter-evidence", `Unexpected claim \`${title}\` without counter-evidence, expected a \`#### Counter-evidence\` list with at least one cited item`, heading);
  }
  return {
    id: fields?.get("id") || slug(title),
    topic,
    title,
    // The error is reported; the claim stays so that links to it still resolve.
    stance: stance ?? "mixed",
    flags: readFlags(file, fields?.get("flags"), body[0] ?? heading),
    statement: statement ?? { type: "paragraph", children: [] },
    explanation,
    evidence: lists.evidence,
    counterEvidence: lists["counter-evidence"],
    heading,
  };
}

function readSection(file: VFile, heading: Heading, body: RootContent[]): DraftSection {
  const topic = slug(headingText(heading));
  let index = 0;
  const fields = readFields(body[0], ["stance", "flags"]);
  let stance: Stance | undefined;
  if (fields) {
    // A question's stance may be left to its claims; a fields paragraph may then hold only flags.
    if (fields.has("stance") || !fields.has("flags")) stance = readStance(file, fields.get("stance"), STANCES, body[0]!, "question");
    index++;
  }
  const note: Prose = [];
  while (index < body.length && !isHeading(body[index])) note.push(body[index++]!);
  const claims: DraftClaim[] = [];
  while (index < body.length) {
    const sub = body[index] as Heading;
    const content = takeUntilHeading(body, index + 1, 3);
    index += content.length + 1;
    if (sub.depth !== 3) {
      unexpectedHeading(file, sub, "`### <claim title>` under a question");
      continue;
    }
    claims.push(readClaim(file, sub, content, topic));
  }
  if (stance === "not-addressed" && claims.length > 0) {
    report(file, "not-addressed-with-claims", `Unexpected claims under a question marked \`not-addressed\`, expected either claims or \`Stance: not-addressed\``, body[0]!);
  }
  if (!stance && claims.length === 0) {
    report(file, "empty-question", `Unexpected question \`${headingText(heading)}\` without claims or stance, expected \`### <claim>\` headings or \`Stance: not-addressed\``, heading);
  }
  return { topic, heading, stance, flags: readFlags(file, fields?.get("flags"), body[0] ?? heading), note, claims };
}

/**
 * Splits a file's body at its `##` headings. Before the first one, an optional
 * `#` title and prose are allowed; anything deeper is reported.
 */
function readSections(file: VFile, tree: Root): { intro: Prose; sections: Array<{ heading: Heading; body: RootContent[] }> } {
  const children = tree.children.filter((node) => node.type !== "yaml");
  const intro: Prose = [];
  const sections: Array<{ heading: Heading; body: RootContent[] }> = [];
  let index = 0;
  let seenTitle = false;
  while (index < children.length && !isHeading(children[index], 2)) {
    const node = children[index++]!;
    if (node.type === "heading") {
      if (node.depth === 1 && !seenTitle && intro.length === 0) seenTitle = true;
      else unexpectedHeading(file, node, "a `## <question>` heading before any deeper heading");
    } else intro.push(node);
  }
  while (index < children.length) {
    const heading = children[index] as Heading;
    const body = takeUntilHeading(children, index + 1, 2);
    index += body.length + 1;
    if (heading.depth === 1) {
      unexpectedHeading(file, heading, "one `#` title at the top of the file");
      continue;
    }
    sections.push({ heading, body });
  }
  return { intro, sections };
}

function readPerspectiveOutline(file: VFile, tree: Root): DraftPerspective {
  const frontmatter = readFrontmatter(tree, file, perspectiveFrontmatter, { required: true });
  const stem = file.stem ?? "";
  if (frontmatter && frontmatter.id !== stem) {
    report(file, "id-mismatch", `Unexpected id \`${frontmatter.id}\`, expected \`${stem}\` to match the file name`, tree.children[0]);
  }
  const { intro, sections } = readSections(file, tree);
  return {
    kind: "perspective",
    file,
    tree,
    references: referencesIn(tree.children),
    frontmatter,
    overview: intro,
    sections: sections.map(({ heading, body }) => readSection(file, heading, body)),
  };
}

function readTopicsOutline(file: VFile, tree: Root): DraftTopics {
  const frontmatter = readFrontmatter(tree, file, debateFrontmatter, { required: true });
  const topics: DraftTopic[] = [];
  for (const { heading, body } of readSections(file, tree).sections) {
    const title = headingText(heading);
    const fields = readFields(body[0], ["question"]);
    const question = fields?.get("question");
    for (const node of body) {
      if (node.type === "heading") unexpectedHeading(file, node, "only `## <question>` headings in topics.md");
    }
    if (!question) {
      report(file, "missing-question", `Unexpected question \`${title}\` without its question, expected a first paragraph \`Question: …?\``, body[0] ?? heading);
      continue;
    }
    topics.push({ id: slug(title), title, question, framing: body.slice(1).filter((node) => node.type !== "heading"), heading });
  }
  return { kind: "topics", file, tree, references: referencesIn(tree.children), frontmatter, topics };
}

function readGlossaryOutline(file: VFile, tree: Root): DraftGlossary {
  readFrontmatter(tree, file, glossaryFrontmatter, { required: false });
  const terms: DraftTerm[] = [];
  for (const { heading, body } of readSections(file, tree).sections) {
    const fields = readFields(body[0], ["also"]);
    const aliases = (fields?.get("also") ?? "").split(";").map((alias) => alias.trim()).filter(Boolean);
    for (const node of body) {
      if (node.type === "heading") unexpectedHeading(file, node, "only `## <term>` headings in glossary.md");
    }
    const term = headingText(heading);
    const definition = body.slice(fields ? 1 : 0).filter((node) => node.type !== "heading");
    terms.push({ id: slug(term), term, aliases, definition, references: referencesIn(definition), heading });
  }
  return { kind: "glossary", file, tree, references: referencesIn(tree.children), terms };
}

/** Reads one parsed file into its draft, reporting what does not fit the format. */
function readOutline(file: VFile, tree: Root): DraftFile | undefined {
  if (String(file.value).trim() === "") {
    report(file, "empty-file", "Unexpected empty file, expected frontmatter and content (or delete the file)", { line: 1, column: 1 });
    return undefined;
  }
  switch (fileRole(file.path)) {
    case "topics":
      return readTopicsOutline(file, tree);
    case "glossary":
      return readGlossaryOutline(file, tree);
    default:
      return readPerspectiveOutline(file, tree);
  }
}

declare module "vfile" {
  interface DataMap {
    /** The file's outline, as the outline stage read it. */
    draft: DraftFile;
  }
}

/** Reads the outline of a parsed content file into `file.data.draft`. */
export function remarkOutline() {
  return function transformer(tree: Root, file: VFile) {
    const draft = readOutline(file, tree);
    if (draft) file.data.draft = draft;
  };
}
