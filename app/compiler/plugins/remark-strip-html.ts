import type { Parent, Root } from "mdast";
import type { VFile } from "vfile";
import { report } from "../rules";

/**
 * Removes raw HTML and reports each piece. The format is Markdown only: HTML
 * would bypass the outline the compiler reads and the sanitizer's review.
 */
export function remarkStripHtml() {
  return function transformer(tree: Root, file: VFile) {
    // A plain walk: it runs on every node of every file, and unist-util-visit
    // allocates an ancestor list per node.
    const walk = (parent: Parent) => {
      let removed = false;
      for (const child of parent.children) {
        if (child.type === "html") {
          report(file, "raw-html", `Unexpected raw HTML \`${child.value.slice(0, 40).replace(/\s+/g, " ")}\`, expected Markdown (the HTML was removed)`, child);
          removed = true;
        } else if ("children" in child) walk(child);
      }
      if (removed) parent.children = parent.children.filter((child) => child.type !== "html");
    };
    walk(tree);
  };
}
