/**
 * results.csv's shape (app/seminar/results-export.server.ts): one tidy table,
 * a row per participant and question, every cell safe to open in a
 * spreadsheet. The rows come from a stand-in service here; the store tests
 * check the real rows, and the server tests the download.
 */
import { describe, expect, it } from "vitest";
import type { SeminarContext } from "~/seminar/context.server";
import { createLimits } from "~/seminar/limits.server";
import { resultsCsv } from "~/seminar/results-export.server";
import type { AnswerRow, SeminarState, Seminars } from "~/seminar/service.server";

const CODE = "K7MQ2P";
const state = { code: CODE, topic: "raids", step: 1, total: 5, ended: true } as SeminarState;

function contextFor(rows: AnswerRow[], cookie = `cp_host_${CODE}=the-secret`): SeminarContext {
  const service = {
    getRoomState: async (code: string) => (code === CODE ? state : null),
    isHostSecret: async (code: string, secret: string) => code === CODE && secret === "the-secret",
    isParticipant: async () => false,
    answerRows: async () => rows,
  } as unknown as Seminars;
  const request = new Request(`http://localhost/s/${CODE}/results.csv`, { headers: { Cookie: cookie } });
  return { service, limits: createLimits(undefined), live: undefined as never, visitor: { request, address: "127.0.0.1" } };
}

describe("results.csv", () => {
  it("is one table: a header, then a row per participant and question with every poll's answer", async () => {
    const response = await resultsCsv(
      contextFor([
        { participant: "P1", topic: "raids", answers: { before: "no", after: "yes", strongest: "rights", moved: "raids-harm" } },
        { participant: "P1", topic: "border-controls", answers: { before: "mixed" } },
        { participant: "P2", topic: "raids", answers: { after: "unsure" } },
      ]),
      CODE,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="seminar-${CODE}-results.csv"`);
    const text = await response.text();
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.split("\r\n")).toEqual([
      "participant,question,before,after,strongest,moved",
      "P1,raids,no,yes,rights,raids-harm",
      "P1,border-controls,mixed,,,",
      "P2,raids,,unsure,,",
      "",
    ]);
  });

  it("is a header alone when no one answered", async () => {
    expect(await (await resultsCsv(contextFor([]), CODE)).text()).toBe("participant,question,before,after,strongest,moved\r\n");
  });

  it("defuses cells a spreadsheet would run as formulas, and quotes commas, quotes and line breaks", async () => {
    const response = await resultsCsv(
      contextFor([{ participant: "P1", topic: "=HYPERLINK(\"http://x\")", answers: { before: "+1", after: "-2", strongest: "@SUM(A1)", moved: "a, \"b\"\nc" } }]),
      CODE,
    );
    const [, row] = (await response.text()).split("\r\n");
    expect(row).toBe(`P1,"'=HYPERLINK(""http://x"")",'+1,'-2,'@SUM(A1),"a, ""b""\nc"`);
  });

  it("is for the host only", async () => {
    await expect(resultsCsv(contextFor([], `cp_host_${CODE}=wrong`), CODE)).rejects.toSatisfy((thrown) => thrown instanceof Response && thrown.status === 403);
    await expect(resultsCsv(contextFor([], ""), CODE)).rejects.toSatisfy((thrown) => thrown instanceof Response && thrown.status === 403);
  });
});
