import type { LoaderFunctionArgs } from "@remix-run/node";
import { jsonResponse } from "~/models/api.server";
import { getContent } from "~/models/content.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { json, etag } = getContent();
  return jsonResponse(request, json, etag);
}
