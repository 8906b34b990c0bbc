import { getContent } from "~/models/content.server";

/** Liveness for load balancers and the HTTP benchmark's baseline: the content is loaded. */
export async function loader() {
  getContent();
  return new Response("ok", { headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
