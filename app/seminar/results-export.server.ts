/**
 * The host's downloads: results.json (every question's tallies, paired
 * answers and what moved people) and results.csv, one tidy table with a row
 * per participant and question, ready for R or a spreadsheet. Both for the
 * host only, and for ended seminars too, until they are deleted.
 */
import type { SeminarContext } from "./context.server";
import { enterSeminar } from "./gate.server";
import { requireHost } from "./identity.server";
import { POLL_KINDS } from "./polls";
import type { RoomState } from "./service.server";

async function forHost({ service, limits, visitor }: SeminarContext, code: string): Promise<RoomState> {
  const state = await enterSeminar(service, limits, visitor, code, { ended: true });
  await requireHost(service, visitor.request, state.code);
  return state;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell (RFC 4180), defused for spreadsheets that would run a cell starting with = + - @ as a formula. */
function csvCell(value: string | number | boolean): string {
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const attachment = (code: string, extension: string) => `attachment; filename="seminar-${code}-results.${extension}"`;

export async function resultsCsv(context: SeminarContext, code: string): Promise<Response> {
  const state = await forHost(context, code);
  const rows = await context.service.answerRows(state.code);
  const lines: (string | number)[][] = [["participant", "question", ...POLL_KINDS]];
  for (const row of rows) lines.push([row.participant, row.topic, ...POLL_KINDS.map((poll) => row.answers[poll] ?? "")]);
  const csv = lines.map((line) => `${line.map(csvCell).join(",")}\r\n`).join("");
  return new Response(csv, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": attachment(state.code, "csv") } });
}

export async function resultsJson(context: SeminarContext, code: string): Promise<Response> {
  const state = await forHost(context, code);
  return new Response(JSON.stringify(await context.service.exportResults(state.code), null, 2), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": attachment(state.code, "json") },
  });
}
