/**
 * Stage 3, check: what one file's content must hold beyond its outline. Items
 * and definitions are cited, items stay short, and every URL is one the app
 * may render.
 */
import type { Root } from "mdast";
import type { VFile } from "vfile";
import type { DraftFile, DraftItem, Prose, UrlNode } from "./outline";
import { report } from "./rules";
import { classifyUrl } from "./urls";

/** Items are read aloud and projected one at a time; past this they stop fitting a screen. */
export const ITEM_WORD_LIMIT = 60;

/** Words of an item's own text: citations do not count, cross-link text does. */
function wordCount(nodes: Prose): number {
  let words = 0;
  for (const node of nodes) {
    if (node.type === "text" || node.type === "inlineCode") words += node.value.split(/\s+/).filter(Boolean).length;
    else if ("children" in node) words += wordCount(node.children);
  }
  return words;
}

function checkItem(file: VFile, item: DraftItem) {
  if (item.references.citations.length === 0) {
    report(file, "evidence-without-citation", `Unexpected ${item.kind} item without a citation, expected at least one \`[@key, locator]\` in it`, item.node);
  }
  const words = wordCount(item.body);
  if (words > ITEM_WORD_LIMIT) {
    report(file, "item-too-long", `Unexpected item of ${words} words, expected at most ${ITEM_WORD_LIMIT}; split it or cut it to its point`, item.node);
  }
}

function checkUrls(file: VFile, nodes: UrlNode[]) {
  for (const node of nodes) {
    const kind = classifyUrl(node.url);
    // Only inline links are resolved as cross-links; an image or a reference definition must be absolute.
    if (kind === "external" || (kind === "cross-link" && node.type === "link")) continue;
    const what = node.type === "image" ? "image" : node.type === "definition" ? "link definition" : "link";
    const url = JSON.stringify(node.url).slice(1, -1);
    const shown = url.length > 60 ? `${url.slice(0, 60)}…` : url;
    const expected = node.type === "link" ? "an http, https or mailto URL, or a cross-link such as `other-view.md#claim-id`" : "an http, https or mailto URL";
    report(file, "unsafe-url", `Unexpected ${what} to \`${shown}\`, expected ${expected}`, node);
  }
}

function checkDraft(file: VFile, draft: DraftFile) {
  if (draft.kind === "perspective") {
    for (const section of draft.sections) {
      for (const claim of section.claims) for (const item of [...claim.evidence, ...claim.counterEvidence]) checkItem(file, item);
    }
  } else if (draft.kind === "glossary") {
    for (const term of draft.terms) {
      if (term.references.citations.length === 0) {
        report(file, "term-without-citation", `Unexpected definition of \`${term.term}\` without a citation, expected at least one \`[@key, locator]\` in it`, term.heading);
      }
    }
  }
}

/** Checks the content of a file whose outline has been read. */
export function remarkCheck() {
  return function transformer(_tree: Root, file: VFile) {
    const draft = file.data.draft;
    if (!draft) return;
    checkUrls(file, draft.references.urls);
    checkDraft(file, draft);
  };
}

