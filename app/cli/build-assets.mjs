// @ts-check
/**
 * The build's scripts and style sheets (public/build), read and gzipped once
 * when the server starts and answered from memory before Express. Their
 * names carry a hash of their content, so they never change under a name.
 * Express's static files and compression middleware read and gzipped them
 * again for every request: about 10 ms of CPU for the 265 KB React chunk
 * alone, so that a lecture hall's phones loading the page for the first
 * time cost the server more in scripts than in pages (decision 015).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { constants, gzipSync } from "node:zlib";
import etag from "etag";
import fresh from "fresh";
import Negotiator from "negotiator";

/** What the build writes there; anything else is left to Express's static files. */
const TYPES = new Map([
  [".js", "application/javascript; charset=utf-8"],
  [".css", "text/css; charset=utf-8"],
]);

/** Smaller files gain less than a packet from gzip, as the compression middleware's threshold says. */
export const GZIP_THRESHOLD = 1024;

/** @typedef {{ body: Buffer, headers: Record<string, string> }} Coded */
/** @typedef {{ identity: Coded, gzip?: Coded }} Asset */

/**
 * @param {Buffer} body
 * @param {string} type
 * @param {"identity" | "gzip"} coding
 * @returns {Coded}
 */
function coded(body, type, coding) {
  const tag = etag(body);
  return {
    body,
    headers: {
      "Content-Type": type,
      "Content-Length": String(body.byteLength),
      "Cache-Control": "public, max-age=31536000, immutable",
      Vary: "Accept-Encoding",
      // Each coding is a representation of its own, with its own strong validator.
      ETag: coding === "identity" ? tag : `${tag.slice(0, -1)}-gzip"`,
      ...(coding === "gzip" ? { "Content-Encoding": "gzip" } : {}),
    },
  };
}

/**
 * The assets under `directory`, by the path they are asked for under `publicPath`.
 * @param {string} directory
 * @param {string} publicPath
 * @returns {Map<string, Asset>}
 */
export function readBuildAssets(directory, publicPath) {
  /** @type {Map<string, Asset>} */
  const assets = new Map();
  for (const name of readdirSync(directory, { recursive: true, encoding: "utf8" })) {
    const type = TYPES.get(path.extname(name));
    const file = path.join(directory, name);
    if (!type || !statSync(file).isFile()) continue;
    const body = readFileSync(file);
    assets.set(`${publicPath}${name.split(path.sep).join("/")}`, {
      identity: coded(body, type, "identity"),
      gzip: body.byteLength >= GZIP_THRESHOLD ? coded(gzipSync(body, { level: constants.Z_BEST_COMPRESSION }), type, "gzip") : undefined,
    });
  }
  return assets;
}

/** The coding for each Accept-Encoding seen: browsers send a handful of values. */
const gzipFor = new Map();

/** @param {string | undefined} accepted */
function acceptsGzip(accepted) {
  let gzip = gzipFor.get(accepted);
  if (gzip === undefined) {
    gzip = new Negotiator({ headers: { "accept-encoding": accepted } }).encoding(["gzip", "identity"]) === "gzip";
    // A client inventing new values only empties the memo.
    if (gzipFor.size >= 64) gzipFor.clear();
    gzipFor.set(accepted, gzip);
  }
  return gzip;
}

/**
 * Answers a GET or HEAD for one of `assets` (200, or 304 to a client holding
 * it); false for any other request. A Range is not honoured: the whole
 * asset is a valid answer to it, and assets are small.
 * @param {Map<string, Asset>} assets
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 * @param {(status: number) => Record<string, string>} defaults the headers every response of this status gets (the security headers)
 */
export function answerBuildAsset(assets, req, res, defaults) {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const url = req.url ?? "";
  const query = url.indexOf("?");
  let pathname;
  try {
    pathname = decodeURIComponent(query < 0 ? url : url.slice(0, query));
  } catch {
    // Bad %-encoding: the stack behind answers it.
    return false;
  }
  const asset = assets.get(pathname);
  if (!asset) return false;
  const { body, headers } = asset.gzip && acceptsGzip(req.headers["accept-encoding"]) ? asset.gzip : asset.identity;
  // Without the request's Cache-Control: `no-cache` asks caches to revalidate, and this is the origin answering the revalidation.
  if (fresh({ "if-none-match": req.headers["if-none-match"] }, { etag: headers.ETag })) {
    res.writeHead(304, { ...defaults(304), ETag: headers.ETag, "Cache-Control": headers["Cache-Control"], Vary: headers.Vary });
    res.end();
    return true;
  }
  res.writeHead(200, { ...defaults(200), ...headers });
  res.end(req.method === "HEAD" ? undefined : body);
  return true;
}
