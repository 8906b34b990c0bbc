import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiAnswer, jsonError, jsonResponse, perspectiveJson } from "~/models/api.server";
import { getContent } from "~/models/content.server";

/** `/api/perspectives/:id.json`: one viewpoint. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  return apiAnswer(() => {
    const id = params.file?.replace(/\.json$/, "") ?? "";
    const found = params.file?.endsWith(".json") ? perspectiveJson(id) : undefined;
    if (found) return jsonResponse(request, found.body, found.etag);
    const known = [...getContent().perspectives.keys()].join(", ");
    return jsonError(404, `No viewpoint "${id}" at /api/perspectives/${params.file ?? ""}; expected /api/perspectives/:id.json with an id of: ${known}`);
  });
}
