/**
 * Renders documents, once per page: content changes only when the server
 * restarts, so a rendered page is kept (bounded, keyed by its address) and
 * later requests get it with a fresh CSP nonce, or a 304 when the browser's
 * copy matches. Every document and data response gets the security headers
 * here, since remix-serve takes no middleware.
 */
import { randomBytes } from "node:crypto";
import { PassThrough } from "node:stream";
import type { EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { BoundedCache } from "~/lib/lru";
import { CACHE_CONTENT, CACHE_NONE, entityTag, isFresh, notModified, setSecurityHeaders } from "~/lib/headers.server";
import { NonceContext } from "~/lib/nonce";
import { contentVersion } from "~/models/content.server";

const ABORT_DELAY = 5_000;

/**
 * Cached bodies are rendered with this in place of the nonce, so one body
 * (and its ETag) serves every request; each response swaps in its own nonce.
 */
const NONCE_SLOT = "counterpoint-csp-nonce";

interface Rendered {
  status: number;
  /** The body's bytes, split where the nonce goes: encoded once, not on every request. */
  parts: Buffer[];
  etag: string;
}

const pages = new BoundedCache<Rendered>(500, 64 * 1024 * 1024, (page) => page.parts.reduce((sum, part) => sum + part.byteLength, 0));
let pagesVersion: string | undefined;


function render(request: Request, remixContext: EntryContext): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on("data", (chunk: Buffer) => chunks.push(chunk));
    sink.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    sink.on("error", reject);
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={NONCE_SLOT}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={NONCE_SLOT} />
      </NonceContext.Provider>,
      {
        // The whole page at once: it is cached and validated as one body.
        onAllReady: () => pipe(sink),
        onShellError: reject,
        onError(error) {
          console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  // Pages rendered from older content (the dev server reloads it) are dropped.
  const version = contentVersion();
  if (version !== pagesVersion) {
    pages.clear();
    pagesVersion = version;
  }
  // A page for one person (a seminar's) says so with no-store, and is rendered afresh every time.
  const cacheable =
    responseStatusCode === 200 &&
    (request.method === "GET" || request.method === "HEAD") &&
    responseHeaders.get("Cache-Control") !== CACHE_NONE;
  // The exact address: the rendered document carries it, query order included.
  const key = request.url;
  let page = cacheable ? pages.get(key) : undefined;
  if (!page) {
    const body = `<!DOCTYPE html>${await render(request, remixContext)}`;
    page = { status: responseStatusCode, parts: body.split(`nonce="${NONCE_SLOT}"`).map((part) => Buffer.from(part)), etag: entityTag(body) };
    if (cacheable) pages.set(key, page);
  }

  if (cacheable && isFresh(request, page.etag)) return notModified(page.etag, CACHE_CONTENT);

  const nonce = randomBytes(16).toString("base64");
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  responseHeaders.set("Cache-Control", cacheable ? CACHE_CONTENT : CACHE_NONE);
  if (cacheable) responseHeaders.set("ETag", page.etag);
  setSecurityHeaders(responseHeaders, nonce);
  const nonceBytes = Buffer.from(`nonce="${nonce}"`);
  const body = Buffer.concat(page.parts.flatMap((part, index) => (index === 0 ? [part] : [nonceBytes, part])));
  return new Response(body, {
    status: page.status,
    headers: responseHeaders,
  });
}

/** Client-side navigations' data (`*.data`): not cached by anyone, but locked down like the rest. */
export const handleDataRequest: HandleDataRequestFunction = (response) => {
  if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", CACHE_NONE);
  setSecurityHeaders(response.headers);
  return response;
};
