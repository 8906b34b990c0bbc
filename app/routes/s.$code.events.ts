import type { LoaderFunctionArgs } from "@remix-run/node";
import { stateStream } from "~/seminar/http.server";

export const loader = ({ request, params }: LoaderFunctionArgs) => stateStream(request, params.code ?? "");
