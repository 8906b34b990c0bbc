import type { LoaderFunctionArgs } from "@remix-run/node";
import { jsonError } from "~/models/api.server";

/** An API address that does not exist answers in JSON, like the rest of the API. */
export async function loader({ params }: LoaderFunctionArgs) {
  return jsonError(404, `No API at /api/${params["*"] ?? ""}; the model is at /api/perspectives.json, one viewpoint at /api/perspectives/:id.json`);
}
