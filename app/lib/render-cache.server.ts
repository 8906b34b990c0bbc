/**
 * Rendered documents, kept by their exact address: content changes only when
 * the server restarts (or the dev server reloads it), so a page is rendered
 * once. entry.server fills it, and answers from it (`cachedDocument`) before
 * Remix sees a request for a page it holds.
 */
import { LRUCache } from "lru-cache";
import { CACHE_CONTENT, codedTag, matchingTag, notModified, pageCoding } from "~/lib/headers.server";
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
let pagesVersion: string | undefined;

/** The cache, emptied first if the content it was rendered from has changed. */
function current(): LRUCache<string, RenderedPage> {
  const version = contentVersion();
  if (version !== pagesVersion) {
    pages.clear();
    pagesVersion = version;
  }
  return pages;
}

export function cachedPage(url: string): RenderedPage | undefined {
  return current().get(url);
}

export function keepPage(url: string, page: RenderedPage): void {
  current().set(url, page);
}

/** The tags of a page's representations, the one this request gets first. */
export function pageTags(request: Request, page: RenderedPage): string[] {
  const identity = page.etag;
  const gzip = codedTag(page.etag, "gzip");
  return pageCoding(request) === "gzip" ? [gzip, identity] : [identity, gzip];
}

/** A 304 for a cached page whose tag the request holds, if it does. */
export function revalidated(request: Request, page: RenderedPage): Response | undefined {
  if (!request.headers.has("If-None-Match")) return undefined;
  const tag = matchingTag(request, pageTags(request, page));
  return tag ? notModified(tag, CACHE_CONTENT, { Vary: "Accept-Encoding" }) : undefined;
}
