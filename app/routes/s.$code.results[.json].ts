import type { LoaderFunctionArgs } from "@remix-run/node";
import { resultsJson } from "~/seminar/http.server";

export const loader = ({ request, params }: LoaderFunctionArgs) => resultsJson(request, params.code ?? "");
