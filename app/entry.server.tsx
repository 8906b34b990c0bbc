/**
 * Renders documents, once per page: content changes only when the server
 * restarts, so a rendered page is kept (app/lib/render-cache.server.ts) and
 * later requests get it with a fresh CSP nonce, gzipped if they accept it, or
 * a 304 when the browser's copy matches; the server in front of Remix
 * (app/cli/serve.mjs) answers them through `cachedDocument`. Every document
 * and data response gets the security headers here.
 */
import { randomBytes } from "node:crypto";
import { PassThrough } from "node:stream";
import type { EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { CACHE_CONTENT, CACHE_NONE, codedTag, entityTag, pageCoding, setSecurityHeaders } from "~/lib/headers.server";
import { NonceContext } from "~/lib/nonce";
import { cachedPage, keepPage, revalidated, type RenderedPage } from "~/lib/render-cache.server";
import { SplicedBody } from "~/lib/spliced-body.server";

const ABORT_DELAY = 5_000;

/**
 * Cached bodies are rendered with this in place of the nonce, so one body
 * (and its ETag) serves every request; each response swaps in its own nonce.
 */
const NONCE_SLOT = "counterpoint-csp-nonce";
const NONCE_BYTES = 16;
/** `nonce="…"` with any nonce is this long (base64 of NONCE_BYTES bytes), as a cached body's slots require. */
const NONCE_ATTRIBUTE_LENGTH = 'nonce=""'.length + Math.ceil(NONCE_BYTES / 3) * 4;

function render(request: Request, remixContext: EntryContext): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on("data", (chunk: Buffer) => chunks.push(chunk));
    // React 18.3's stream writer pads a 2 KB chunk with NUL bytes when a
    // multi-byte character does not fit at its end (writeStringChunk sends
    // the whole view). A NUL means nothing in HTML (the parser drops it from
    // text, and turns it into U+FFFD in scripts and attributes, which breaks
    // the page's data), and the data scripts escape real ones, so all go.
    sink.on("end", () => resolve(Buffer.concat(chunks).toString("utf8").replaceAll("\0", "")));
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
  // A page for one person (a seminar's) says so with no-store, and is rendered afresh every time.
  const cacheable =
    responseStatusCode === 200 &&
    (request.method === "GET" || request.method === "HEAD") &&
    responseHeaders.get("Cache-Control") !== CACHE_NONE;
  // The exact address: the rendered document carries it, query order included.
  const key = request.url;
  let page = cacheable ? cachedPage(key) : undefined;
  if (!page) {
    const body = `<!DOCTYPE html>${await render(request, remixContext)}`;
    const parts = body.split(`nonce="${NONCE_SLOT}"`).map((part) => Buffer.from(part));
    // Only a page that is kept is worth compressing here; compression gzips the others as it sends them.
    page = { status: responseStatusCode, body: new SplicedBody(parts, NONCE_ATTRIBUTE_LENGTH, { gzip: cacheable }), etag: entityTag(body) } satisfies RenderedPage;
    if (cacheable) keepPage(key, page);
  }
  const { status, headers, body } = pageResponse(request, page, cacheable, responseHeaders);
  return new Response(body, { status, headers });
}

export interface CachedDocument {
  status: number;
  headers: Headers;
  /** Absent for a 304. */
  body?: Buffer<ArrayBuffer>;
}

/**
 * A page already rendered, answered without Remix: the server in front of it
 * (app/cli/serve.mjs) asks here first, so that a cached page costs neither
 * route matching nor loaders nor the serialization of their data.
 */
export function cachedDocument(request: Request): CachedDocument | undefined {
  if (request.method !== "GET" && request.method !== "HEAD") return undefined;
  const page = cachedPage(request.url);
  return page && pageResponse(request, page, true, new Headers());
}

/** A rendered page as this request gets it: a 304 if it holds the page, else the body with its own nonce, gzipped if it accepts that. */
function pageResponse(request: Request, page: RenderedPage, cacheable: boolean, headers: Headers): CachedDocument {
  const notModified = cacheable ? revalidated(request, page) : undefined;
  if (notModified) return { status: 304, headers: notModified.headers };

  const nonce = randomBytes(NONCE_BYTES).toString("base64");
  const nonceBytes = Buffer.from(`nonce="${nonce}"`);
  const coding = page.body.gzippable ? pageCoding(request) : "identity";
  const body = coding === "gzip" ? page.body.gzip(nonceBytes) : page.body.identity(nonceBytes);
  headers.set("Content-Type", "text/html; charset=utf-8");
  headers.set("Cache-Control", cacheable ? CACHE_CONTENT : CACHE_NONE);
  if (cacheable) {
    headers.set("ETag", codedTag(page.etag, coding));
    headers.set("Vary", "Accept-Encoding");
  }
  // The compression middleware leaves a body that names its coding alone.
  if (coding === "gzip") headers.set("Content-Encoding", "gzip");
  headers.set("Content-Length", String(body.byteLength));
  setSecurityHeaders(headers, nonce);
  return { status: page.status, headers, body };
}

/** The headers a static file (a script, a style sheet, the icon) is served with, by the server in front. */
export const staticFileHeaders: Record<string, string> = Object.fromEntries(setSecurityHeaders(new Headers()));

/** Client-side navigations' data (`*.data`): not cached by anyone, but locked down like the rest. */
export const handleDataRequest: HandleDataRequestFunction = (response) => {
  if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", CACHE_NONE);
  setSecurityHeaders(response.headers);
  return response;
};
