import type { LoaderFunctionArgs } from "@remix-run/node";
import { jsonResponse, perspectiveJson } from "~/models/api.server";
import { notFound } from "~/models/content.server";

/** `/api/perspectives/:id.json`: one viewpoint. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const id = params.file?.replace(/\.json$/, "") ?? "";
  const found = params.file?.endsWith(".json") ? perspectiveJson(id) : undefined;
  if (!found) notFound("viewpoint", id);
  return jsonResponse(request, found.body, found.etag);
}
