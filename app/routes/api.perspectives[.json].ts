import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiAnswer, jsonResponse } from "~/models/api.server";
import { getContent } from "~/models/content.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return apiAnswer(() => {
    const { json, etag } = getContent();
    return jsonResponse(request, json, etag);
  });
}
