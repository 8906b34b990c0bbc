import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/models/content.server";

/** Any address no route claims: answered by the shared error page as a 404. */
export async function loader({ params }: LoaderFunctionArgs) {
  notFound("page at", `/${params["*"] ?? ""}`);
}

export default function NotFound() {
  return null;
}
