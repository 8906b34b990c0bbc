import { z } from "zod";

const text = (what: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? `missing \`${what}\`` : `\`${what}\` must be text`) })
    .trim()
    .min(1, `\`${what}\` is empty`);

/** Frontmatter of a viewpoint file. */
export const perspectiveFrontmatter = z.strictObject({
  id: text("id").regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "`id` must be lower-case words joined by hyphens"),
  name: text("name"),
  summary: text("summary"),
  tradition: text("tradition"),
  proponents: z.array(text("proponents[]"), { error: "`proponents` must be a list" }).min(1, "`proponents` is empty"),
  policy: text("policy"),
  /** Where the viewpoint stands in lists and columns; without it, after those with one, by name. */
  order: z.number({ error: "`order` must be a number" }).int("`order` must be a whole number").optional(),
});

/** Frontmatter of `topics.md`: the debate itself. */
export const debateFrontmatter = z.strictObject({
  title: text("title"),
  description: text("description"),
  contentNote: text("contentNote").optional(),
});

/** Frontmatter of `glossary.md`, which needs none but may have a title. */
export const glossaryFrontmatter = z.strictObject({ title: text("title").optional() });

export type PerspectiveFrontmatter = z.infer<typeof perspectiveFrontmatter>;
export type DebateFrontmatter = z.infer<typeof debateFrontmatter>;
