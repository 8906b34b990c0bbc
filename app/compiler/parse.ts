/**
 * Stage 1, parse: Markdown to mdast with frontmatter and GFM, raw HTML removed
 * and reported, and pandoc-style citations turned into `citation` nodes.
 */
import type { Root } from "mdast";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import type { VFile } from "vfile";
import { remarkCitations } from "./plugins/remark-citations";
import { remarkStripHtml } from "./plugins/remark-strip-html";

const processor = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ["yaml"])
  .use(remarkGfm)
  .use(remarkStripHtml)
  .use(remarkCitations)
  .freeze();

export function parse(file: VFile): Root {
  return processor.runSync(processor.parse(file), file) as Root;
}
