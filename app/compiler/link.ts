/**
 * Stage 3, link: checks what spans files (unique ids, known questions, cited
 * keys, cross-links) and computes what one file alone cannot know: the claim
 * each counter-evidence item points at, and each claim's `contestedBy`.
 */
import type { Link } from "mdast";
import { dirname, join, normalize } from "node:path";
import { toString } from "mdast-util-to-string";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import type { Bibliography } from "./bibliography";
import { report } from "./rules";
import type { DraftClaim, DraftFile, DraftGlossary, DraftItem, DraftPerspective, DraftTopics } from "./validate";

export interface Linked {
  topics?: DraftTopics;
  glossary?: DraftGlossary;
  perspectives: DraftPerspective[];
  /** Perspective id → its draft, for the perspectives that have a valid id. */
  claimOwner: Map<string, DraftPerspective>;
  /** The claim each item comes from, where it links to one. */
  itemClaim: Map<DraftItem, string>;
  contestedBy: Map<string, string[]>;
  /** The app URL each cross-link in the content points to. */
  hrefs: Map<Link, string>;
  /** Key → whether any file cites it. */
  cited: Set<string>;
}

const EXTERNAL = /^[a-z][a-z0-9+.-]*:|^\/\//i;

export function perspectiveId(draft: DraftPerspective): string {
  return draft.frontmatter?.id ?? draft.file.stem ?? "";
}

function checkDuplicates<T>(
  items: Array<{ id: string; file: VFile; place: T & object; label: string }>,
) {
  const first = new Map<string, { file: VFile; label: string }>();
  for (const item of items) {
    const earlier = first.get(item.id);
    if (earlier) {
      report(
        item.file,
        "duplicate-id",
        `Unexpected duplicate ${item.label} id \`${item.id}\` (also in ${earlier.file.basename}), expected ids unique across all files; rename the heading or set \`ID:\``,
        item.place as never,
      );
    } else first.set(item.id, { file: item.file, label: item.label });
  }
}

/** Links every draft to every other, reporting what does not resolve. */
export function link(drafts: DraftFile[], bibliography: Bibliography, bibliographyFile?: VFile): Linked {
  const topics = drafts.find((draft): draft is DraftTopics => draft.kind === "topics");
  const glossary = drafts.find((draft): draft is DraftGlossary => draft.kind === "glossary");
  const perspectives = drafts.filter((draft): draft is DraftPerspective => draft.kind === "perspective");
  const topicIds = new Set(topics?.topics.map((topic) => topic.id));

  checkDuplicates(topics?.topics.map((topic) => ({ id: topic.id, file: topics.file, place: topic.heading, label: "question" })) ?? []);
  checkDuplicates(perspectives.map((draft) => ({ id: perspectiveId(draft), file: draft.file, place: draft.tree.children[0] ?? draft.tree, label: "viewpoint" })));
  const claims: Array<{ claim: DraftClaim; draft: DraftPerspective }> = perspectives.flatMap((draft) =>
    draft.sections.flatMap((section) => section.claims.map((claim) => ({ claim, draft }))),
  );
  checkDuplicates(claims.map(({ claim, draft }) => ({ id: claim.id, file: draft.file, place: claim.heading, label: "claim" })));

  for (const draft of perspectives) {
    const covered = new Set<string>();
    for (const section of draft.sections) {
      if (!topicIds.has(section.topic)) {
        report(
          draft.file,
          "unknown-topic",
          `Unexpected question \`${toString(section.heading)}\`, expected one of the \`##\` headings of topics.md: ${[...topicIds].join(", ")}`,
          section.heading,
        );
      } else if (covered.has(section.topic)) {
        report(draft.file, "heading-structure", `Unexpected second section for question \`${section.topic}\`, expected each question once per viewpoint`, section.heading);
      }
      covered.add(section.topic);
    }
    for (const topic of topics?.topics ?? []) {
      if (!covered.has(topic.id)) {
        report(draft.file, "missing-topic", `Unexpected missing question \`${topic.title}\`, expected a \`## ${topic.title}\` section (use \`Stance: not-addressed\` if the sources say nothing)`, draft.tree.children[0]);
      }
    }
  }

  const sourceKeys = new Set(bibliography.sources.map((source) => source.key));
  const cited = new Set<string>();
  const claimFile = new Map(claims.map(({ claim, draft }) => [claim.id, draft.file.path]));
  const claimOwner = new Map(perspectives.map((draft) => [perspectiveId(draft), draft]));
  const fileByPath = new Map(drafts.map((draft) => [normalize(draft.file.path), draft]));
  const hrefs = new Map<Link, string>();
  /** The claim id a resolved link points at, if it points at a claim. */
  const linkClaim = new Map<Link, string>();

  for (const draft of drafts) {
    visit(draft.tree, "citation", (node) => {
      for (const citation of node.citations) {
        for (const key of [citation.key, citation.via]) {
          if (key === undefined) continue;
          cited.add(key);
          if (!sourceKeys.has(key)) {
            report(draft.file, "unknown-citation-key", `Unexpected citation key \`${key}\`, expected a key defined in references.bib`, node);
          }
        }
      }
    });
    visit(draft.tree, "link", (node) => {
      if (EXTERNAL.test(node.url) || node.url.startsWith("/")) return;
      const [path = "", fragment] = node.url.split("#");
      const targetPath = path === "" ? draft.file.path : join(dirname(draft.file.path), decodeURIComponent(path));
      const target = fileByPath.get(normalize(targetPath));
      if (!target) {
        report(draft.file, "broken-cross-link", `Unexpected link to missing file \`${path}\`, expected a file in perspectives/ such as ${perspectives.map((p) => `\`${p.file.basename}\``).slice(0, 3).join(", ")}`, node);
        return;
      }
      if (target.kind === "perspective") {
        if (!fragment) {
          hrefs.set(node, `/perspectives/${perspectiveId(target)}`);
        } else if (claimFile.get(fragment) === target.file.path) {
          hrefs.set(node, `/claims/${fragment}`);
          linkClaim.set(node, fragment);
        } else {
          report(draft.file, "broken-cross-link", `Unexpected link to \`#${fragment}\` in \`${target.file.basename}\`, expected the id of a claim in that file`, node);
        }
      } else if (target.kind === "topics") {
        if (fragment && !target.topics.some((topic) => topic.id === fragment)) {
          report(draft.file, "broken-cross-link", `Unexpected link to \`#${fragment}\` in topics.md, expected the id of a question`, node);
        } else hrefs.set(node, fragment ? `/topics/${fragment}` : "/");
      } else if (fragment && !target.terms.some((term) => term.id === fragment)) {
        report(draft.file, "broken-cross-link", `Unexpected link to \`#${fragment}\` in glossary.md, expected the id of a term`, node);
      } else hrefs.set(node, `/glossary${fragment ? `#${fragment}` : ""}`);
    });
  }

  const itemClaim = new Map<DraftItem, string>();
  const contestedBy = new Map<string, string[]>();
  for (const { claim, draft } of claims) {
    for (const item of [...claim.evidence, ...claim.counterEvidence]) {
      const targets: string[] = [];
      visit(item.node, "link", (node) => {
        const target = linkClaim.get(node);
        if (target) targets.push(target);
      });
      if (targets.length > 1) {
        report(draft.file, "multiple-cross-links", `Unexpected ${targets.length} links to claims in one item, expected at most one: split the item`, item.node);
      }
      const target = targets[0];
      if (!target) continue;
      itemClaim.set(item, target);
      if (item.type === "counter-evidence") {
        const list = contestedBy.get(target) ?? [];
        if (!list.includes(claim.id)) list.push(claim.id);
        contestedBy.set(target, list);
      }
    }
  }

  if (bibliographyFile) {
    for (const source of bibliography.sources) {
      if (!cited.has(source.key)) {
        report(bibliographyFile, "unused-source", `Unexpected unused entry \`${source.key}\`, expected every work in references.bib to be cited (or remove it)`, bibliography.entries.get(source.key)?.start);
      }
    }
  }

  return { topics, glossary, perspectives, claimOwner, itemClaim, contestedBy, hrefs, cited };
}
