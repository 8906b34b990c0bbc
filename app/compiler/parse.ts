/**
 * Stage 1, parse: Markdown to mdast with frontmatter and GFM, raw HTML removed
 * and reported, and pandoc-style citations turned into `citation` nodes.
 */
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import type { Preset } from "unified";
import { remarkCitations } from "./plugins/remark-citations";
import { remarkStripHtml } from "./plugins/remark-strip-html";

export const parse: Preset = {
  plugins: [remarkParse, [remarkFrontmatter, ["yaml"]], remarkGfm, remarkStripHtml, remarkCitations],
};
