import type { Root, Yaml } from "mdast";
import type { Point } from "unist";
import type { VFile } from "vfile";
import { isMap, isScalar, parseDocument } from "yaml";
import type { z } from "zod";
import { report } from "./rules";

/** The file point of an offset into the YAML of a frontmatter node. */
function pointInYaml(node: Yaml, yaml: string, offset: number): Point | undefined {
  const start = node.position?.start;
  if (!start) return undefined;
  const lines = yaml.slice(0, offset).split("\n");
  // The YAML text starts on the line after the opening `---`.
  return { line: start.line + lines.length, column: (lines[lines.length - 1] ?? "").length + 1 };
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
  const document = parseDocument(node.value, { prettyErrors: false });
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      report(file, "frontmatter-invalid", `Unexpected YAML: ${error.message.split("\n")[0]}`, pointInYaml(node, node.value, error.pos[0]) ?? node);
    }
    return undefined;
  }
  const result = schema.safeParse(document.toJS() ?? {});
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const key = issue.path[0] ?? (issue.code === "unrecognized_keys" ? issue.keys[0] : undefined);
    const pair = isMap(document.contents)
      ? document.contents.items.find((item) => isScalar(item.key) && item.key.value === key)
      : undefined;
    const offset = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    const place = offset === undefined ? node : pointInYaml(node, node.value, offset);
    const reason =
      issue.code === "unrecognized_keys"
        ? `Unexpected field \`${issue.keys.join("`, `")}\`, expected only the fields listed in perspectives/README.md`
        : `Unexpected frontmatter: ${issue.message}`;
    report(file, "frontmatter-invalid", reason, place);
  }
  return undefined;
}
