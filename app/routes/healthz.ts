import { CACHE_NONE, setSecurityHeaders } from "~/lib/headers.server";
import { getContent } from "~/models/content.server";

/** Liveness for load balancers and the HTTP benchmark's baseline: the content is loaded. */
export async function loader() {
  getContent();
  const headers = setSecurityHeaders(new Headers({ "Content-Type": "text/plain; charset=utf-8", "Cache-Control": CACHE_NONE }));
  return new Response("ok", { headers });
}
