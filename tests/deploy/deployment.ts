/**
 * What the deployment test needs besides the app: docs/deploy.md's tested
 * blocks, filled in; Debian's nginx and openssl (installed when missing and
 * possible); an HTTPS client that trusts the test's own certificate and sends
 * the site's name to 127.0.0.1, over HTTP/1.1 and HTTP/2; and the machine's
 * count of open TCP connections on a port.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import http2 from "node:http2";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../..", import.meta.url));
export const DOC = "docs/deploy.md";

/**
 * The fenced blocks of docs/deploy.md that follow a `<!-- deploy-test: NAME -->`
 * marker, by name.
 */
export function docBlocks(): Map<string, string> {
  const text = readFileSync(`${root}/${DOC}`, "utf8");
  const blocks = new Map<string, string>();
  for (const match of text.matchAll(/<!-- deploy-test: ([\w-]+) -->\n```[\w-]*\n([\s\S]*?)\n```\n/g)) blocks.set(match[1]!, match[2]!);
  return blocks;
}

/**
 * `block` with each `[from, to]` replaced everywhere. Every `from` must occur
 * (`times` when given), so a change to the doc that a replacement no longer
 * matches fails the test instead of testing something else.
 */
export function fill(name: string, block: string, replacements: Array<[string | RegExp, string, number?]>): string {
  let text = block;
  for (const [from, to, times] of replacements) {
    const pattern = typeof from === "string" ? new RegExp(from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "g") : new RegExp(from.source, "g");
    const found = text.match(pattern)?.length ?? 0;
    if (found === 0 || (times !== undefined && found !== times)) {
      throw new Error(`${DOC}, block "${name}": expected ${times ?? "at least one"} "${from}", found ${found}; the test fills the doc's blocks as written, so update the replacement with the doc.`);
    }
    text = text.replace(pattern, to);
  }
  return text;
}

/**
 * A shell block as the test runs it: `sudo` dropped (the test runs as itself),
 * `systemctl` lines dropped (the test stops and starts its own processes).
 */
export function shellCommands(block: string): string {
  return block
    .replace(/\\\n\s*/g, " ")
    .split("\n")
    .filter((line) => line.trim() && !/^\s*#/.test(line) && !/\bsystemctl\b/.test(line))
    .map((line) => line.replace(/^\s*sudo( -u \S+)? /, ""))
    .join("\n");
}

/** `KEY=VALUE` lines, as systemd's EnvironmentFile reads them. */
export function environmentFile(block: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of block.split("\n")) {
    if (!line.trim() || line.trim().startsWith("#")) continue;
    const separator = line.indexOf("=");
    env[line.slice(0, separator).trim()] = line.slice(separator + 1).trim();
  }
  return env;
}

export const NGINX = process.env.NGINX_PATH ?? "/usr/sbin/nginx";
export const OPENSSL = process.env.OPENSSL_PATH ?? "/usr/bin/openssl";

/**
 * nginx and openssl, as `npm test` finds or installs them: installed with
 * apt-get when missing and this runs as root (as tests/require-chromium.ts does
 * for Chromium); otherwise the reason the test is skipped. An install that
 * fails is an error, not a skip.
 */
export function nginxSkipReason(): string | undefined {
  const missing = [
    { path: NGINX, pkg: "nginx" },
    { path: OPENSSL, pkg: "openssl" },
  ].filter((tool) => !existsSync(tool.path));
  if (missing.length === 0) return undefined;
  const packages = missing.map((tool) => tool.pkg);
  const names = missing.map((tool) => tool.path).join(" and ");
  if (process.getuid?.() !== 0 || !existsSync("/usr/bin/apt-get")) {
    return `the deployment test needs ${names}, which are missing, and it can install them only as root with apt-get: run \`sudo apt-get install -y ${packages.join(" ")}\` (or set NGINX_PATH / OPENSSL_PATH)`;
  }
  console.error(`${names} missing; installing ${packages.join(" ")} with apt-get…`);
  execFileSync("apt-get", ["update"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "--no-install-recommends", ...packages], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  for (const tool of missing) if (!existsSync(tool.path)) throw new Error(`${tool.pkg} is installed but ${tool.path} is not there; set ${tool.pkg.toUpperCase()}_PATH.`);
  return undefined;
}

/** Every host name resolves to `address`: the site's name goes in SNI and Host, the connection to this machine. */
function lookupTo(address: string): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) =>
    options?.all ? callback(null, [{ address, family: 4 }]) : callback(null, address, 4)) as unknown as LookupFunction;
}

export interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}
export type TlsFetch = (url: string, init?: FetchInit) => Promise<Response>;

function headersOf(raw: Record<string, string | string[] | number | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (name.startsWith(":") || value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [String(value)]) headers.append(name, one);
  }
  return headers;
}

function responseOf(status: number, headers: Headers, body: Readable, method: string): Response {
  if (status === 204 || status === 304 || method === "HEAD") {
    body.resume();
    return new Response(null, { status, headers });
  }
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, { status, headers });
}

/**
 * fetch over HTTP/1.1 and TLS, trusting `ca`, with every name sent to
 * `address`; connections are kept alive, as a browser keeps them. Redirects
 * are not followed.
 */
export function httpsClient(ca: string, address = "127.0.0.1"): { fetch: TlsFetch; close: () => void } {
  const agent = new https.Agent({ ca, keepAlive: true, lookup: lookupTo(address) } as https.AgentOptions);
  const fetch: TlsFetch = (url, init = {}) =>
    new Promise((resolve, reject) => {
      const method = init.method ?? "GET";
      const request = https.request(url, { agent, method, headers: init.headers, signal: init.signal }, (response) =>
        resolve(responseOf(response.statusCode!, headersOf(response.headers), response, method)),
      );
      request.on("error", reject);
      request.end(init.body);
    });
  return { fetch, close: () => agent.destroy() };
}

/** The same over HTTP/2, on one connection, as a browser multiplexes its requests. */
export function http2Client(ca: string, origin: string, address = "127.0.0.1"): { fetch: TlsFetch; close: () => void } {
  const session = http2.connect(origin, { ca, lookup: lookupTo(address) } as http2.SecureClientSessionOptions);
  session.on("error", () => {});
  const fetch: TlsFetch = (url, init = {}) =>
    new Promise((resolve, reject) => {
      const { pathname, search } = new URL(url);
      const method = init.method ?? "GET";
      const headers = Object.fromEntries(Object.entries(init.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
      const stream = session.request({ ":method": method, ":path": pathname + search, ...headers }, { signal: init.signal });
      stream.on("response", (headers) => resolve(responseOf(Number(headers[":status"]), headersOf(headers), stream, method)));
      stream.on("error", reject);
      stream.end(init.body);
    });
  return { fetch, close: () => session.destroy() };
}

interface TcpConnection {
  localPort: number;
  remotePort: number;
  inode: string;
}

/** The machine's established TCP connections, one entry per end. */
function establishedConnections(): TcpConnection[] {
  const connections: TcpConnection[] = [];
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      // 01: ESTABLISHED
      if (fields[3] !== "01") continue;
      const port = (address: string) => parseInt(address.split(":").at(-1)!, 16);
      connections.push({ localPort: port(fields[1]!), remotePort: port(fields[2]!), inode: fields[9]! });
    }
  }
  return connections;
}

/** The sockets process `pid` holds open. */
function socketsOf(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      if (target.startsWith("socket:[")) inodes.add(target.slice(8, -1));
    } catch {
      // closed meanwhile
    }
  }
  return inodes;
}

/** The processes whose parent is `pid` (nginx's workers, of its master). */
export function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        // pid (comm) state ppid …; comm may hold spaces, so read after its closing parenthesis.
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/**
 * Established TCP connections held by the processes `pids`: `accepted` on
 * local port `localPort` (a server's side), or `opened` to one of
 * `remotePorts` (a client's side).
 */
export function connectionsOf(pids: number[], which: { localPort: number } | { remotePorts: number[] }): number {
  const sockets = new Set(pids.flatMap((pid) => [...socketsOf(pid)]));
  return establishedConnections().filter(
    (connection) =>
      sockets.has(connection.inode) && ("localPort" in which ? connection.localPort === which.localPort : which.remotePorts.includes(connection.remotePort)),
  ).length;
}

/** The soft and hard limits on open files of process `pid`. */
export function openFileLimits(pid: number): { soft: string; hard: string } {
  const line = readFileSync(`/proc/${pid}/limits`, "utf8")
    .split("\n")
    .find((entry) => entry.startsWith("Max open files"))!;
  const [soft, hard] = line.replace("Max open files", "").trim().split(/\s+/);
  return { soft: soft!, hard: hard! };
}
