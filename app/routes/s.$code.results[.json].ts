import type { LoaderFunctionArgs } from "@remix-run/node";
import { refusingSeminarErrors, seminarContext } from "~/seminar/context.server";
import { resultsJson } from "~/seminar/results-export.server";

export const loader = async ({ request, params, context }: LoaderFunctionArgs) =>
  refusingSeminarErrors(request, async () => resultsJson(await seminarContext(request, context), params.code ?? ""));
