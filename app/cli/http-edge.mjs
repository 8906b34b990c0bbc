// @ts-check
/**
 * What the server decides about a request before the app sees it: where it
 * came from (directly, or through a proxy it trusts), how large a body it
 * may send, and what of its address may be written to a log.
 */
import proxyaddr from "proxy-addr";

/**
 * `TRUST_PROXY` as Express's `trust proxy` setting: off unless set; `true`
 * trusts every hop (only behind a proxy that overwrites the headers), a number
 * trusts that many hops, and anything else is a comma-separated list of
 * addresses, CIDR ranges or the names `loopback`, `linklocal`, `uniquelocal`.
 * @param {string | undefined} value
 * @returns {boolean | number | string}
 */
export function trustProxyFromEnv(value) {
  const setting = value?.trim() ?? "";
  if (setting === "" || /^(false|off|no|0)$/i.test(setting)) return false;
  if (/^true$/i.test(setting)) return true;
  if (/^\d+$/.test(setting)) return Number(setting);
  try {
    proxyaddr.compile(setting.split(",").map((part) => part.trim()));
  } catch (error) {
    throw new Error(`TRUST_PROXY must be true, a number of hops, or addresses and CIDR ranges such as "loopback" or "10.0.0.0/8", not "${setting}" (${/** @type {Error} */ (error).message})`);
  }
  return setting;
}

/**
 * `COUNTERPOINT_PUBLIC_URL`, the address phones are sent to (join link, QR
 * code, host link), as an origin; undefined when unset.
 * @param {string | undefined} value
 */
export function publicUrlFromEnv(value) {
  const setting = value?.trim();
  if (!setting) return undefined;
  let url;
  try {
    url = new URL(setting);
  } catch {
    throw new Error(`COUNTERPOINT_PUBLIC_URL must be an address such as https://seminar.example.edu, not "${setting}"`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`COUNTERPOINT_PUBLIC_URL must start with https:// or http://, not "${url.protocol}"`);
  if (url.pathname !== "/" || url.search || url.hash || url.username) {
    throw new Error(`COUNTERPOINT_PUBLIC_URL must be an origin only (scheme, host and port), such as ${url.origin}: the app is served at the root of its address`);
  }
  return url.origin;
}

/** A host name, an IPv4 address or a bracketed IPv6 address, with an optional port. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * @param {number} status
 * @param {string} message
 */
function httpError(status, message) {
  return Object.assign(new Error(message), { status, expose: true });
}

/** @param {string | string[] | undefined} header */
function firstValue(header) {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(",")[0]?.trim() || undefined;
}

/**
 * The scheme and host the client asked for: its own, or, from a proxy that
 * `trusted` accepts, what the proxy forwards. A malformed host is the
 * client's mistake: a 400, not a failure of ours.
 * @param {import("node:http").IncomingMessage} req
 * @param {(address: string, hop: number) => boolean} trusted
 */
export function requestOrigin(req, trusted) {
  const own = "encrypted" in req.socket && req.socket.encrypted ? "https" : "http";
  const viaProxy = trusted(req.socket.remoteAddress ?? "", 0);
  const forwardedScheme = viaProxy ? firstValue(req.headers["x-forwarded-proto"])?.toLowerCase() : undefined;
  const scheme = forwardedScheme === "https" || forwardedScheme === "http" ? forwardedScheme : own;
  const host = (viaProxy && firstValue(req.headers["x-forwarded-host"])) || req.headers.host;
  if (!host) throw httpError(400, "The request has no Host header: say which site you are asking for.");
  if (!HOST.test(host) || Number(host.match(/:(\d+)$/)?.[1] ?? 0) > 65535) {
    throw httpError(400, "The Host header is not a host name: send the site's name, such as example.org or example.org:8080.");
  }
  return `${scheme}://${host.toLowerCase()}`;
}

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * True when a write's Origin header names another host than `origin`, the
 * one requestOrigin decided the request was sent to (an unreadable or "null"
 * Origin counts as another). Remix refuses such a write to a page by throwing
 * (a 500, and a stack trace in the log), so the server answers it first, 403;
 * the app's own check (scheme included) refuses the rest.
 * @param {import("node:http").IncomingMessage} req
 * @param {string} origin
 */
export function crossSiteWrite(req, origin) {
  const sent = req.headers.origin;
  if (!WRITES.has(req.method ?? "") || sent === undefined) return false;
  try {
    return new URL(sent).host !== new URL(origin).host;
  } catch {
    return true;
  }
}

/** Query parameters whose values are secrets (the host link's key): never written to a log. */
const SECRET_PARAMETER = /([?&](?:key|secret|token|password)=)[^&#]*/gi;

/** @param {string} url */
export function redactedUrl(url) {
  return url.replace(SECRET_PARAMETER, "$1[redacted]");
}

/** The largest body any request may send: the app's writes are short forms. */
export const BODY_LIMIT = 4096;

/**
 * Reads a request's body (into `req.body`, as bytes) up to BODY_LIMIT. A
 * larger one is answered 413 at once, while what the client still sends is
 * read and dropped, so that it gets the answer rather than a reset
 * connection; the server's request timeout ends a body that never stops.
 * @param {(status: number, message: string, accept: string | undefined) => { status: number, headers: Headers, body: string }} refusal
 * @returns {(req: any, res: import("node:http").ServerResponse, next: (error?: unknown) => void) => void}
 */
export function bodyLimit(refusal) {
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    let finished = false;
    const tooLarge = () => {
      finished = true;
      const answer = refusal(413, `The request is larger than ${BODY_LIMIT} bytes; send less (a room question has at most 280 characters).`, req.headers.accept);
      // Node's own API: the server answers some requests before Express (serve.mjs).
      res.statusCode = answer.status;
      for (const [name, value] of answer.headers) res.setHeader(name, value);
      res.end(answer.body);
    };
    if (Number(req.headers["content-length"]) > BODY_LIMIT) {
      tooLarge();
      req.resume();
      return;
    }
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on("data", (/** @type {Buffer} */ chunk) => {
      if (finished) return;
      size += chunk.byteLength;
      if (size > BODY_LIMIT) tooLarge();
      else chunks.push(chunk);
    });
    req.on("end", () => {
      if (finished) return;
      finished = true;
      req.body = Buffer.concat(chunks);
      next();
    });
    req.on("error", (/** @type {Error} */ error) => {
      if (finished) return;
      finished = true;
      next(httpError(400, `The request's body could not be read: ${error.message}`));
    });
  };
}
