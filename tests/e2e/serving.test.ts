import { readFileSync } from "node:fs";
import { request } from "node:http";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { GZIP_THRESHOLD } from "~/lib/build-assets.server";
import { baseUrl, useBrowser } from "./browser";
import { content } from "./content";
import { pageTypes } from "./pages";

const openPage = useBrowser();
const pages = Object.entries(await pageTypes());
const debate = await content();
const [first, second] = debate.perspectives;
const comparePath = `/compare?topic=${debate.topics[0]!.id}&p=${first!.id}&p=${second!.id}`;

/** The response's bytes as sent, not decoded (fetch would gunzip them). */
function raw(path: string, headers: Record<string, string>): Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(`${baseUrl()}${path}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
    })
      .on("error", reject)
      .end();
  });
}

const withoutNonces = (html: string) => html.replace(/nonce="[^"]*"/g, 'nonce=""');

const get = (path: string, headers: Record<string, string> = {}, init: RequestInit = {}) =>
  fetch(`${baseUrl()}${path}`, { headers, redirect: "manual", ...init });

function expectSecurityHeaders(response: Response, kind: "document" | "resource") {
  const csp = response.headers.get("content-security-policy") ?? "";
  for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(csp).toContain(directive);
  if (kind === "document") {
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("form-action 'self'");
  } else {
    expect(csp).toContain("default-src 'none'");
  }
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  expect(response.headers.get("permissions-policy")).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
}

describe("validators and caching", () => {
  const cases = [
    ["an HTML page", comparePath],
    ["the JSON API", "/api/perspectives.json"],
    ["the Argdown export", "/api/debate.argdown"],
    ["the AIF export", "/api/debate.aif.json"],
  ] as const;

  it.each(cases)("%s answers 304 to exact, weak, list and * If-None-Match, 200 to others", async (_name, path) => {
    const first = await get(path);
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[^"]+"$/);
    const cacheControl = first.headers.get("cache-control")!;
    expect(cacheControl).toMatch(/max-age=\d+/);
    expect(cacheControl).toContain("must-revalidate");
    expect(cacheControl).toMatch(/s-maxage=\d+/);
    expect(cacheControl).toMatch(/stale-while-revalidate=\d+/);
    for (const ifNoneMatch of [etag, `W/${etag}`, `"nope", ${etag}, "other"`, "*"]) {
      const again = await get(path, { "If-None-Match": ifNoneMatch });
      expect(again.status, ifNoneMatch).toBe(304);
      expect(again.headers.get("etag")).toBe(etag);
      expect(await again.text()).toBe("");
    }
    expect((await get(path, { "If-None-Match": `"nope", W/"other"` })).status).toBe(200);
  });

  it("gives a page the same ETag on every request, and another page another", async () => {
    const one = await get(comparePath);
    const again = await get(comparePath);
    expect(again.headers.get("etag")).toBe(one.headers.get("etag"));
    const elsewhere = await get(`/compare?topic=${debate.topics[1]!.id}&p=${first!.id}&p=${second!.id}`);
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.headers.get("etag")).not.toBe(one.headers.get("etag"));
  });

  it("gives every document its own nonce, though the page is served from the cache", async () => {
    const nonces = await Promise.all(
      [1, 2, 3].map(async () => {
        const response = await get("/");
        const body = await response.text();
        const header = /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy")!)![1]!;
        const inBody = [...body.matchAll(/<script[^>]* nonce="([^"]*)"/g)].map((match) => match[1]);
        expect(inBody.length).toBeGreaterThan(0);
        expect(new Set(inBody)).toEqual(new Set([header]));
        expect(body).not.toMatch(/<script(?![^>]* nonce=)[^>]*>/);
        return header;
      }),
    );
    expect(new Set(nonces).size).toBe(3);
  });
});

describe("cached pages, gzipped once", () => {
  it.each(pages)("%s: the gzipped body is a valid gzip stream of the page as it is, with this response's nonce", async (_name, path) => {
    const identity = await raw(path, {});
    const gzipped = await raw(path, { "Accept-Encoding": "gzip, deflate, br" });
    // Only pages that are cached come gzipped from the cache; the others are gzipped as they are sent.
    expect(gzipped.headers["content-encoding"]).toBe(identity.headers["etag"] ? "gzip" : "br");
    if (!identity.headers["etag"]) return;
    expect(identity.headers["content-encoding"]).toBeUndefined();
    expect(Number(gzipped.headers["content-length"])).toBe(gzipped.body.byteLength);
    expect(Number(identity.headers["content-length"])).toBe(identity.body.byteLength);
    for (const response of [identity, gzipped]) expect(response.headers["vary"]).toMatch(/accept-encoding/i);
    // gunzip checks the stream's CRC and length, so a wrong splice cannot pass.
    const html = gunzipSync(gzipped.body).toString("utf8");
    const nonce = /'nonce-([^']+)'/.exec(String(gzipped.headers["content-security-policy"]))![1]!;
    expect(new Set([...html.matchAll(/ nonce="([^"]*)"/g)].map((match) => match[1]))).toEqual(new Set([nonce]));
    expect(withoutNonces(html)).toBe(withoutNonces(identity.body.toString("utf8")));
  });

  it("gives each coding its own strong ETag, and a 304 to a browser holding either", async () => {
    const identity = await raw(comparePath, {});
    const gzipped = await raw(comparePath, { "Accept-Encoding": "gzip" });
    const identityTag = String(identity.headers["etag"]);
    const gzipTag = String(gzipped.headers["etag"]);
    expect(gzipTag).toMatch(/^"[^"]+"$/);
    expect(gzipTag).not.toBe(identityTag);
    for (const [tag, acceptEncoding] of [[gzipTag, "gzip"], [identityTag, "gzip"], [gzipTag, "identity"]] as const) {
      const again = await get(comparePath, { "If-None-Match": tag, "Accept-Encoding": acceptEncoding });
      expect(again.status, `${tag} with ${acceptEncoding}`).toBe(304);
      expect(again.headers.get("etag")).toBe(tag);
      expect(again.headers.get("vary")).toMatch(/accept-encoding/i);
    }
  });

  it("leaves an uncached page (a 404) to the compression middleware, gzipped as it is sent", async () => {
    const response = await raw("/claims/no-such-claim", { "Accept-Encoding": "gzip" });
    expect(response.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(response.body).toString("utf8")).toContain("No claim");
  });
});

describe("documents as rendered", () => {
  // React 18's stream writer pads a chunk with NUL bytes where a multi-byte character does not fit at its end.
  it.each(pages)("%s carries no NUL byte", async (_name, path) => {
    const { body } = await raw(path, {});
    expect(body.byteLength).toBeGreaterThan(1000);
    expect(body.indexOf(0)).toBe(-1);
  });
});

describe("headers on every response", () => {
  it("HTML pages", async () => {
    const response = await get("/");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
    expectSecurityHeaders(response, "document");
  });

  it("static files: the page's scripts, its style sheet and the icon", async () => {
    const page = await (await get("/")).text();
    const files = [...page.matchAll(/(?:src|href)="(\/(?:build\/[^"]+\.(?:js|css)|favicon\.svg))"/g)].map((match) => match[1]!);
    expect(files.some((file) => file.endsWith(".js"))).toBe(true);
    expect(files.some((file) => file.endsWith(".css"))).toBe(true);
    expect(files).toContain("/favicon.svg");
    for (const file of new Set(files)) {
      const response = await get(file);
      expect(response.status, file).toBe(200);
      expectSecurityHeaders(response, "resource");
    }
  });

  it("the build's scripts and style sheets: the file's own bytes, gzipped when asked, immutable, with a strong ETag per coding and a 304", async () => {
    const page = await (await get("/")).text();
    const files = [...new Set([...page.matchAll(/(?:src|href)="(\/build\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]!))];
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      const onDisk = readFileSync(path.join("public", decodeURIComponent(file)));
      const worthGzip = onDisk.byteLength >= GZIP_THRESHOLD;
      const gzipped = await raw(file, { "Accept-Encoding": "gzip, deflate, br" });
      const plain = await raw(file, {});
      expect(plain.headers["content-encoding"], file).toBeUndefined();
      expect(plain.body.equals(onDisk), file).toBe(true);
      expect(gzipped.headers["content-encoding"], file).toBe(worthGzip ? "gzip" : undefined);
      expect((worthGzip ? gunzipSync(gzipped.body) : gzipped.body).equals(onDisk), file).toBe(true);
      for (const answer of [gzipped, plain]) {
        expect(answer.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
        expect(answer.headers.vary).toBe("Accept-Encoding");
        expect(answer.headers["content-type"]).toMatch(file.endsWith(".js") ? /^application\/javascript; charset=utf-8$/ : /^text\/css; charset=utf-8$/);
        expect(answer.headers["x-content-type-options"]).toBe("nosniff");
      }
      if (worthGzip) expect(gzipped.headers.etag).not.toBe(plain.headers.etag);
      for (const [accept, tag] of [["gzip", gzipped.headers.etag], ["identity", plain.headers.etag]]) {
        const again = await get(file, { "Accept-Encoding": accept as string, "If-None-Match": tag as string });
        expect(again.status, `${file} ${accept}`).toBe(304);
        expect(again.headers.get("etag")).toBe(tag);
      }
    }
    expect(files.some((file) => readFileSync(path.join("public", decodeURIComponent(file))).byteLength >= GZIP_THRESHOLD)).toBe(true);
  });

  it.each(["/api/perspectives.json", "/api/debate.argdown", "/api/debate.aif.json"])("the API, which keeps CORS for GET: %s", async (path) => {
    const response = await get(path, { Origin: "https://example.org" });
    expectSecurityHeaders(response, "resource");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-methods")).toContain("GET");
  });

  it("an HTML 404", async () => {
    const response = await get("/claims/no-such-claim");
    expect(response.status).toBe(404);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expectSecurityHeaders(response, "document");
  });

  it("an API 404, in JSON", async () => {
    for (const path of ["/api/perspectives/nobody.json", "/api/no-such-thing"]) {
      const response = await get(path);
      expect(response.status).toBe(404);
      expectSecurityHeaders(response, "resource");
      const body = await response.json();
      expect(body.error).toMatch(/perspectives/);
    }
  });

  it("error responses (a method the page does not take)", async () => {
    const post = await get("/sources", {}, { method: "POST" });
    expect(post.status).toBe(405);
    expectSecurityHeaders(post, "document");
    expect(await post.text()).toContain("Something went wrong");
  });

  it("client-side navigation data", async () => {
    const response = await get("/sources.data");
    expect(response.status).toBe(200);
    expectSecurityHeaders(response, "resource");
  });

  it("redirects to the canonical address of an id in another case", async () => {
    const topic = debate.topics[0]!.id;
    const response = await get(`/topics/${topic.toUpperCase()}`);
    expect(response.status).toBe(301);
    expect(new URL(response.headers.get("location")!, baseUrl()).pathname).toBe(`/topics/${topic}`);
    expectSecurityHeaders(response, "resource");
  });
});

describe("answers that fit the request", () => {
  it("drops an unknown viewpoint from a comparison, and says so", async () => {
    const page = await openPage(`/compare?topic=${debate.topics[0]!.id}&p=${first!.id}&p=no-such-view`);
    expect(await page.getByRole("status").filter({ hasText: "no-such-view" }).count()).toBe(1);
    const columns = await page.locator("section.column h2").allTextContents();
    expect(columns.map((name) => name.trim())).toEqual([first!.name]);
  });
});

describe("Content-Security-Policy in Chromium", () => {
  it.each(pages)("%s raises no violation and hydrates", async (_name, path) => {
    const violations: string[] = [];
    const page = await openPage(path, {}, async (page) => {
      await page.exposeFunction("reportViolation", (text: string) => violations.push(text));
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (event) =>
          (window as unknown as { reportViolation: (text: string) => void }).reportViolation(`${event.violatedDirective} ${event.blockedURI}`),
        );
      });
      page.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
    });
    await page.locator("html.js").waitFor({ state: "attached" });
    // A client-side navigation: the document stays, the page changes.
    await page.evaluate(() => ((window as unknown as { marker: string }).marker = "same document"));
    const target = path.startsWith("/sources") ? "Glossary" : "Sources";
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: target }).click();
    await page.getByRole("heading", { level: 1, name: target }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe("same document");
    // A revalidated page (304) keeps the CSP its cached body was sent with.
    await page.goto(path);
    await page.reload();
    await page.locator("html.js").waitFor({ state: "attached" });
    expect(violations).toEqual([]);
  });
});
