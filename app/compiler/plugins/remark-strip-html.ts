import type { Root } from "mdast";
import type { VFile } from "vfile";
import { SKIP, visit } from "unist-util-visit";
import { report } from "../rules";

/**
 * Removes raw HTML and reports each piece. The format is Markdown only: HTML
 * would bypass the outline the compiler reads and the sanitizer's review.
 */
export function remarkStripHtml() {
  return function transformer(tree: Root, file: VFile) {
    visit(tree, "html", (node, index, parent) => {
      report(
        file,
        "raw-html",
        `Unexpected raw HTML \`${node.value.slice(0, 40).replace(/\s+/g, " ")}\`, expected Markdown (the HTML was removed)`,
        node,
      );
      if (parent && index !== undefined) {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
    });
  };
}
