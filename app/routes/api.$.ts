import type { LoaderFunctionArgs } from "@remix-run/node";
import { jsonError } from "~/models/api.server";
import { DEBATE_FORMATS } from "~/models/exports/index.server";

const FORMATS = Object.values(DEBATE_FORMATS)
  .map((format) => `${format.name} at ${format.path}`)
  .join(", ");

/** An API address that does not exist answers in JSON, like the rest of the API. */
export async function loader({ params }: LoaderFunctionArgs) {
  return jsonError(
    404,
    `No API at /api/${params["*"] ?? ""}; the model is at /api/perspectives.json, one viewpoint at /api/perspectives/:id.json, the whole debate in ${FORMATS}`,
  );
}
