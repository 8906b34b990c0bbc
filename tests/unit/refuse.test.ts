/**
 * The one way the app refuses (app/lib/refuse.server.ts): JSON for a client
 * that prefers it, plain text otherwise, with Retry-After for a limit.
 */
import { describe, expect, it } from "vitest";
import { invariantResponse, refusal, refuse, wantsJson } from "~/lib/refuse.server";

const asking = (accept?: string) => ({ headers: new Headers(accept === undefined ? {} : { Accept: accept }) });

describe("refuse", () => {
  it("answers JSON to a client that ranks JSON first", async () => {
    for (const accept of ["application/json", "application/json, text/plain;q=0.5", "text/html;q=0.1, application/json"]) {
      const response = refuse(409, "The poll is closed.", { request: asking(accept) });
      expect(response.status, accept).toBe(409);
      expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
      expect(await response.json()).toEqual({ error: "The poll is closed." });
    }
  });

  it("answers plain text to browsers, to */* and to a client that names nothing", async () => {
    for (const accept of [undefined, "", "*/*", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/plain", "application/json;q=0.1, text/html"]) {
      const response = refuse(404, "No seminar has the code \"ZZZZZZ\".", { request: asking(accept) });
      expect(response.headers.get("Content-Type"), String(accept)).toBe("text/plain; charset=utf-8");
      expect(await response.text()).toBe('No seminar has the code "ZZZZZZ".');
    }
    expect(refuse(400, "x").headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
  });

  it("is kept by no cache, says when to try again, and carries extra headers", async () => {
    const limited = refuse(429, "Wait 30 seconds.", { request: asking("application/json"), retryAfter: 30, headers: { Allow: "POST" } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBe("30");
    expect(limited.headers.get("Cache-Control")).toBe("no-store");
    expect(limited.headers.get("Allow")).toBe("POST");
    expect(refuse(400, "no wait").headers.has("Retry-After")).toBe(false);
  });

  it("gives the server the same parts for the answers it makes itself", () => {
    expect(refusal(413, "Too large.", { accept: "application/json" })).toMatchObject({ status: 413, body: '{"error":"Too large."}' });
    const text = refusal(400, "Bad host.", { accept: "text/html" });
    expect(text.body).toBe("Bad host.");
    expect(text.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(refusal(429, "Wait.", { retryAfter: 5 }).headers.get("Retry-After")).toBe("5");
    expect(wantsJson(null)).toBe(false);
    // Only JSON of the three is an application type.
    expect(wantsJson("application/*")).toBe(true);
  });
});

describe("invariantResponse", () => {
  it("passes when the condition holds, and otherwise throws the refusal, 400 unless told", async () => {
    expect(() => invariantResponse(1, "unused")).not.toThrow();
    let built = 0;
    invariantResponse(true, () => `built ${++built}`);
    expect(built).toBe(0);
    try {
      invariantResponse(false, () => `built ${++built}`, { request: asking("application/json") });
      throw new Error("not thrown");
    } catch (thrown) {
      expect(thrown).toBeInstanceOf(Response);
      expect((thrown as Response).status).toBe(400);
      expect(await (thrown as Response).json()).toEqual({ error: "built 1" });
    }
    try {
      invariantResponse(null, "Gone.", { status: 410 });
      throw new Error("not thrown");
    } catch (thrown) {
      expect((thrown as Response).status).toBe(410);
      expect(await (thrown as Response).text()).toBe("Gone.");
    }
  });
});
