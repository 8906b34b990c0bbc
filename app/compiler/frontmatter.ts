import type { Root, Yaml } from "mdast";
import type { Point } from "unist";
import type { VFile } from "vfile";
import { location } from "vfile-location";
import { isAlias, isMap, isNode, isScalar, parseDocument, visit as visitYaml, type Document } from "yaml";
import type { z } from "zod";
import { report } from "./rules";

/** Maps offsets into the YAML of a frontmatter node to points in the file. */
function yamlPlaces(file: VFile, node: Yaml): (offset: number) => Point | undefined {
  const text = String(file.value);
  const start = text.indexOf(node.value, node.position?.start.offset ?? 0);
  const place = location(file);
  return (offset) => (start < 0 ? node.position?.start : place.toPoint(start + offset));
}

/** An alias bomb has thousands of aliases; the first few say what is wrong. */
const MAX_YAML_PROBLEMS = 10;

/**
 * Where a node's anchor (`&`) or tag (`!`) is written. The parser places a
 * node at its value; its properties come just before it, separated by
 * whitespace, in either order.
 */
function propertyOffset(source: string, valueStart: number, prefix: "&" | "!"): number {
  let end = valueStart;
  for (;;) {
    while (end > 0 && /\s/.test(source[end - 1]!)) end--;
    let start = end;
    while (start > 0 && !/\s/.test(source[start - 1]!)) start--;
    const token = source.slice(start, end);
    if (token.startsWith(prefix)) return start;
    if (!token.startsWith("&") && !token.startsWith("!")) return valueStart;
    end = start;
  }
}

/**
 * Frontmatter is plain data: aliases (and the alias bombs they allow), tags
 * and anything but a mapping at the top are refused, each at its place.
 */
function plainDataProblems(document: Document, source: string): Array<{ reason: string; offset: number | undefined }> {
  const problems: Array<{ reason: string; offset: number | undefined }> = [];
  if (document.contents !== null && !isMap(document.contents)) {
    problems.push({ reason: "Unexpected YAML that is not a mapping of fields, expected `field: value` lines", offset: document.contents.range?.[0] });
    return problems;
  }
  visitYaml(document, (_key, node) => {
    if (isAlias(node)) {
      problems.push({ reason: `Unexpected YAML alias \`*${node.source}\`, expected the value written out`, offset: node.range?.[0] });
    } else if (isNode(node)) {
      const at = (prefix: "&" | "!") => (node.range ? propertyOffset(source, node.range[0], prefix) : undefined);
      if (node.tag) problems.push({ reason: `Unexpected YAML tag \`${node.tag.replace("tag:yaml.org,2002:", "!!")}\`, expected plain text, numbers and lists`, offset: at("!") });
      if (node.anchor) problems.push({ reason: `Unexpected YAML anchor \`&${node.anchor}\`, expected plain values`, offset: at("&") });
    }
  });
  return problems;
}

/**
 * Reads the YAML frontmatter of `tree` and checks it against `schema`,
 * reporting every problem at the line of the offending key.
 */
export function readFrontmatter<S extends z.ZodType>(
  tree: Root,
  file: VFile,
  schema: S,
  { required }: { required: boolean },
): z.infer<S> | undefined {
  const node = tree.children[0]?.type === "yaml" ? tree.children[0] : undefined;
  if (!node) {
    if (required) {
      report(file, "frontmatter-missing", "Unexpected file without frontmatter, expected a YAML block between `---` lines at the top (see perspectives/README.md)", { line: 1, column: 1 });
    }
    return undefined;
  }
  const pointAt = yamlPlaces(file, node);
  // Parsing is linear; only resolving aliases can blow up, and aliases are refused before that.
  const document = parseDocument(node.value, { prettyErrors: false, uniqueKeys: true });
  const problems = [
    // Warnings are only about tags, which plainDataProblems reports with the other refused YAML.
    ...document.errors.map((error) => ({ reason: `Unexpected YAML: ${error.message.split("\n")[0]}`, offset: error.pos[0] })),
    ...plainDataProblems(document, node.value).slice(0, MAX_YAML_PROBLEMS),
  ];
  if (problems.length > 0) {
    for (const problem of problems) {
      report(file, "frontmatter-invalid", problem.reason, (problem.offset === undefined ? undefined : pointAt(problem.offset)) ?? node);
    }
    return undefined;
  }
  const result = schema.safeParse(document.toJS({ maxAliasCount: 0 }) ?? {});
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const key = issue.path[0] ?? (issue.code === "unrecognized_keys" ? issue.keys[0] : undefined);
    const pair = isMap(document.contents)
      ? document.contents.items.find((item) => isScalar(item.key) && item.key.value === key)
      : undefined;
    const offset = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    const place = (offset === undefined ? undefined : pointAt(offset)) ?? node;
    const reason =
      issue.code === "unrecognized_keys"
        ? `Unexpected field \`${issue.keys.join("`, `")}\`, expected only the fields listed in perspectives/README.md`
        : `Unexpected frontmatter: ${issue.message}`;
    report(file, "frontmatter-invalid", reason, place);
  }
  return undefined;
}
