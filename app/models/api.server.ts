import { getContent } from "./content.server";

/**
 * JSON with validators: the model changes only when the server restarts, so
 * one ETag per payload lets clients revalidate cheaply.
 */
export function jsonResponse(request: Request, body: string, etag: string) {
  const headers = {
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": "public, max-age=300, must-revalidate",
    ETag: etag,
    "Access-Control-Allow-Origin": "*",
  };
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  return new Response(body, { headers });
}

export function perspectiveJson(id: string) {
  const { debate, perspectives, etag } = getContent();
  const perspective = perspectives.get(id);
  if (!perspective) return undefined;
  const body = JSON.stringify({ version: debate.version, perspective });
  return { body, etag: `${etag.slice(0, -1)}-${id}"` };
}
