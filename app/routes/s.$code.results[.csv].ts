import type { LoaderFunctionArgs } from "@remix-run/node";
import { resultsCsv } from "~/seminar/http.server";

export const loader = ({ request, params }: LoaderFunctionArgs) => resultsCsv(request, params.code ?? "");
