/**
 * Rendered documents, kept by their exact address: content changes only when
 * the server restarts (or the dev server reloads it), so a page is rendered
 * once. entry.server fills it, and answers from it (`cachedDocument`) before
 * Remix sees a request for a page it holds.
 */
import { LRUCache } from "lru-cache";
import { codedTag, matchingTag, pageCoding, type RequestHead } from "~/lib/headers.server";
import type { SplicedBody } from "~/lib/spliced-body.server";
import { contentVersion } from "~/models/content.server";

export interface RenderedPage {
  status: number;
  /** The document, split where each response's CSP nonce goes. */
  body: SplicedBody;
  /** The validator of the body as it is; the gzipped body's is derived from it (`codedTag`). */
  etag: string;
}

// Addresses come from the outside: bounded in count and in bytes, least recently used out first; a page
// bigger than the whole bound is not kept.
const pages = new LRUCache<string, RenderedPage>({ max: 500, maxSize: 64 * 1024 * 1024, sizeCalculation: (page) => page.body.size });
/**
 * Documents that are per person but the same for everyone with nothing of
 * their own yet: a seminar's phone page for a phone joining now, at one room
 * version. A room joining at once then costs one render per room version,
 * not one per phone; each answer still carries its own cookie and nonce, and
 * no-store. Kept by the key the page's loader gives (SHARED_DOCUMENT).
 */
const shared = new LRUCache<string, RenderedPage>({ max: 64, maxSize: 16 * 1024 * 1024, sizeCalculation: (page) => page.body.size });
let pagesVersion: string | undefined;

/**
 * The response header a loader sets on a no-store document that is the same
 * for every request with the same address and this value; entry.server
 * takes it off before the answer leaves.
 */
export const SHARED_DOCUMENT = "X-Counterpoint-Shared-Document";

/** The cache, emptied first if the content it was rendered from has changed. */
function current(): LRUCache<string, RenderedPage> {
  const version = contentVersion();
  if (version !== pagesVersion) {
    pages.clear();
    shared.clear();
    pagesVersion = version;
  }
  return pages;
}

export function sharedPage(key: string): RenderedPage | undefined {
  current();
  return shared.get(key);
}

export function keepSharedPage(key: string, page: RenderedPage): void {
  current();
  shared.set(key, page);
}

export function cachedPage(url: string): RenderedPage | undefined {
  return current().get(url);
}

export function keepPage(url: string, page: RenderedPage): void {
  current().set(url, page);
}

/** The tags of a page's representations, the one this request gets first. */
function pageTags(request: RequestHead, page: RenderedPage): string[] {
  const identity = page.etag;
  const gzip = codedTag(page.etag, "gzip");
  return pageCoding(request) === "gzip" ? [gzip, identity] : [identity, gzip];
}

/** The tag of the cached page's representation that the request holds, if it holds one: its answer is a 304. */
export function heldTag(request: RequestHead, page: RenderedPage): string | undefined {
  if (request.headers.get("If-None-Match") === null) return undefined;
  return matchingTag(request, pageTags(request, page));
}
