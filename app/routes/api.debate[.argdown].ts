import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiAnswer, debateResponse } from "~/models/api.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return apiAnswer(() => debateResponse(request, "argdown"));
}
