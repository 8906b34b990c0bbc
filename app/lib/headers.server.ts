/**
 * The headers every response carries, and the cache policies, in one place.
 * The server in front of Remix (app/cli/serve.mjs) fills in
 * `responseDefaults` on every response that lacks them; entry.server gives
 * documents their own policy, with the request's nonce.
 */
import etag from "etag";
import fresh from "fresh";
import Negotiator from "negotiator";

/** Browser features the app does not use, denied to it and to anything it might embed. */
const DENIED_FEATURES = [
  "accelerometer",
  "autoplay",
  "camera",
  "display-capture",
  "encrypted-media",
  "geolocation",
  "gyroscope",
  "hid",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "picture-in-picture",
  "publickey-credentials-get",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
];

/**
 * A document's policy: scripts only from this origin and with the request's
 * nonce (Remix's inline scripts carry it); styles from this origin, plus
 * inline style attributes, which carry each viewpoint's hue. Made once but
 * for the nonce, since every cached page served needs one.
 */
const [POLICY_BEFORE_NONCE, POLICY_AFTER_NONCE] = [
  "default-src 'self'",
  "script-src 'self' 'nonce-\0'",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data:",
  // In development the live-reload socket listens on its own port.
  process.env.NODE_ENV === "development" ? "connect-src 'self' ws://localhost:* ws://127.0.0.1:*" : "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
]
  .join("; ")
  .split("\0") as [string, string];

/** Anything that is not a document runs nothing and may be framed by no one. */
const RESOURCE_POLICY = "default-src 'none'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": DENIED_FEATURES.map((feature) => `${feature}=()`).join(", "),
};

/** A document's security headers, its policy allowing the scripts that carry `nonce`. */
export function documentHeaders(nonce: string): Record<string, string> {
  return { "Content-Security-Policy": `${POLICY_BEFORE_NONCE}${nonce}${POLICY_AFTER_NONCE}`, ...SECURITY_HEADERS };
}

/**
 * Content changes only with a deploy, so browsers keep a page a minute and
 * then revalidate (a 304 costs almost nothing), while a shared cache may keep
 * it an hour and serve it stale for a day while it refetches.
 */
export const CACHE_CONTENT = "public, max-age=60, must-revalidate, s-maxage=3600, stale-while-revalidate=86400";
export const CACHE_NONE = "no-store";

const DEFAULTS = { "Content-Security-Policy": RESOURCE_POLICY, ...SECURITY_HEADERS, "Cache-Control": CACHE_NONE };
const NOT_MODIFIED_DEFAULTS = Object.fromEntries(Object.entries(DEFAULTS).filter(([name]) => name !== "Content-Security-Policy"));

/**
 * What a response without its own gets: locked down, and kept by no cache.
 * A 304 gets no policy: the browser keeps the one stored with the body, whose
 * scripts carry that policy's nonce.
 */
export function responseDefaults(status: number): Record<string, string> {
  return status === 304 ? NOT_MODIFIED_DEFAULTS : DEFAULTS;
}

/** What the cache policies read of a request: a Fetch Request, or the server's plain view of one. */
export interface RequestHead {
  method: string;
  url: string;
  headers: { get(name: string): string | null };
}

/** A strong validator for a body. */
export function entityTag(body: string | Buffer): string {
  return etag(body);
}

/**
 * True when the request's If-None-Match (exact, weak, a list or `*`) matches
 * `tag`. The request's Cache-Control is not passed on: `no-cache` asks caches
 * to revalidate (fetch() adds it to every conditional request), and this is
 * the origin answering that revalidation.
 */
export function isFresh(request: RequestHead, tag: string): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  return fresh({ "if-none-match": request.headers.get("If-None-Match") ?? undefined }, { etag: tag });
}

/**
 * How a cached page goes out: gzipped when the request accepts gzip (pages
 * are compressed once, when cached), as they are otherwise, as remix-serve's
 * compression middleware does for a request that names no coding.
 */
export type PageCoding = "gzip" | "identity";

/** The coding for each Accept-Encoding seen: parsing it was a twentieth of a cached page's cost. */
const codingFor = new Map<string | null, PageCoding>();

export function pageCoding(request: RequestHead): PageCoding {
  const accepted = request.headers.get("Accept-Encoding");
  let coding = codingFor.get(accepted);
  if (coding === undefined) {
    const negotiator = new Negotiator({ headers: { "accept-encoding": accepted ?? undefined } });
    coding = negotiator.encoding(["gzip", "identity"]) === "gzip" ? "gzip" : "identity";
    // Browsers send a handful of distinct values; a client inventing new ones only empties the memo.
    if (codingFor.size >= 64) codingFor.clear();
    codingFor.set(accepted, coding);
  }
  return coding;
}

/** A strong validator names one representation: the gzipped body gets a tag of its own. */
export function codedTag(tag: string, coding: PageCoding): string {
  return coding === "identity" ? tag : `${tag.slice(0, -1)}-${coding}"`;
}

/**
 * The first of `tags` that the request's If-None-Match matches: a browser
 * holding the page in either coding holds the current content.
 */
export function matchingTag(request: RequestHead, tags: string[]): string | undefined {
  return tags.find((tag) => isFresh(request, tag));
}

/**
 * A 304 carries the validator and cache policy only: the browser keeps the
 * headers it stored with the body, including the CSP whose nonce that body's
 * scripts carry.
 */
export function notModified(tag: string, cacheControl: string, extra: Record<string, string> = {}): Response {
  return new Response(null, { status: 304, headers: { ETag: tag, "Cache-Control": cacheControl, ...extra } });
}
