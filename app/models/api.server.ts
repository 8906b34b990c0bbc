import { CACHE_CONTENT, isFresh, notModified } from "~/lib/headers.server";
import { refuse } from "~/lib/refuse.server";
import { getContent } from "./content.server";
import { DEBATE_FORMATS, debateIn, type DebateFormatId } from "./exports/index.server";

/** Any site may read the open data, with GET only. */
const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD",
  "Access-Control-Expose-Headers": "ETag",
};

const JSON_TYPE = "application/json; charset=utf-8";

/**
 * Open data with validators: the model changes only when the server
 * restarts, so one ETag per payload lets clients revalidate cheaply.
 */
function dataResponse(request: Request, body: string, etag: string, contentType: string, extra: Record<string, string> = {}) {
  if (isFresh(request, etag)) return notModified(etag, CACHE_CONTENT, CORS);
  return new Response(body, { headers: { "Content-Type": contentType, ...CORS, "Cache-Control": CACHE_CONTENT, ETag: etag, ...extra } });
}

export function jsonResponse(request: Request, body: string, etag: string) {
  return dataResponse(request, body, etag, JSON_TYPE);
}

/** The whole debate in one of the argument formats, served as the JSON is. */
export function debateResponse(request: Request, format: DebateFormatId) {
  const { body, etag } = debateIn(getContent(), format);
  const { contentType, filename } = DEBATE_FORMATS[format];
  return dataResponse(request, body, etag, contentType, { "Content-Disposition": `inline; filename="${filename}"` });
}

/** An API error, always JSON whatever the client accepts, saying what is wrong and where to look instead. */
export function jsonError(status: number, error: string) {
  return refuse(status, error, { request: { headers: new Headers({ Accept: "application/json" }) }, headers: CORS });
}

/**
 * Runs an API loader so that whatever goes wrong still answers in JSON, with
 * the API's headers: a thrown 404 keeps its message, anything else is a 500.
 */
export async function apiAnswer(handler: () => Response | Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (thrown) {
    if (thrown instanceof Response) return jsonError(thrown.status, (await thrown.text()) || thrown.statusText);
    console.error(thrown);
    return jsonError(500, "The server could not answer; try again later.");
  }
}

export function perspectiveJson(id: string) {
  const { debate, perspectives, etag } = getContent();
  const perspective = perspectives.get(id);
  if (!perspective) return undefined;
  const body = JSON.stringify({ version: debate.version, perspective });
  return { body, etag: `${etag.slice(0, -1)}-${id}"` };
}
