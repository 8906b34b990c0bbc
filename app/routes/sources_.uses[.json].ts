import type { LoaderFunctionArgs } from "@remix-run/node";
import { sourceUsesHtml } from "~/components/source-uses.server";
import { apiAnswer, jsonResponse } from "~/models/api.server";
import { getContent } from "~/models/content.server";

/** The sources page's lists of uses, for a sources page reached by client-side navigation (see `KeptHtml`). */
export async function loader({ request }: LoaderFunctionArgs) {
  return apiAnswer(() => {
    const content = getContent();
    return jsonResponse(request, JSON.stringify(sourceUsesHtml(content)), `${content.etag.slice(0, -1)}-uses"`);
  });
}
