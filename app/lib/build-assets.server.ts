/**
 * The build's scripts and style sheets (public/build), read and gzipped once
 * when the server starts and answered from memory before Express, as cached
 * pages are (`cachedAsset` in app/entry.server.tsx). Their names carry a hash
 * of their content, so they never change under a name. Express's static
 * files and compression middleware read and gzipped them again for every
 * request: about 10 ms of CPU for the 265 KB React chunk alone, so that a
 * lecture hall's phones loading the page for the first time cost the server
 * more in scripts than in pages (decision 015).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { constants, gzipSync } from "node:zlib";
import { codedTag, entityTag, isFresh, pageCoding, responseDefaults, type PageCoding, type RequestHead } from "./headers.server";

/** What the build writes there; anything else is left to Express's static files. */
const TYPES = new Map([
  [".js", "application/javascript; charset=utf-8"],
  [".css", "text/css; charset=utf-8"],
]);

/** Smaller files gain less than a packet from gzip, as the compression middleware's threshold says. */
export const GZIP_THRESHOLD = 1024;

const CACHE_FOREVER = "public, max-age=31536000, immutable";

interface Coded {
  body: Buffer<ArrayBuffer>;
  headers: Record<string, string>;
}

type Asset = { identity: Coded; gzip?: Coded };

function coded(body: Buffer<ArrayBuffer>, type: string, tag: string, coding: PageCoding): Coded {
  return {
    body,
    headers: {
      "Content-Type": type,
      "Content-Length": String(body.byteLength),
      "Cache-Control": CACHE_FOREVER,
      Vary: "Accept-Encoding",
      ETag: codedTag(tag, coding),
      ...(coding === "gzip" ? { "Content-Encoding": "gzip" } : {}),
    },
  };
}

let assets = new Map<string, Asset>();

/** Reads the assets under `directory`, by the path they are asked for under `publicPath` (again after `remix dev` rebuilds). */
export function loadBuildAssets(directory: string, publicPath: string): void {
  const loaded = new Map<string, Asset>();
  for (const name of readdirSync(directory, { recursive: true, encoding: "utf8" })) {
    const type = TYPES.get(path.extname(name));
    const file = path.join(directory, name);
    if (!type || !statSync(file).isFile()) continue;
    const body = readFileSync(file);
    const tag = entityTag(body);
    loaded.set(`${publicPath}${name.split(path.sep).join("/")}`, {
      identity: coded(body, type, tag, "identity"),
      gzip: body.byteLength >= GZIP_THRESHOLD ? coded(gzipSync(body, { level: constants.Z_BEST_COMPRESSION }), type, tag, "gzip") : undefined,
    });
  }
  assets = loaded;
}

/**
 * One of the build's files as this GET or HEAD gets it (200, or 304 to a
 * client holding either coding), or undefined when it asks for none. A Range is
 * not honoured: the whole asset is a valid answer to it, and assets are small.
 */
export function assetResponse(request: RequestHead, pathname: string): { status: number; headers: Record<string, string>; body?: Buffer<ArrayBuffer> } | undefined {
  const asset = request.method === "GET" || request.method === "HEAD" ? assets.get(pathname) : undefined;
  if (!asset) return undefined;
  const { body, headers } = asset.gzip && pageCoding(request) === "gzip" ? asset.gzip : asset.identity;
  if (isFresh(request, headers.ETag!)) {
    return { status: 304, headers: { ...responseDefaults(304), ETag: headers.ETag!, "Cache-Control": CACHE_FOREVER, Vary: "Accept-Encoding" } };
  }
  return { status: 200, headers: { ...responseDefaults(200), ...headers }, body };
}
