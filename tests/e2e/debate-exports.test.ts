import { describe, expect, it } from "vitest";
import type { AifDocument } from "~/models/exports/aif.server";
import { aifViolations, parseArgdown, rebuttalLinks } from "../argument-formats";
import { baseUrl, useBrowser } from "./browser";
import { content } from "./content";

const openPage = useBrowser();
const debate = await content();
const links = rebuttalLinks(debate);

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${baseUrl()}${path}`, { headers });

describe("the debate in argument formats, from the production server", () => {
  it("serves Argdown that Argdown's parser reads without an error, with an attack for every rebuttal link", async () => {
    const response = await get("/api/debate.argdown");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const parsed = parseArgdown(await response.text());
    expect(parsed.errors).toEqual([]);
    const attacks = (parsed.relations ?? []).filter((relation) => relation.relationType === "attack");
    expect(links.length).toBeGreaterThan(0);
    expect(attacks.length).toBeGreaterThanOrEqual(links.length);
    for (const { claim, from } of links) {
      expect(attacks.some((attack) => attack.from?.title === from.title && attack.to?.title === claim.title), `${from.id} attacks ${claim.id}`).toBe(true);
    }
    const claimCount = debate.perspectives.reduce((sum, perspective) => sum + perspective.claims.length, 0);
    expect(Object.values(parsed.statements ?? {}).filter((statement) => statement.data?.id).length).toBe(claimCount);
  });

  it("serves AIF in AIFdb's JSON that keeps the rules of AIF, with a CA-node for every rebuttal link", async () => {
    const response = await get("/api/debate.aif.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const document = (await response.json()) as AifDocument;
    expect(Object.keys(document)).toEqual(["nodes", "edges", "locutions", "participants"]);
    expect(aifViolations(document)).toEqual([]);
    const counter = debate.perspectives.flatMap((perspective) => perspective.claims).reduce((sum, claim) => sum + claim.counterEvidence.length, 0);
    expect(document.nodes.filter((node) => node.type === "CA")).toHaveLength(counter + links.length);
    expect(document.locutions.length).toBeGreaterThan(0);
  });

  it.each(["/api/debate.argdown", "/api/debate.aif.json"])("%s is cached and validated as the JSON API is, and any site may read it", async (path) => {
    const first = await get(path, { Origin: "https://example.org" });
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(first.headers.get("cache-control")).toBe((await get("/api/perspectives.json")).headers.get("cache-control"));
    expect(first.headers.get("access-control-allow-origin")).toBe("*");
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("content-security-policy")).toContain("default-src 'none'");
    const again = await get(path, { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("is not taken for an unknown API address, whose 404 names both", async () => {
    const response = await get("/api/debate.nope");
    expect(response.status).toBe(404);
    const { error } = await response.json();
    expect(error).toContain("/api/debate.argdown");
    expect(error).toContain("/api/debate.aif.json");
  });

  it("is linked from the About page", async () => {
    const page = await openPage("/about");
    const section = page.getByRole("region", { name: "The data, for other tools" });
    for (const [name, path] of [["debate.argdown", "/api/debate.argdown"], ["debate.aif.json", "/api/debate.aif.json"], ["perspectives.json", "/api/perspectives.json"]] as const) {
      const link = section.getByRole("link", { name, exact: true });
      expect(await link.getAttribute("href"), name).toBe(path);
      expect((await page.request.get(path)).status(), path).toBe(200);
    }
  });
});
