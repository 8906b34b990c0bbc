/**
 * Renders documents, once per page: content changes only when the server
 * restarts, so a rendered page is kept (app/lib/render-cache.server.ts) and
 * later requests get it with a fresh CSP nonce, gzipped if they accept it, or
 * a 304 when the browser's copy matches; the server in front of Remix
 * (app/cli/serve.mjs) answers them through `cachedDocument`, and a phone
 * joining a seminar through `joiningDocument`. It also takes from here the
 * headers every response gets (`responseDefaults`), the shape of a refusal
 * (`refusal`), the seminar's stream and actions, which it answers before
 * Express and Remix (`seminarEndpoint`, with the request read by
 * `seminarRequest`), and the seminar's shutdown (`closeSeminars`).
 */
import { randomFillSync } from "node:crypto";
import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import type { IncomingHttpHeaders } from "node:http";
import { CACHE_CONTENT, CACHE_NONE, codedTag, documentHeaders, entityTag, pageCoding, type RequestHead } from "~/lib/headers.server";
import { assetResponse } from "~/lib/build-assets.server";
import { NonceContext } from "~/lib/nonce";
import { cachedPage, heldTag, keepPage, keepSharedPage, SHARED_DOCUMENT, sharedPage, type RenderedPage } from "~/lib/render-cache.server";
import { SplicedBody } from "~/lib/spliced-body.server";
import { seminarContext } from "~/seminar/context.server";
import { seminarAddress } from "~/seminar/endpoints.server";
import { joinKeptDocument } from "~/seminar/pages.server";
import type { SeminarRequest } from "~/seminar/seminar-request";

const ABORT_DELAY = 5_000;

/**
 * Cached bodies are rendered with this in place of the nonce, so one body
 * (and its ETag) serves every request; each response swaps in its own nonce.
 */
const NONCE_SLOT = "counterpoint-csp-nonce";
const NONCE_BYTES = 16;
/** `nonce="…"` with any nonce is this long (base64 of NONCE_BYTES bytes), as a cached body's slots require. */
const NONCE_ATTRIBUTE_LENGTH = 'nonce=""'.length + Math.ceil(NONCE_BYTES / 3) * 4;

/**
 * Nonces are cut from a block of the system's random bytes, each used once:
 * a call for every 256 documents rather than one each, which was a twelfth
 * of a cached page's cost.
 */
const nonceBlock = Buffer.alloc(NONCE_BYTES * 256);
let nonceOffset = nonceBlock.byteLength;

function freshNonce(): string {
  if (nonceOffset === nonceBlock.byteLength) {
    randomFillSync(nonceBlock);
    nonceOffset = 0;
  }
  const nonce = nonceBlock.toString("base64", nonceOffset, nonceOffset + NONCE_BYTES);
  nonceOffset += NONCE_BYTES;
  return nonce;
}

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
  // A page for one person (a seminar's) says so with no-store, and is rendered afresh every time,
  // unless its loader says it is the same for everyone who asks like this (SHARED_DOCUMENT).
  const cacheable =
    responseStatusCode === 200 &&
    (request.method === "GET" || request.method === "HEAD") &&
    responseHeaders.get("Cache-Control") !== CACHE_NONE;
  const sharedAs = responseStatusCode === 200 && request.method === "GET" ? responseHeaders.get(SHARED_DOCUMENT) : null;
  responseHeaders.delete(SHARED_DOCUMENT);
  // The exact address: the rendered document carries it, query order included.
  const key = sharedAs === null ? request.url : sharedKey(request.url, sharedAs);
  let page = cacheable ? cachedPage(key) : sharedAs !== null ? sharedPage(key) : undefined;
  if (!page) {
    const body = `<!DOCTYPE html>${await render(request, remixContext)}`;
    const parts = body.split(`nonce="${NONCE_SLOT}"`).map((part) => Buffer.from(part));
    const kept = cacheable || sharedAs !== null;
    // Only a page that is kept is worth compressing here; compression gzips the others as it sends them.
    page = { status: responseStatusCode, body: new SplicedBody(parts, NONCE_ATTRIBUTE_LENGTH, { gzip: kept }), etag: entityTag(body) } satisfies RenderedPage;
    if (cacheable) keepPage(key, page);
    else if (sharedAs !== null) keepSharedPage(key, page);
  }
  // Cache-Control is pageResponse's to set (from `cacheable`): kept here too, under its lower-case name, it went out twice.
  const own = Object.fromEntries([...responseHeaders].filter(([name]) => name !== "set-cookie" && name !== "cache-control"));
  const { status, headers, body } = pageResponse(request, page, cacheable, own);
  const answer = new Headers(headers);
  // Several cookies cannot share one header line.
  for (const cookie of responseHeaders.getSetCookie()) answer.append("Set-Cookie", cookie);
  return new Response(body, { status, headers: answer });
}

/** A loader's data asked for by the page itself: the shared-document mark is for documents only. */
export const handleDataRequest: HandleDataRequestFunction = (response) => {
  response.headers.delete(SHARED_DOCUMENT);
  return response;
};

export { responseDefaults } from "~/lib/headers.server";
export { refusal } from "~/lib/refuse.server";
export { closeSeminars } from "~/seminar/seminars.server";
export { seminarEndpoint } from "~/seminar/endpoints.server";

export interface CachedDocument {
  status: number;
  headers: Record<string, string>;
  /** Absent for a 304. */
  body?: Buffer<ArrayBuffer>;
}

/**
 * A page already rendered, answered without Remix: the server in front of it
 * (app/cli/serve.mjs) asks here first, with the request as Node received it,
 * so that a cached page costs neither route matching nor loaders nor the
 * serialization of their data.
 */
export function cachedDocument(request: NodeRequest): CachedDocument | undefined {
  const page = cachedPage(request.url);
  if (!page) return undefined;
  return pageResponse(requestHead(request), page, true, {});
}

/** One of the build's scripts and style sheets, answered from memory (build-assets.server.ts), as a cached page is. */
export function cachedAsset(request: NodeRequest): CachedDocument | undefined {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(request.url).pathname);
  } catch {
    // Bad %-encoding: the stack behind answers it.
    return undefined;
  }
  return assetResponse(requestHead(request), pathname);
}

export { loadBuildAssets } from "~/lib/build-assets.server";

/** A document kept for everyone asking `url` with nothing of their own (SHARED_DOCUMENT), as the render cache holds it. */
const sharedKey = (url: string, sharedAs: string) => `${url}\u0000${sharedAs}`;

/**
 * A phone joining a seminar, answered without Remix when the document every
 * phone joining now gets is rendered already (pages.server's
 * joinKeptDocument): the server in front of Remix asks here after
 * `cachedDocument`. Undefined at once for a request that is not for a phone
 * page; a promise of undefined when Remix must answer it (a participant's
 * own page, a refusal, the first phone at a room version).
 */
export function joiningDocument(request: NodeRequest, context: Partial<AppLoadContext>): Promise<CachedDocument | undefined> | undefined {
  if (request.method !== "GET") return undefined;
  const address = seminarAddress(new URL(request.url).pathname);
  return address?.part === "page" ? answerJoining(request, address.code, context) : undefined;
}

async function answerJoining(request: NodeRequest, code: string, context: Partial<AppLoadContext>): Promise<CachedDocument | undefined> {
  const seminar = await seminarContext(seminarRequest(request, undefined), context);
  const joined = await joinKeptDocument(seminar, code, (sharedAs) => sharedPage(sharedKey(request.url, sharedAs)));
  if (!joined) return undefined;
  // As Remix's answer has them: the participant's cookie, and the Vary that compression adds to every page.
  return pageResponse(seminar.visitor.request, joined.document, false, { "Set-Cookie": joined.setCookie, Vary: "Accept-Encoding" });
}

/** The request as Node received it, at the address the server decided. */
type NodeRequest = { method: string; url: string; headers: IncomingHttpHeaders };

/**
 * Node's request read as a Fetch Request is, at a fraction of the cost (for
 * a room's votes, making a Request was the largest part of a vote's work,
 * decision 015). As the server's Fetch Request, it names the host the server
 * decided, never one a client made up.
 */
function requestHead(request: NodeRequest): RequestHead {
  return {
    method: request.method,
    url: request.url,
    headers: {
      get: (name) => {
        const key = name.toLowerCase();
        if (key === "host") return new URL(request.url).host;
        if (key === "x-forwarded-host") return null;
        const value = request.headers[key];
        return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
      },
    },
  };
}

/** What the seminar's endpoints read of a request the server answers before Express: its head, and the body the server read. */
export function seminarRequest(request: NodeRequest, body: Buffer | undefined): SeminarRequest {
  return { ...requestHead(request), text: async () => body?.toString("utf8") ?? "" };
}

/** A rendered page as this request gets it: a 304 if it holds the page, else the body with its own nonce, gzipped if it accepts that. */
function pageResponse(request: RequestHead, page: RenderedPage, cacheable: boolean, headers: Record<string, string>): CachedDocument {
  const held = cacheable ? heldTag(request, page) : undefined;
  if (held) return { status: 304, headers: { ...headers, ETag: held, "Cache-Control": CACHE_CONTENT, Vary: "Accept-Encoding" } };

  const nonce = freshNonce();
  const nonceBytes = Buffer.from(`nonce="${nonce}"`);
  const coding = page.body.gzippable ? pageCoding(request) : "identity";
  const body = coding === "gzip" ? page.body.gzip(nonceBytes) : page.body.identity(nonceBytes);
  headers["Content-Type"] = "text/html; charset=utf-8";
  headers["Cache-Control"] = cacheable ? CACHE_CONTENT : CACHE_NONE;
  if (cacheable) {
    headers.ETag = codedTag(page.etag, coding);
    headers.Vary = "Accept-Encoding";
  }
  // The compression middleware leaves a body that names its coding alone.
  if (coding === "gzip") headers["Content-Encoding"] = "gzip";
  headers["Content-Length"] = String(body.byteLength);
  return { status: page.status, headers: Object.assign(headers, documentHeaders(nonce)), body };
}
