/**
 * What the server decides before the app sees a request
 * (app/cli/http-edge.mjs): the proxy it trusts, the public address, the
 * origin a request asked for, and what of an address a log may keep.
 */
import type { IncomingMessage } from "node:http";
import proxyaddr from "proxy-addr";
import { describe, expect, it } from "vitest";
import { crossSiteWrite, publicUrlFromEnv, redactedUrl, requestOrigin, trustProxyFromEnv } from "../../app/cli/http-edge.mjs";

describe("TRUST_PROXY", () => {
  it("is off unless set", () => {
    for (const off of [undefined, "", "  ", "false", "FALSE", "off", "no", "0"]) expect(trustProxyFromEnv(off), String(off)).toBe(false);
  });

  it("takes true, a hop count, or a list of addresses, ranges and names", () => {
    expect(trustProxyFromEnv("true")).toBe(true);
    expect(trustProxyFromEnv(" True ")).toBe(true);
    expect(trustProxyFromEnv("1")).toBe(1);
    expect(trustProxyFromEnv("2")).toBe(2);
    expect(trustProxyFromEnv("loopback")).toBe("loopback");
    expect(trustProxyFromEnv("loopback, 10.0.0.0/8, 192.168.1.5, fd00::/8")).toBe("loopback, 10.0.0.0/8, 192.168.1.5, fd00::/8");
    expect(trustProxyFromEnv("uniquelocal,linklocal")).toBe("uniquelocal,linklocal");
  });

  it("refuses anything else with a message that says what it takes", () => {
    for (const wrong of ["nginx", "10.0.0.0/99", "300.1.1.1", "yes please", "-1", "1.5"]) {
      expect(() => trustProxyFromEnv(wrong), wrong).toThrow(/^TRUST_PROXY must be true, a number of hops, or addresses and CIDR ranges/);
      expect(() => trustProxyFromEnv(wrong)).toThrow(`not "${wrong}"`);
    }
  });
});

describe("COUNTERPOINT_PUBLIC_URL", () => {
  it("is an origin, or nothing", () => {
    expect(publicUrlFromEnv(undefined)).toBeUndefined();
    expect(publicUrlFromEnv("  ")).toBeUndefined();
    expect(publicUrlFromEnv("https://seminar.example.edu")).toBe("https://seminar.example.edu");
    expect(publicUrlFromEnv("https://Seminar.Example.edu/")).toBe("https://seminar.example.edu");
    expect(publicUrlFromEnv("http://10.0.0.5:3000")).toBe("http://10.0.0.5:3000");
    expect(publicUrlFromEnv("https://seminar.example.edu:443")).toBe("https://seminar.example.edu");
  });

  it("refuses what is not an http(s) origin, saying why", () => {
    expect(() => publicUrlFromEnv("seminar.example.edu")).toThrow(/must be an address such as https:\/\/seminar.example.edu/);
    expect(() => publicUrlFromEnv("ftp://seminar.example.edu")).toThrow(/must start with https:\/\/ or http:\/\//);
    for (const extra of ["https://example.edu/seminar", "https://example.edu/?x=1", "https://example.edu/#top", "https://user@example.edu"]) {
      expect(() => publicUrlFromEnv(extra), extra).toThrow(/must be an origin only/);
    }
  });
});

/** A request as Node's server hands it over: only what requestOrigin reads. */
function request(headers: Record<string, string | string[]>, { from = "127.0.0.1", encrypted = false } = {}): IncomingMessage {
  return { headers, socket: { remoteAddress: from, ...(encrypted ? { encrypted: true } : {}) } } as unknown as IncomingMessage;
}
const trustNone = proxyaddr.compile([]);
const trustLoopback = proxyaddr.compile("loopback");

describe("requestOrigin", () => {
  it("is the request's own scheme and Host without a trusted proxy, whatever X-Forwarded-* say", () => {
    const forwarded = { host: "localhost:3000", "x-forwarded-proto": "https", "x-forwarded-host": "example.edu" };
    expect(requestOrigin(request(forwarded), trustNone)).toBe("http://localhost:3000");
    // A proxy is trusted by its address: the same headers from elsewhere count for nothing.
    expect(requestOrigin(request(forwarded, { from: "203.0.113.5" }), trustLoopback)).toBe("http://localhost:3000");
    expect(requestOrigin(request({ host: "example.org" }, { encrypted: true }), trustNone)).toBe("https://example.org");
  });

  it("follows X-Forwarded-Proto and -Host from a trusted proxy, first value first", () => {
    expect(requestOrigin(request({ host: "127.0.0.1:3000", "x-forwarded-proto": "https", "x-forwarded-host": "example.edu" }), trustLoopback)).toBe("https://example.edu");
    expect(requestOrigin(request({ host: "127.0.0.1:3000", "x-forwarded-proto": "HTTPS, http", "x-forwarded-host": "Example.EDU:8443, inner" }, { from: "::1" }), trustLoopback)).toBe(
      "https://example.edu:8443",
    );
    // What a proxy leaves out is the request's own.
    expect(requestOrigin(request({ host: "127.0.0.1:3000", "x-forwarded-proto": "https" }), trustLoopback)).toBe("https://127.0.0.1:3000");
    expect(requestOrigin(request({ host: "127.0.0.1:3000", "x-forwarded-host": "example.edu" }), trustLoopback)).toBe("http://example.edu");
    // A scheme that is neither is ignored.
    expect(requestOrigin(request({ host: "example.edu", "x-forwarded-proto": "javascript" }), trustLoopback)).toBe("http://example.edu");
  });

  it("takes host names, addresses and bracketed IPv6 addresses with ports", () => {
    for (const host of ["example.org", "example.org:8080", "a-b.example.org.", "127.0.0.1:3000", "[::1]:3000", "[2001:db8::1]", "localhost"]) {
      expect(requestOrigin(request({ host }), trustNone)).toBe(`http://${host.toLowerCase()}`);
    }
  });

  it("answers a missing or malformed Host with a plain 400, from a trusted proxy too", () => {
    const refused = (headers: Record<string, string>, trusted = trustNone) => {
      try {
        requestOrigin(request(headers), trusted);
      } catch (error) {
        return error as Error & { status?: number; expose?: boolean };
      }
      throw new Error(`accepted ${JSON.stringify(headers)}`);
    };
    expect(refused({})).toMatchObject({ status: 400, expose: true, message: expect.stringContaining("no Host header") });
    for (const host of ["bad host", "[zz", "a:99999", "exa_mple.org", "example.org:", "example.org:80:80", "-example.org", "ex/ample", "exa\u00e9mple.org", "@evil", "a".repeat(64) + ".org"]) {
      expect(refused({ host }), host).toMatchObject({ status: 400, expose: true, message: expect.stringContaining("is not a host name") });
    }
    expect(refused({ host: "127.0.0.1", "x-forwarded-host": "bad host" }, trustLoopback)).toMatchObject({ status: 400 });
  });
});

describe("crossSiteWrite", () => {
  const write = (method: string, origin?: string) => ({ method, headers: origin === undefined ? {} : { origin } }) as unknown as IncomingMessage;

  it("is a write whose Origin names another host than the one it was sent to", () => {
    expect(crossSiteWrite(write("POST", "https://elsewhere.example"), "https://example.edu")).toBe(true);
    expect(crossSiteWrite(write("DELETE", "http://example.edu:8080"), "http://example.edu")).toBe(true);
    // An Origin that is no address, or "null" (a sandboxed page, a redirect): not this site.
    expect(crossSiteWrite(write("POST", "null"), "https://example.edu")).toBe(true);
    expect(crossSiteWrite(write("PUT", "not an origin"), "https://example.edu")).toBe(true);
  });

  it("leaves reads, writes without an Origin and the scheme to the app", () => {
    expect(crossSiteWrite(write("POST", "https://example.edu"), "https://example.edu")).toBe(false);
    expect(crossSiteWrite(write("PATCH", "https://EXAMPLE.edu"), "https://example.edu")).toBe(false);
    expect(crossSiteWrite(write("POST"), "https://example.edu")).toBe(false);
    expect(crossSiteWrite(write("GET", "https://elsewhere.example"), "https://example.edu")).toBe(false);
    expect(crossSiteWrite(write("HEAD", "https://elsewhere.example"), "https://example.edu")).toBe(false);
    // Same host, other scheme: the app's own check (sameOrigin) refuses it with its own message.
    expect(crossSiteWrite(write("POST", "http://example.edu"), "https://example.edu")).toBe(false);
  });
});

describe("redactedUrl", () => {
  it("writes no secret from a query string to the log", () => {
    expect(redactedUrl("/s/K7MQ2P/host?key=SECRET-123")).toBe("/s/K7MQ2P/host?key=[redacted]");
    expect(redactedUrl("/x?a=1&Token=abc&b=2&password=hunter2#key=y")).toBe("/x?a=1&Token=[redacted]&b=2&password=[redacted]#key=y");
    expect(redactedUrl("/x?secret=1&secret=2")).toBe("/x?secret=[redacted]&secret=[redacted]");
    // Names that merely end in one of them are not secrets; paths are kept.
    expect(redactedUrl("/key=1?monkey=2&keys=3")).toBe("/key=1?monkey=2&keys=3");
    expect(redactedUrl("/s/K7MQ2P")).toBe("/s/K7MQ2P");
  });
});
