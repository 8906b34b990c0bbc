// @ts-check
/**
 * `node app/cli/serve.mjs build/index.js`: the app's server, in production
 * and under `remix dev` (decision 012, and 014 for what a deployment behind
 * a proxy needs). It is remix-serve's Express stack (compression, the
 * build's assets and public/ as static files, a request log, Remix) with
 * what remix-serve has no place for:
 *
 * - A page already rendered is answered from the render cache before Express
 *   sees the request (`cachedDocument` in app/entry.server.tsx): no
 *   middleware, no log line, no route matching, no loaders.
 * - So are the build's scripts and style sheets, from memory, gzipped once
 *   (`cachedAsset`), and a phone joining a seminar whose page for new phones
 *   is rendered already (`joiningDocument`).
 * - A seminar's live stream and votes (GET /s/CODE/events, POST
 *   /s/CODE/actions) go straight to their handlers (`seminarEndpoint`),
 *   without Express's middleware or Remix's route matching.
 * - Loaders get `context.connectionClosed`, a signal that fires when the
 *   client's connection closes (the Request's own signal can stop following
 *   the connection, nodejs/node#55428), the client's address and the public
 *   address phones are sent to.
 * - Behind a proxy (`TRUST_PROXY`) the scheme, host and client address come
 *   from its X-Forwarded-* headers.
 * - Every response gets the security headers and a Cache-Control here, in one
 *   place; bodies are read here, with one size limit; errors answer with a
 *   plain message, never a stack trace.
 */
import { watch } from "node:fs";
import { createServer } from "node:http";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import remixNode from "@remix-run/node";
import compression from "compression";
import express from "express";
import morgan from "morgan";
import onHeaders from "on-headers";
import proxyaddr from "proxy-addr";
import { bodyLimit, crossSiteWrite, publicUrlFromEnv, redactedUrl, requestOrigin, trustProxyFromEnv } from "./http-edge.mjs";

// Set before the build is imported: React, Express and Remix each pick their production code from it.
process.env.NODE_ENV ??= "production";

// CommonJS, whose exports Node cannot name in an import.
const { broadcastDevReady, createRequestHandler, installGlobals, writeReadableStreamToWritable } = remixNode;

const mode = process.env.NODE_ENV;
const development = mode === "development";
const buildPath = path.resolve(process.argv[2] ?? "build/index.js");

/**
 * @template T
 * @param {() => T} read
 * @returns {T}
 */
function setting(read) {
  try {
    return read();
  } catch (error) {
    console.error(`Counterpoint cannot start: ${/** @type {Error} */ (error).message}`);
    process.exit(1);
  }
}
const trustProxy = setting(() => trustProxyFromEnv(process.env.TRUST_PROXY));
const publicUrl = setting(() => publicUrlFromEnv(process.env.COUNTERPOINT_PUBLIC_URL));

/** The build, imported afresh (the query busts Node's module cache) after `remix dev` rebuilds it. */
const importBuild = async () => import(`${pathToFileURL(buildPath).href}?t=${Date.now()}`);

let build = await importBuild();
installGlobals({ nativeFetch: build.future.v3_singleFetch });
let handle = createRequestHandler(build, mode);
/** @type {{ cachedDocument: Function, cachedAsset: Function, seminarRequest: (request: NodeRequest, body: Buffer | undefined) => SeminarRequest, joiningDocument: (request: NodeRequest, context: object) => Promise<{ status: number, headers: Record<string, string>, body?: Buffer } | undefined> | undefined, loadBuildAssets: (directory: string, publicPath: string) => void, responseDefaults: (status: number) => Record<string, string>, refusal: (status: number, message: string, options?: { accept?: string | null }) => { status: number, headers: Headers, body: string }, seminarEndpoint?: (method: string, pathname: string) => ((request: SeminarRequest, context: object) => Promise<Reply | StreamReply | Response>) | undefined, closeSeminars: () => Promise<void> }} */
let entry = build.entry.module;
entry.loadBuildAssets(build.assetsBuildDirectory, build.publicPath);

if (development) {
  // remix dev writes version.txt last, once the new build is complete.
  watch(path.dirname(buildPath), async (_event, file) => {
    if (file !== "version.txt") return;
    build = await importBuild();
    handle = createRequestHandler(build, mode);
    entry = build.entry.module;
    entry.loadBuildAssets(build.assetsBuildDirectory, build.publicPath);
    void broadcastDevReady(build);
  });
}

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", trustProxy);
/** Whether the peer at `address` is a proxy whose X-Forwarded-* headers count. */
const trusted = app.get("trust proxy fn");

/**
 * Fills in the headers a response lacks, just before they are sent: the one place they are set.
 * @param {import("node:http").ServerResponse} res
 */
function withDefaults(res) {
  for (const [name, value] of Object.entries(entry.responseDefaults(res.statusCode))) {
    if (!res.hasHeader(name)) res.setHeader(name, value);
  }
}

/**
 * A signal aborted when the response's connection closes.
 * @param {import("node:http").ServerResponse} res
 */
function closedSignal(res) {
  const controller = new AbortController();
  res.once("close", () => controller.abort());
  return controller.signal;
}

/**
 * Node's request as a Fetch Request at `origin` (requestOrigin's), with the
 * signal of its connection (aborted when it closes) kept apart for the
 * loaders' context. The body was read already (`bodyLimit`), so it is handed
 * on as bytes.
 * @param {import("node:http").IncomingMessage & { originalUrl?: string, body?: any }} req
 * @param {import("node:http").ServerResponse} res
 * @param {string} origin
 */
function fetchRequest(req, res, origin) {
  const connectionClosed = closedSignal(res);
  const headers = new Headers();
  for (let index = 0; index + 1 < req.rawHeaders.length; index += 2) headers.append(/** @type {string} */ (req.rawHeaders[index]), /** @type {string} */ (req.rawHeaders[index + 1]));
  // Remix checks a write's Origin against X-Forwarded-Host, else Host: it must see the host decided here, not one a client made up.
  headers.delete("X-Forwarded-Host");
  headers.set("Host", new URL(origin).host);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  // Express keeps the address as asked in originalUrl; a request answered before Express has only url.
  const request = new Request(`${origin}${req.originalUrl ?? req.url}`, {
    method: req.method,
    headers,
    signal: connectionClosed,
    ...(hasBody ? { body: req.body } : {}),
  });
  return { request, connectionClosed };
}

/** @typedef {import("../seminar/seminar-request").SeminarRequest} SeminarRequest */
/** @typedef {import("../seminar/seminar-request").Reply} Reply */
/** @typedef {import("../seminar/seminar-request").StreamReply} StreamReply */
/** @typedef {{ method: string, url: string, headers: import("node:http").IncomingHttpHeaders }} NodeRequest */

const TEXTUAL = /^(text\/|application\/(javascript|json))/i;

/**
 * Sends a Fetch Response with Node's own API (Express's is not there for the
 * requests answered before it); a Reply, whose body is all there, in one
 * write; or a live stream's StreamReply, written to the response as it goes
 * until the stream ends or the client leaves.
 * @param {import("node:http").ServerResponse} res
 * @param {Response | Reply | StreamReply} response
 */
async function send(res, response) {
  if ("open" in response) {
    // The client may have left while the stream was being opened.
    if (res.socket?.destroyed ?? true) return;
    res.writeHead(response.status, response.headers);
    const stop = response.open({ write: (chunk) => res.write(chunk), end: () => res.end() });
    res.once("close", stop);
    return;
  }
  if (!(response instanceof Response)) {
    res.writeHead(response.status, response.headers);
    res.end(response.body ?? undefined);
    return;
  }
  res.statusMessage = response.statusText;
  res.statusCode = response.status;
  for (const [name, given] of response.headers) {
    // Text says its charset, as Express's res.set has always added.
    const value = name === "content-type" && TEXTUAL.test(given) && !/;\s*charset=/i.test(given) ? `${given}; charset=utf-8` : given;
    // Several Set-Cookie headers come one by one, and each is kept.
    const earlier = res.getHeader(name);
    res.setHeader(name, earlier === undefined ? value : [...[earlier].flat().map(String), value]);
  }
  // A live stream's first event must not wait for a body chunk to carry the headers.
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/**
 * The request as the app's cached answers read it, at the address decided
 * here; undefined when that address cannot be made (Express answers the 400).
 * @param {import("node:http").IncomingMessage} req
 */
function nodeRequest(req) {
  try {
    return { method: req.method ?? "GET", url: `${requestOrigin(req, trusted)}${req.url}`, headers: req.headers };
  } catch {
    return undefined;
  }
}

/**
 * A cached page or one of the build's files, or its 304, answered before
 * anything else runs: the request costs a lookup, a nonce and a few copies.
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 */
function answerCached(req, res) {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const request = nodeRequest(req);
  const cached = request && (entry.cachedDocument(request) ?? entry.cachedAsset(request));
  if (!cached) return false;
  res.writeHead(cached.status, cached.headers);
  res.end(req.method === "HEAD" ? undefined : cached.body);
  return true;
}

/**
 * A phone joining a seminar, answered with the document rendered for every
 * phone joining now (`entry.joiningDocument`): a room scanning the code at
 * once is that many first visits in a few seconds. Whatever the app does not
 * answer so goes on to Express and Remix, as if it had not been asked.
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 */
function answerJoining(req, res) {
  const request = req.method === "GET" ? nodeRequest(req) : undefined;
  const joining = request && entry.joiningDocument(request, { clientAddress: proxyaddr(req, trusted) ?? "", publicUrl, lanUrl });
  if (!joining) return false;
  joining.then(
    (document) => {
      if (!document) return app(req, res);
      res.writeHead(document.status, document.headers);
      res.end(document.body);
    },
    (error) => answerError(error, req, res),
  );
  return true;
}

// The host link carries a secret in its address: the log never does.
morgan.token("redacted-url", (req) => redactedUrl(/** @type {import("express").Request} */ (req).originalUrl ?? req.url ?? ""));
const accessLog = morgan(":method :redacted-url :status :res[content-length] - :response-time ms");
const limitBody = bodyLimit((status, message, accept) => entry.refusal(status, message, { accept }));

const crossSite = () => Object.assign(new Error("Cross-site request refused: this site accepts changes only from its own pages."), { status: 403, expose: true });

/**
 * Whatever goes wrong answers with a status and a plain message: a bad
 * request says what to fix, a failure of ours is logged here and says only
 * that it failed. Never a stack trace or a path.
 * @param {any} error
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 */
function answerError(error, req, res) {
  const status = Number(error?.status ?? error?.statusCode);
  const known = status >= 400 && status < 500;
  if (!known) console.error(error);
  if (res.headersSent) return res.destroy();
  const message = known && error.expose && error.message ? error.message : "The request could not be read; check the address and try again.";
  const accept = { accept: req.headers.accept };
  const refusal = known ? entry.refusal(status, message, accept) : entry.refusal(500, "The server could not answer; try again in a moment.", accept);
  res.statusCode = refusal.status;
  for (const [name, value] of refusal.headers) res.setHeader(name, value);
  res.end(req.method === "HEAD" ? undefined : refusal.body);
}

/**
 * A seminar's live stream or actions (`entry.seminarEndpoint`), answered
 * before Express and Remix: a room of phones opens thousands of streams and
 * sends thousands of votes in a few seconds, and Express's middleware and
 * Remix's route matching cost more than the vote. What those requests get
 * from the stack is done here as there: the default headers, the access
 * log, the body limit, the client's address (through a trusted proxy), the
 * connection's signal and the error answer. Compression is left out: it
 * leaves both alone (a live stream is no-transform, an action's answer is
 * smaller than its threshold).
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 */
function answerSeminar(req, res) {
  const url = req.url ?? "";
  const query = url.indexOf("?");
  const endpoint = entry.seminarEndpoint?.(req.method ?? "", query < 0 ? url : url.slice(0, query));
  if (!endpoint) return false;
  onHeaders(res, () => withDefaults(res));
  accessLog(req, res, () => {});
  limitBody(req, res, async (bodyError) => {
    try {
      if (bodyError) throw bodyError;
      const origin = requestOrigin(req, trusted);
      if (crossSiteWrite(req, origin)) throw crossSite();
      // No connection signal: the live stream follows its response's close (send), and a vote has no use for one.
      const context = { clientAddress: proxyaddr(req, trusted) ?? "", publicUrl, lanUrl };
      const request = entry.seminarRequest({ method: req.method ?? "GET", url: `${origin}${req.url}`, headers: req.headers }, /** @type {{ body?: Buffer }} */ (req).body);
      await send(res, await endpoint(request, context));
    } catch (error) {
      answerError(error, req, res);
    }
  });
  return true;
}

app.use((req, res, next) => {
  onHeaders(res, () => withDefaults(res));
  next();
});
app.use(compression());
app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.use(accessLog);
app.use(limitBody);
app.all("*", async (req, res, next) => {
  try {
    const origin = requestOrigin(req, trusted);
    if (crossSiteWrite(req, origin)) throw crossSite();
    const { request, connectionClosed } = fetchRequest(req, res, origin);
    const context = { connectionClosed, clientAddress: req.ip ?? "", publicUrl, lanUrl };
    await send(res, await handle(request, context));
  } catch (error) {
    next(error);
  }
});
app.use((/** @type {any} */ error, /** @type {import("express").Request} */ req, /** @type {import("express").Response} */ res, /** @type {unknown} */ _next) => answerError(error, req, res));

const port = process.env.PORT ? Number(process.env.PORT) : 3000;
const host = process.env.HOST || undefined;
/** What phones on the same network can open, when the server listens there. */
const lanAddress = host
  ? undefined
  : Object.values(os.networkInterfaces())
      .flat()
      .find((address) => address?.family === "IPv4" && !address.internal)?.address;
const lanUrl = lanAddress ? `http://${lanAddress}:${port}` : undefined;

const server = createServer(
  {
    // Phones pause between taps: a kept connection outlives the pause, and a proxy's idle timeout (often 60 s).
    keepAliveTimeout: 65_000,
    // A client that takes longer than this to send its headers, or its whole request, is cut off (slowloris).
    headersTimeout: 20_000,
    requestTimeout: 30_000,
  },
  (req, res) => {
    // The seminar's stream and votes first: the busiest requests, told apart by their address alone.
    if (!answerSeminar(req, res) && !answerCached(req, res) && !answerJoining(req, res)) app(req, res);
  },
);
// A room joins at once: the kernel holds up to this many connections until they are accepted.
server.listen({ port, host, backlog: 4096 }, () => {
  console.log(`[counterpoint] http://${host ?? "localhost"}:${port}${lanUrl ? ` (${lanUrl})` : ""}${publicUrl ? `, public address ${publicUrl}` : ""}`);
  if (development) void broadcastDevReady(build);
});

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close();
    // Live streams end and the database writes its last pages; a stuck close must still not keep the process.
    setTimeout(() => process.exit(0), 5_000).unref();
    entry
      .closeSeminars()
      .catch((error) => console.error(`closing the seminar database: ${error.message}`))
      .finally(() => process.exit(0));
  });
}
