/**
 * docs/deploy.md, run as written: Debian's nginx terminating TLS with the
 * doc's self-signed certificate, in front of two production app processes
 * started as the doc's systemd unit starts them, with the doc's environment,
 * on one PostgreSQL database made with the doc's SQL; a seminar walked through
 * it; the doc's backups restored.
 *
 * Which process a request reaches is nginx's round robin, as in production:
 * the test does not steer it, it reads it. The test's nginx.conf adds one
 * header, `X-Upstream: $upstream_addr`, and the test opens phones' streams
 * until one streams from each process, and sends steps until each process has
 * taken one; every phone must follow every step. So a phone on one process
 * follows a step sent through the other, both ways round, whatever order
 * nginx picks.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { qrSvg } from "~/seminar/qr.server";
import { freePort, startServer, type RunningServer } from "../e2e/server";
import { startCluster, type TestDatabase } from "../postgres";
import { connectSse, type SseClient, type SseEvent } from "../sse";
import {
  childrenOf,
  connectionsOf,
  docBlocks,
  environmentFile,
  fill,
  http2Client,
  httpsClient,
  NGINX,
  nginxSkipReason,
  openFileLimits,
  root,
  shellCommands,
  type TlsFetch,
} from "./deployment";

const NAME = "seminar.counterpoint.test";
const DOC_NAME = "seminar.example.edu";
const DOC_DATABASE_URL = "postgres://counterpoint:change-this-password@127.0.0.1:5432/counterpoint";
const PG_BIN = process.env.POSTGRES_BIN ?? "/usr/lib/postgresql/15/bin";
const REPOSITORY = root.replace(/\/$/, "");

const skipReason = nginxSkipReason();
if (skipReason) {
  console.warn(`tests/deploy/nginx.test.ts is skipped: ${skipReason}.`);
  it.skip(`the deployment through nginx (skipped: ${skipReason})`, () => {});
}

interface RoomState {
  code: string;
  step: number;
  total: number;
  roomVersion: number;
}
const stateOf = (event: SseEvent) => JSON.parse(event.data) as RoomState;

/** The port of the app process that answered, from the test's X-Upstream header (the last one nginx tried). */
function upstreamOf(response: Response): number {
  const tried = response.headers.get("x-upstream") ?? "";
  return Number(tried.split(",").at(-1)?.trim().split(":").at(-1));
}

/** Runs a shell block of the doc, with PostgreSQL's programs of the test's version first on the PATH. */
function runShell(block: string) {
  return execFileSync("bash", ["-euo", "pipefail", "-c", shellCommands(block)], {
    cwd: REPOSITORY,
    env: { ...process.env, PATH: `${PG_BIN}:${process.env.PATH}` },
    stdio: "pipe",
  });
}

interface Phone {
  cookie: string;
  sse: SseClient;
  /** The process each of its stream's connections reached, in order. */
  upstreams: number[];
  /** The headers of its stream's responses. */
  responses: Headers[];
}

describe.skipIf(skipReason)("Counterpoint deployed as docs/deploy.md says: nginx, TLS, two processes, one PostgreSQL", () => {
  const blocks = docBlocks();
  const block = (name: string) => {
    const found = blocks.get(name);
    if (found === undefined) throw new Error(`docs/deploy.md has no block marked <!-- deploy-test: ${name} -->`);
    return found;
  };
  let dir: string;
  let ca: string;
  let httpsPort: number;
  let httpPort: number;
  let publicUrl: string;
  let ports: [number, number];
  let servers: RunningServer[] = [];
  let env: Record<string, string>;
  let nginx: ChildProcess | undefined;
  let nginxLog = "";
  let admin: { url: string; cluster?: TestDatabase };
  let name: string;
  let databaseUrl: string;
  let client: ReturnType<typeof httpsClient>;
  let h2: ReturnType<typeof http2Client>;
  let fetch: TlsFetch;
  const phones: Phone[] = [];
  const streams: SseClient[] = [];

  let topic: string;
  let code: string;
  let hostCookie: string;
  const voteUpstreams = new Set<number>();

  const adminQuery = async (database: string | undefined, sql: string, values: unknown[] = []) => {
    const url = new URL(admin.url);
    if (database) url.pathname = `/${database}`;
    const connection = new pg.Client({ connectionString: url.toString() });
    await connection.connect();
    try {
      return await connection.query(sql, values);
    } finally {
      await connection.end();
    }
  };

  /** Starts the two processes as the unit does: its ExecStart, in its WorkingDirectory, with the environment file and PORT. */
  const startApps = () => Promise.all(ports.map((port) => startServer({ ...env, PORT: String(port) })));
  const stopApps = async () => {
    await Promise.all(servers.map((server) => server.stop()));
    servers = [];
  };

  const act = async (fields: Record<string, unknown>, cookie: string, via: TlsFetch = fetch) => {
    const response = await via(`${publicUrl}/s/${code}/actions`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", Origin: publicUrl, Cookie: cookie },
      body: JSON.stringify(fields),
    });
    return { status: response.status, upstream: upstreamOf(response), headers: response.headers, body: await response.json() };
  };

  /** A phone opens the seminar's page (and gets its participant cookie), then its live stream. */
  async function joinPhone(via: TlsFetch): Promise<Phone> {
    const page = await via(`${publicUrl}/s/${code}`, { headers: { Accept: "text/html" } });
    expect(page.status).toBe(200);
    await page.text();
    const setCookie = page.headers.getSetCookie().find((cookie) => cookie.startsWith("cp_participant="));
    expect(setCookie?.split("; ").slice(1).sort(), "a phone's first visit sets its participant cookie, Secure").toEqual(["HttpOnly", "Max-Age=2592000", "Path=/", "SameSite=Lax", "Secure"]);
    const cookie = setCookie!.split(";")[0]!;
    const upstreams: number[] = [];
    const responses: Headers[] = [];
    const sse = connectSse(`${publicUrl}/s/${code}/events`, {
      headers: { Cookie: cookie, "Accept-Encoding": "gzip, deflate, br" },
      fetch: async (url, init) => {
        const response = await via(url, init);
        upstreams.push(upstreamOf(response));
        responses.push(response.headers);
        return response;
      },
    });
    try {
      await sse.next((event) => event.event === "state", 10_000);
    } catch (error) {
      sse.close();
      throw error;
    }
    return { cookie, sse, upstreams, responses };
  }

  /**
   * A phone whose stream nginx sent to the process on `port`. A phone that
   * landed on the other is closed, and one more request moves nginx's turn on:
   * a phone makes two requests (its page, its stream), so under round robin
   * the next phone's stream would land where this one's did.
   */
  async function phoneOn(port: number): Promise<Phone> {
    for (let attempt = 0; attempt < 8; attempt++) {
      const phone = await joinPhone(fetch);
      if (phone.upstreams[0] === port) return phone;
      phone.sse.close();
      await (await fetch(`${publicUrl}/healthz`)).text();
    }
    throw new Error(`nginx sent no phone's stream to the process on port ${port} in 8 tries`);
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "counterpoint-deploy-"));
    // nginx's workers (www-data when the test runs as root) read their temporary folders in it.
    chmodSync(dir, 0o755);
    [httpsPort, httpPort] = [await freePort(), await freePort()];
    ports = [await freePort(), await freePort()];
    publicUrl = `https://${NAME}:${httpsPort}`;

    // The certificate, with the doc's command.
    runShell(
      fill("openssl", block("openssl"), [
        [DOC_NAME, NAME, 4],
        ["/etc/ssl/private/", `${dir}/`, 1],
        ["/etc/ssl/certs/", `${dir}/`, 1],
      ]),
    );
    ca = readFileSync(path.join(dir, `${NAME}.pem`), "utf8");

    // The role and the database, with the doc's SQL, as the cluster's superuser.
    admin = process.env.TEST_DATABASE_URL ? { url: process.env.TEST_DATABASE_URL } : await startCluster().then((cluster) => ({ url: cluster.url, cluster }));
    name = `counterpoint_${randomBytes(5).toString("hex")}`;
    for (const statement of fill("postgres-sql", block("postgres-sql"), [[/\bcounterpoint\b/, name, 3]]).split(";").filter((part) => part.trim())) {
      await adminQuery(undefined, statement);
    }
    const server = new URL(admin.url);
    databaseUrl = `postgres://${name}:change-this-password@${server.host}/${name}`;

    // The environment file, and the unit that reads it.
    env = environmentFile(
      fill("env", block("env"), [
        [`https://${DOC_NAME}`, publicUrl, 1],
        [DOC_DATABASE_URL, databaseUrl, 1],
        ["/srv/counterpoint", REPOSITORY, 1],
      ]),
    );
    expect(env).toMatchObject({ NODE_ENV: "production", HOST: "127.0.0.1", TRUST_PROXY: "loopback", COUNTERPOINT_PUBLIC_URL: publicUrl, DATABASE_URL: databaseUrl });
    const unit = fill("unit", block("unit"), [
      ["/srv/counterpoint", REPOSITORY, 1],
      ["/usr/bin/node", process.execPath, 1],
    ]);
    const setting = (key: string) => unit.match(new RegExp(`^${key}=(.*)$`, "m"))?.[1];
    // What startServer runs (tests/e2e/server.ts): this Node, the server's script and the build, in the repository.
    expect(setting("ExecStart")).toBe(`${process.execPath} app/cli/serve.mjs build/index.js`);
    expect(setting("WorkingDirectory")).toBe(REPOSITORY);
    expect(setting("EnvironmentFile")).toBe("/etc/counterpoint.env");
    expect(setting("Environment")).toBe("PORT=%i");
    if (existsSync("/usr/bin/systemd-analyze")) {
      mkdirSync(path.join(dir, "units"));
      writeFileSync(path.join(dir, "units", "counterpoint@.service"), unit);
      const verified = execFileSync("systemd-analyze", ["verify", path.join(dir, "units", `counterpoint@${ports[0]}.service`)], { stdio: "pipe", encoding: "utf8" });
      expect(verified).toBe("");
    }

    // Both at once, on an empty database: the migration lock keeps them from racing.
    servers = await startApps();

    // nginx: Debian's nginx.conf with its own paths, the doc's lines for it, and the doc's site.
    const site = fill("nginx-site", block("nginx-site"), [
      [DOC_NAME, NAME, 4],
      ["listen 443 ", `listen 127.0.0.1:${httpsPort} `, 1],
      ["listen 80;", `listen 127.0.0.1:${httpPort};`, 1],
      ["127.0.0.1:3001", `127.0.0.1:${ports[0]}`, 1],
      ["127.0.0.1:3002", `127.0.0.1:${ports[1]}`, 1],
      ["/etc/ssl/certs/", `${dir}/`, 1],
      ["/etc/ssl/private/", `${dir}/`, 1],
      // An add_header in the site's server block hides the http block's: the test's header goes beside it.
      ["    add_header Strict-Transport-Security", "    add_header X-Upstream $upstream_addr always;\n    add_header Strict-Transport-Security", 1],
    ]);
    const asRoot = process.getuid?.() === 0;
    writeFileSync(
      path.join(dir, "nginx.conf"),
      `# Written by tests/deploy/nginx.test.ts: Debian's /etc/nginx/nginx.conf, with this folder's paths, around docs/deploy.md's blocks.
${asRoot ? "user www-data;\n" : ""}worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
${block("nginx-main")}
http {
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;
    ssl_prefer_server_ciphers on;
    access_log ${dir}/access.log;
    client_body_temp_path ${dir}/client_body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    # Every text type compressed, event streams included: the site's events location must turn it off.
    gzip on;
    gzip_types text/plain text/css text/javascript application/javascript application/json text/xml application/xml text/event-stream;
    # For the test: which app process answered.
    add_header X-Upstream $upstream_addr always;

${site}
}
`,
    );
    const nginxArgs = ["-p", `${dir}/`, "-c", `${dir}/nginx.conf`];
    // `nginx -t`, as the doc says to run before a reload.
    const tested = execFileSync(NGINX, ["-t", ...nginxArgs], { stdio: "pipe", encoding: "utf8" });
    expect(tested).toBe("");
    nginx = spawn(NGINX, [...nginxArgs, "-g", "daemon off;"], { stdio: ["ignore", "pipe", "pipe"] });
    nginx.stdout!.on("data", (chunk) => (nginxLog += chunk));
    nginx.stderr!.on("data", (chunk) => (nginxLog += chunk));

    client = httpsClient(ca);
    fetch = client.fetch;
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (nginx.exitCode !== null) throw new Error(`nginx exited (${nginx.exitCode}):\n${nginxLog}\n${readFileSync(path.join(dir, "error.log"), "utf8")}`);
      try {
        if ((await fetch(`${publicUrl}/healthz`)).ok) break;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`nginx did not answer at ${publicUrl}: ${(error as Error).message}\n${nginxLog}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    h2 = http2Client(ca, publicUrl);
  }, 400_000);

  afterAll(async () => {
    for (const stream of [...streams, ...phones.map((phone) => phone.sse)]) stream.close();
    client?.close();
    h2?.close();
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx!.once("exit", resolve));
      nginx.kill("SIGTERM");
      await exited;
    }
    await stopApps();
    if (name) {
      await adminQuery(undefined, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await adminQuery(undefined, `DROP ROLE IF EXISTS ${name}`).catch(() => undefined);
    }
    await admin?.cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it("answers over HTTPS with the certificate the doc's openssl command made, and port 80 redirects there", async () => {
    const health = await fetch(`${publicUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.text()).toBe("ok");
    expect(ports).toContain(upstreamOf(health));

    const redirect = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http.get({ host: "127.0.0.1", port: httpPort, path: "/s/ABCDEF?x=1", headers: { Host: NAME } }, resolve).on("error", reject),
    );
    redirect.resume();
    expect(redirect.statusCode).toBe(301);
    expect(redirect.headers.location).toBe(`https://${NAME}/s/ABCDEF?x=1`);
  });

  it("starts a seminar over https: 303 to the projector and a Secure host cookie; an http:// origin is refused", async () => {
    const page = await fetch(`${publicUrl}/seminar`, { headers: { Accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(page.headers.get("Strict-Transport-Security")).toBe("max-age=31536000");
    topic = (await page.text()).match(/name="topic"[^>]*value="([^"]+)"/)![1]!;

    const start = (origin: string) =>
      fetch(`${publicUrl}/seminar`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "text/html", Origin: origin },
        body: new URLSearchParams({ topic, open: "present" }).toString(),
      });
    const refused = await start(`http://${NAME}:${httpsPort}`);
    expect(refused.status).toBe(403);
    await refused.text();

    const started = await start(publicUrl);
    expect(started.status).toBe(303);
    const location = started.headers.get("location")!;
    expect(location).toMatch(/^\/s\/[A-Z0-9]{6}\/present$/);
    code = location.split("/")[2]!;
    const cookie = started.headers.getSetCookie().find((value) => value.startsWith(`cp_host_${code}=`))!;
    expect(cookie.split("; ").slice(1).sort()).toEqual(["HttpOnly", "Max-Age=2592000", `Path=/s/${code}`, "SameSite=Lax", "Secure"]);
    hostCookie = cookie.split(";")[0]!;
  });

  it("sends phones to COUNTERPOINT_PUBLIC_URL: the projector's address and QR code, the console's join and host links", async () => {
    const joinUrl = `${publicUrl}/s/${code}`;
    const projector = await (await fetch(`${publicUrl}/s/${code}/present`, { headers: { Cookie: hostCookie } })).text();
    expect(projector).toContain(qrSvg(joinUrl));
    expect(projector).toContain(`${NAME}:${httpsPort}/s/`);
    expect(projector).not.toContain("Phones cannot open");
    // Asked of a process directly, with its own address in Host: still the public address.
    const direct = await (await globalThis.fetch(`${servers[0]!.baseUrl}/s/${code}/present`, { headers: { Cookie: hostCookie } })).text();
    expect(direct).toContain(qrSvg(joinUrl));
    expect(direct).not.toContain(servers[0]!.baseUrl);

    const hostPage = await (await fetch(`${publicUrl}/s/${code}/host`, { headers: { Cookie: hostCookie } })).text();
    expect(hostPage).toContain(`href="${joinUrl}"`);
    const hostLink = hostPage.match(new RegExp(`value="(${joinUrl.replace(/[.:/]/g, "\\$&")}/host\\?key=[^"]+)"`))?.[1];
    expect(hostLink, "the console shows the host link on the public address").toBeDefined();

    // The host link, opened on another device (no cookie), through nginx.
    const other = httpsClient(ca);
    try {
      const claimed = await other.fetch(hostLink!.replace(/&amp;/g, "&"));
      expect(claimed.status).toBe(303);
      expect(claimed.headers.get("location")).toBe(`/s/${code}/host`);
      expect(claimed.headers.getSetCookie()[0]!.split("; ")).toContain("Secure");
    } finally {
      other.close();
    }
    // The processes' logs, as journalctl shows them: where each listens, and the host link without its key.
    for (const server of servers) expect(server.output()).toContain(`[counterpoint] http://127.0.0.1:${server.port}, public address ${publicUrl}\n`);
    const logs = () => servers.map((server) => server.output()).join("");
    await expect.poll(logs).toContain(`GET /s/${code}/host?key=[redacted] 303`);
    expect(logs()).not.toContain(new URL(hostLink!.replace(/&amp;/g, "&")).searchParams.get("key")!);
  });

  it("phones streaming from each process follow every step, sent through either, within a second, unbuffered and uncompressed, over HTTP/1.1 and HTTP/2; their votes count", async () => {
    phones.push(await phoneOn(ports[0]), await phoneOn(ports[1]));
    const overHttp2 = await joinPhone(h2.fetch);
    phones.push(overHttp2);
    for (const phone of phones) {
      const headers = phone.responses[0]!;
      expect(headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      // Asked with Accept-Encoding: gzip, through an nginx that gzips text/event-stream elsewhere.
      expect(headers.get("content-encoding")).toBeNull();
    }

    // Where they stand before: the first step's poll, each vote through whichever process nginx picks.
    const before = ["yes", "no", "mixed"];
    for (const [index, phone] of phones.entries()) {
      const vote = await act({ intent: "vote", poll: "before", choice: before[index] }, phone.cookie, index === 2 ? h2.fetch : fetch);
      expect(vote.status).toBe(200);
      expect(vote.headers.get("set-cookie")).toBeNull();
      voteUpstreams.add(vote.upstream);
    }

    const servedBy = new Set<number>();
    const latencies: string[] = [];
    let total = 0;
    for (let step = 2; servedBy.size < 2; step++) {
      expect(step, "nginx sent the host's steps to one process only").toBeLessThan(10);
      const from = phones.map((phone) => phone.sse.events.length);
      const sent = performance.now();
      const stepped = await act({ intent: "step", topic, step }, hostCookie);
      expect(stepped.status).toBe(200);
      servedBy.add(stepped.upstream);
      for (const [index, phone] of phones.entries()) {
        const event = await phone.sse.next((candidate) => stateOf(candidate).step === step, 1000, from[index]);
        total = stateOf(event).total;
        latencies.push(`${Math.round(event.at - sent)} ms (step via :${stepped.upstream}, phone on :${phone.upstreams.at(-1)})`);
      }
    }
    console.info(`step to phone through nginx: ${latencies.join(", ")}`);
    // Each process has taken a step, and has a phone: each phone followed a step sent through the other.
    expect([...servedBy].sort()).toEqual([...ports].sort());
    expect(phones.slice(0, 2).map((phone) => phone.upstreams[0])).toEqual(ports);

    // The closing screen, and where they stand after.
    expect((await act({ intent: "step", topic, step: total }, hostCookie)).status).toBe(200);
    await Promise.all(phones.map((phone) => phone.sse.next((event) => stateOf(event).step === total, 5000)));
    const after = ["no", "no", "mixed"];
    for (const [index, phone] of phones.entries()) {
      const vote = await act({ intent: "vote", poll: "after", choice: after[index] }, phone.cookie, index === 2 ? h2.fetch : fetch);
      expect(vote.status).toBe(200);
      voteUpstreams.add(vote.upstream);
    }
  }, 60_000);

  it("counts every vote, whichever process took it (results.json through nginx)", async () => {
    expect([...voteUpstreams].sort()).toEqual([...ports].sort());
    const response = await fetch(`${publicUrl}/s/${code}/results.json`, { headers: { Cookie: hostCookie } });
    expect(response.status).toBe(200);
    const results = await response.json();
    expect(results.topics[0].before).toEqual({ counts: { yes: 1, no: 1, mixed: 1, unsure: 0 }, total: 3 });
    expect(results.topics[0].after).toEqual({ counts: { yes: 0, no: 2, mixed: 1, unsure: 0 }, total: 3 });
  });

  it("keeps its connections to the app open between requests (HTTP/1.1), and holds one connection per phone's stream on each side", async () => {
    const count = 20;
    const workers = childrenOf(nginx!.pid!);
    expect(workers).toHaveLength(1);
    // nginx's connections to the two processes, the processes' from nginx (and others), nginx's from the phones.
    const nginxToApps = () => connectionsOf(workers, { remotePorts: ports });
    const appsFromAnyone = () => servers.reduce((sum, server) => sum + connectionsOf([server.pid], { localPort: server.port }), 0);
    const nginxFromPhones = () => connectionsOf(workers, { localPort: httpsPort });
    for (let index = 0; index < count; index++) {
      streams.push(connectSse(`${publicUrl}/s/${code}/events`, { reconnect: false, fetch }));
    }
    await Promise.all(streams.map((stream) => stream.next((event) => event.event === "state", 10_000)));
    const during = [nginxToApps(), appsFromAnyone(), nginxFromPhones()];
    // Each stream holds a connection of its own from the phone to nginx and from nginx to the app (idle ones may be reused).
    expect(during[0]).toBeGreaterThanOrEqual(phones.length + count);
    expect(during[1]).toBeGreaterThanOrEqual(phones.length + count);
    expect(during[2]).toBeGreaterThanOrEqual(phones.length + count);
    streams.splice(0).forEach((stream) => stream.close());
    await expect.poll(nginxToApps, { timeout: 5000 }).toBeLessThanOrEqual(during[0]! - count);
    await expect.poll(appsFromAnyone, { timeout: 5000 }).toBeLessThanOrEqual(during[1]! - count);
    await expect.poll(nginxFromPhones, { timeout: 5000 }).toBeLessThanOrEqual(during[2]! - count);

    // With only the phones' streams open, requests that have ended leave nginx's connections to the app open:
    // HTTP/1.1 with keep-alive. Under HTTP/1.0, or with Connection: close, nginx would close each after its request.
    for (let index = 0; index < 4; index++) await (await fetch(`${publicUrl}/healthz`)).text();
    expect(nginxToApps()).toBeGreaterThan(phones.length);

    // Node raises its soft limit on open files to the hard one: the hard limit (LimitNOFILE) is what counts.
    for (const server of servers) {
      const { soft, hard } = openFileLimits(server.pid);
      expect(soft).toBe(hard);
    }
  }, 30_000);

  it("holds no more PostgreSQL connections than the doc's 2 × (DATABASE_POOL_SIZE + 1)", async () => {
    const { rows } = await adminQuery(undefined, "SELECT count(*)::int AS connections FROM pg_stat_activity WHERE datname = $1", [name]);
    const connections = rows[0].connections as number;
    // Each process listens on one connection of its own, and queries on at least one more.
    expect(connections).toBeGreaterThanOrEqual(4);
    expect(connections).toBeLessThanOrEqual(2 * (Number(env.DATABASE_POOL_SIZE) + 1));
  });

  it("a phone whose process stops reconnects through nginx to the other and keeps following", async () => {
    const [phone] = phones;
    const stopped = servers[0]!;
    expect(phone!.upstreams.at(-1)).toBe(stopped.port);
    const connections = phone!.sse.connections;
    await stopped.stop();
    await expect.poll(() => phone!.sse.connections, { timeout: 10_000 }).toBeGreaterThan(connections);
    expect(phone!.upstreams.at(-1)).toBe(ports[1]);

    const from = phone!.sse.events.length;
    const sent = performance.now();
    const stepped = await act({ intent: "step", topic, step: 2 }, hostCookie);
    expect(stepped.status).toBe(200);
    expect(stepped.upstream).toBe(ports[1]);
    const event = await phone!.sse.next((candidate) => stateOf(candidate).step === 2, 1000, from);
    expect(event.at - sent).toBeLessThan(1000);
  }, 30_000);

  it("restores the votes from the doc's pg_dump, taken during the seminar, with the doc's pg_restore; nginx sends to both processes again", async () => {
    const replacements: Array<[string, string, number]> = [
      [DOC_DATABASE_URL, databaseUrl, 1],
      ["/var/backups/counterpoint/", `${dir}/`, 1],
    ];
    runShell(fill("pg-dump", block("pg-dump"), replacements));
    expect(existsSync(path.join(dir, "counterpoint.dump"))).toBe(true);

    // Lost: every vote of the seminar.
    await adminQuery(name, "DELETE FROM votes WHERE seminar_code = $1", [code]);
    const results = async () => (await (await fetch(`${publicUrl}/s/${code}/results.json`, { headers: { Cookie: hostCookie } })).json()).topics[0];
    expect((await results()).before.total).toBe(0);

    // The doc: stop both processes (one is stopped already), restore, start both.
    phones.splice(0).forEach((phone) => phone.sse.close());
    await stopApps();
    runShell(fill("pg-restore", block("pg-restore"), replacements));
    servers = await startApps();
    const restored = await results();
    expect(restored.before.counts).toEqual({ yes: 1, no: 1, mixed: 1, unsure: 0 });
    expect(restored.after.counts).toEqual({ yes: 0, no: 2, mixed: 1, unsure: 0 });

    // Both back in nginx's turns, the one stopped earlier too: nginx tries a process it saw fail again
    // once its fail_timeout (10 s) has passed, so the turns are watched until both have answered.
    const answered = new Set<number>();
    const deadline = Date.now() + 30_000;
    while (answered.size < ports.length && Date.now() < deadline) {
      answered.add(upstreamOf(await fetch(`${publicUrl}/healthz`)));
      if (answered.size < ports.length) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect([...answered].sort()).toEqual([...ports].sort());
  }, 400_000);
});

describe("the doc's PGlite backup: the data folder copied while the server is stopped", () => {
  let dir: string;
  let server: RunningServer | undefined;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "counterpoint-pglite-backup-"));
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("opens with its seminar", async () => {
    const data = path.join(dir, "data");
    server = await startServer({ COUNTERPOINT_DATA: data });
    const page = await (await globalThis.fetch(`${server.baseUrl}/seminar`)).text();
    const topic = page.match(/name="topic"[^>]*value="([^"]+)"/)![1]!;
    const started = await globalThis.fetch(`${server.baseUrl}/seminar`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.baseUrl },
      body: new URLSearchParams({ topic, open: "host" }).toString(),
    });
    expect(started.status).toBe(303);
    const code = started.headers.get("location")!.split("/")[2]!;
    const hostCookie = started.headers.getSetCookie()[0]!.split(";")[0]!;
    await server.stop();
    server = undefined;

    mkdirSync(path.join(dir, "backups"));
    const blocks = docBlocks();
    runShell(
      fill("pglite-backup", blocks.get("pglite-backup")!, [
        ["/srv/counterpoint/data", data, 1],
        ["/var/backups/counterpoint/", `${dir}/backups/`, 1],
      ]),
    );
    rmSync(data, { recursive: true });
    server = await startServer({ COUNTERPOINT_DATA: path.join(dir, "backups", "data") });
    const results = await globalThis.fetch(`${server.baseUrl}/s/${code}/results.json`, { headers: { Cookie: hostCookie } });
    expect(results.status).toBe(200);
    expect((await results.json()).seminar.code).toBe(code);
  }, 400_000);
});
