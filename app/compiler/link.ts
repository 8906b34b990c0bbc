/**
 * Stage 4, link: checks what spans files (unique ids, known questions, cited
 * keys, cross-links) and computes what one file alone cannot know: the claim
 * each item points at, and each claim's `contestedBy`.
 */
import type { Link } from "mdast";
import { toString } from "mdast-util-to-string";
import { dirname, join, normalize } from "node:path";
import type { Node } from "unist";
import type { VFile } from "vfile";
import type { Bibliography } from "./bibliography";
import { citedKeys } from "./model";
import { report } from "./rules";
import type { DraftClaim, DraftFile, DraftGlossary, DraftItem, DraftPerspective, DraftTopics, UrlNode } from "./outline";
import { classifyUrl } from "./urls";

export interface Linked {
  topics?: DraftTopics;
  glossary?: DraftGlossary;
  perspectives: DraftPerspective[];
  /** The claim each item comes from, where it links to one. */
  itemClaim: Map<DraftItem, string>;
  contestedBy: Map<string, string[]>;
  /** The app URL each cross-link in the content points to. */
  hrefs: Map<Link, string>;
}

interface OwnedClaim {
  claim: DraftClaim;
  draft: DraftPerspective;
}


export function perspectiveId(draft: DraftPerspective): string {
  return draft.frontmatter?.id ?? draft.file.stem ?? "";
}

function checkUnique(items: Array<{ id: string; file: VFile; place: Node; label: string }>) {
  const first = new Map<string, VFile>();
  for (const item of items) {
    const earlier = first.get(item.id);
    if (earlier) {
      report(
        item.file,
        "duplicate-id",
        `Unexpected duplicate ${item.label} id \`${item.id}\` (also in ${earlier.basename}), expected ids unique across all files; rename the heading or set \`ID:\``,
        item.place,
      );
    } else first.set(item.id, item.file);
  }
}

/** Every viewpoint answers each question of topics.md once, and no other. */
function checkQuestions(perspectives: DraftPerspective[], topics: DraftTopics | undefined) {
  // Without topics.md there is nothing to check against; that is reported once.
  if (!topics) return;
  const topicIds = new Set(topics?.topics.map((topic) => topic.id));
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
        report(draft.file, "duplicate-section", `Unexpected second section for question \`${section.topic}\`, expected each question once per viewpoint`, section.heading);
      }
      covered.add(section.topic);
    }
    for (const topic of topics?.topics ?? []) {
      if (!covered.has(topic.id)) {
        report(draft.file, "missing-topic", `Unexpected missing question \`${topic.title}\`, expected a \`## ${topic.title}\` section (use \`Stance: not-addressed\` if the sources say nothing)`, draft.tree.children[0]);
      }
    }
  }
}

/** Every cited key (and `via` key) is in the bibliography, and every entry is cited. */
function checkCitations(drafts: DraftFile[], bibliography: Bibliography, bibliographyFile: VFile | undefined) {
  // Without references.bib every key would be unknown; that is reported once.
  if (!bibliographyFile) return;
  const known = new Set(bibliography.sources.map((source) => source.key));
  const cited = new Set<string>();
  for (const draft of drafts) {
    for (const node of draft.references.citations) {
      for (const citation of node.citations) {
        for (const key of citedKeys(citation)) {
          cited.add(key);
          if (!known.has(key)) {
            report(draft.file, "unknown-citation-key", `Unexpected citation key \`${key}\`, expected a key defined in references.bib`, node);
          }
        }
      }
    }
  }
  for (const source of bibliography.sources) {
    if (!cited.has(source.key)) {
      report(bibliographyFile, "unused-source", `Unexpected unused entry \`${source.key}\`, expected every work in references.bib to be cited (or remove it)`, bibliography.entries.get(source.key)?.start);
    }
  }
}

/**
 * Resolves relative links between content files to app URLs, reporting the
 * ones that point nowhere. Returns the URLs and, for links to claims, the claim.
 */
function resolveCrossLinks(drafts: DraftFile[], claims: OwnedClaim[], withoutDraft: VFile[]) {
  const hrefs = new Map<Link, string>();
  const claimOf = new Map<UrlNode, string>();
  const claimFile = new Map(claims.map(({ claim, draft }) => [claim.id, draft.file.path]));
  const fileByPath = new Map(drafts.map((draft) => [normalize(draft.file.path), draft]));
  const refused = new Set(withoutDraft.map((file) => normalize(file.path)));
  const perspectiveFiles = drafts.filter((draft) => draft.kind === "perspective").map((draft) => `\`${draft.file.basename}\``);

  for (const draft of drafts) {
    for (const node of draft.references.urls) {
      // Other URLs are external, or reported as unsafe by the check stage.
      if (node.type !== "link" || classifyUrl(node.url) !== "cross-link") continue;
      const [path = "", fragment] = node.url.split("#");
      const targetPath = normalize(path === "" ? draft.file.path : join(dirname(draft.file.path), decodeURIComponent(path)));
      const target = fileByPath.get(targetPath);
      const broken = (reason: string) => report(draft.file, "broken-cross-link", reason, node);
      // A file that was refused unread has its own errors; its links are checked once it reads.
      if (!target && refused.has(targetPath)) continue;
      if (!target) {
        broken(`Unexpected link to missing file \`${path}\`, expected a file in perspectives/ such as ${perspectiveFiles.slice(0, 3).join(", ")}`);
      } else if (target.kind === "perspective") {
        if (!fragment) hrefs.set(node, `/perspectives/${perspectiveId(target)}`);
        else if (claimFile.get(fragment) === target.file.path) {
          hrefs.set(node, `/claims/${fragment}`);
          claimOf.set(node, fragment);
        } else broken(`Unexpected link to \`#${fragment}\` in \`${target.file.basename}\`, expected the id of a claim in that file`);
      } else if (target.kind === "topics") {
        if (fragment && !target.topics.some((topic) => topic.id === fragment)) {
          broken(`Unexpected link to \`#${fragment}\` in topics.md, expected the id of a question`);
        } else hrefs.set(node, fragment ? `/topics/${fragment}` : "/");
      } else if (fragment && !target.terms.some((term) => term.id === fragment)) {
        broken(`Unexpected link to \`#${fragment}\` in glossary.md, expected the id of a term`);
      } else hrefs.set(node, `/glossary${fragment ? `#${fragment}` : ""}`);
    }
  }
  return { hrefs, claimOf };
}

/**
 * A rebuttal sets one viewpoint's claim against another's: two claims that
 * give the same yes or no to the same question agree, and the link says
 * otherwise. Two `mixed` answers may still differ, on what the item says.
 */
function checkRebuttal(claim: DraftClaim, draft: DraftPerspective, item: DraftItem, target: OwnedClaim | undefined) {
  if (!target || target.draft === draft) return;
  const { claim: other } = target;
  if (other.topic !== claim.topic || other.stance !== claim.stance || claim.stance === "mixed") return;
  report(
    draft.file,
    "rebuttal-agrees",
    `Unexpected rebuttal from \`${other.id}\` to \`${claim.id}\`, which both answer \`${claim.stance}\` to \`${claim.topic}\`, expected counter-evidence from a claim that disagrees: link a claim with another answer, or check both stances`,
    item.node,
  );
}

/**
 * Links every draft to every other, reporting what does not resolve.
 * `withoutDraft` are the content files that could not be read into one.
 */
export function link(drafts: DraftFile[], bibliography: Bibliography, { bibliographyFile, withoutDraft = [] }: { bibliographyFile?: VFile; withoutDraft?: VFile[] } = {}): Linked {
  const topics = drafts.find((draft): draft is DraftTopics => draft.kind === "topics");
  const glossary = drafts.find((draft): draft is DraftGlossary => draft.kind === "glossary");
  const perspectives = drafts.filter((draft): draft is DraftPerspective => draft.kind === "perspective");
  const claims: OwnedClaim[] = perspectives.flatMap((draft) =>
    draft.sections.flatMap((section) => section.claims.map((claim) => ({ claim, draft }))),
  );

  checkUnique(topics?.topics.map((topic) => ({ id: topic.id, file: topics.file, place: topic.heading, label: "question" })) ?? []);
  checkUnique(perspectives.map((draft) => ({ id: perspectiveId(draft), file: draft.file, place: draft.tree.children[0] ?? draft.tree, label: "viewpoint" })));
  checkUnique(claims.map(({ claim, draft }) => ({ id: claim.id, file: draft.file, place: claim.heading, label: "claim" })));
  checkQuestions(perspectives, topics);
  checkCitations(drafts, bibliography, bibliographyFile);
  const { hrefs, claimOf } = resolveCrossLinks(drafts, claims, withoutDraft);

  // An item that links to a claim comes from it; a counter-evidence item's
  // link also makes the target list this claim under `contestedBy`.
  const itemClaim = new Map<DraftItem, string>();
  const contestedBy = new Map<string, string[]>();
  const claimById = new Map(claims.map((owned) => [owned.claim.id, owned]));
  for (const { claim, draft } of claims) {
    for (const item of [...claim.evidence, ...claim.counterEvidence]) {
      const targets = item.references.urls.flatMap((node) => claimOf.get(node) ?? []);
      if (targets.length > 1) {
        report(draft.file, "multiple-cross-links", `Unexpected ${targets.length} links to claims in one item, expected at most one: split the item`, item.node);
      }
      const target = targets[0];
      if (!target) continue;
      itemClaim.set(item, target);
      if (item.type === "counter-evidence") {
        checkRebuttal(claim, draft, item, claimById.get(target));
        const list = contestedBy.get(target) ?? [];
        if (!list.includes(claim.id)) list.push(claim.id);
        contestedBy.set(target, list);
      }
    }
  }

  return { topics, glossary, perspectives, itemClaim, contestedBy, hrefs };
}
