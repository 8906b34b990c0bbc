/**
 * `node app/cli/serve.mjs build/index.js`: the app's server, in production
 * and under `remix dev`. It is remix-serve's Express stack (compression, the
 * build's assets and public/ as static files, a request log, Remix) with two
 * things remix-serve has no place for (decision 012):
 *
 * - A page already rendered is answered from the render cache before Remix
 *   sees the request (`cachedDocument` in app/entry.server.tsx), so a cached
 *   page costs no route matching, no loaders and no serialization of their
 *   data, which for a large page cost more than the rest of the request.
 * - Loaders get `context.connectionClosed`, a signal that fires when the
 *   client's connection closes. The signal of the Request a loader is given
 *   can stop following the connection once Remix's intermediate copies of
 *   the request are garbage-collected (nodejs/node#55428), which left the
 *   live streams of phones that had gone open, and their memory held.
 */
import { watch } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import remixNode from "@remix-run/node";
import compression from "compression";
import express from "express";
import morgan from "morgan";

// CommonJS, whose exports Node cannot name in an import.
const { broadcastDevReady, createReadableStreamFromReadable, createRequestHandler, installGlobals, writeReadableStreamToWritable } = remixNode;

const mode = process.env.NODE_ENV ?? "production";
const development = mode === "development";
const buildPath = path.resolve(process.argv[2] ?? "build/index.js");

/** The build, imported afresh (the query busts Node's module cache) after `remix dev` rebuilds it. */
const importBuild = async () => import(`${pathToFileURL(buildPath).href}?t=${Date.now()}`);

let build = await importBuild();
installGlobals({ nativeFetch: build.future.v3_singleFetch });
let handle = createRequestHandler(build, mode);

if (development) {
  // remix dev writes version.txt last, once the new build is complete.
  watch(path.dirname(buildPath), async (_event, file) => {
    if (file !== "version.txt") return;
    build = await importBuild();
    handle = createRequestHandler(build, mode);
    void broadcastDevReady(build);
  });
}

/**
 * Express's request as a Fetch Request, with the signal of its connection
 * (aborted when it closes) kept apart for the loaders' context.
 */
function fetchRequest(req, res) {
  const controller = new AbortController();
  res.once("close", () => controller.abort());
  const headers = new Headers();
  for (let index = 0; index < req.rawHeaders.length; index += 2) headers.append(req.rawHeaders[index], req.rawHeaders[index + 1]);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const request = new Request(`${req.protocol}://${req.get("host")}${req.originalUrl}`, {
    method: req.method,
    headers,
    signal: controller.signal,
    ...(hasBody ? { body: createReadableStreamFromReadable(req), duplex: "half" } : {}),
  });
  return { request, connectionClosed: controller.signal };
}

async function send(res, response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers) res.append(name, value);
  // A live stream's first event must not wait for a body chunk to carry the headers.
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

const app = express();
app.disable("x-powered-by");
app.use(compression());
/** Static files are locked down like every other response. */
const setHeaders = (res) => {
  for (const [name, value] of Object.entries(build.entry.module.staticFileHeaders)) res.setHeader(name, value);
};
app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y", setHeaders }));
app.use(express.static("public", { maxAge: "1h", setHeaders }));
app.use(morgan("tiny"));
app.all("*", async (req, res, next) => {
  try {
    const { request, connectionClosed } = fetchRequest(req, res);
    const cached = build.entry.module.cachedDocument(request);
    if (cached) {
      res.writeHead(cached.status, Object.fromEntries(cached.headers));
      res.end(req.method === "HEAD" ? undefined : cached.body);
      return;
    }
    await send(res, await handle(request, { connectionClosed }));
  } catch (error) {
    next(error);
  }
});

const port = process.env.PORT ? Number(process.env.PORT) : 3000;
const host = process.env.HOST;
const server = app.listen(port, host, () => {
  const lan = Object.values(os.networkInterfaces())
    .flat()
    .find((address) => address?.family === "IPv4" && !address.internal)?.address;
  console.log(`[counterpoint] http://${host ?? "localhost"}:${port}${!host && lan ? ` (http://${lan}:${port})` : ""}`);
  if (development) void broadcastDevReady(build);
});
for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, () => server.close(console.error));
