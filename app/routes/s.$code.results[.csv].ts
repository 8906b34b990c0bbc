import type { LoaderFunctionArgs } from "@remix-run/node";
import { refusingSeminarErrors, seminarContext } from "~/seminar/context.server";
import { resultsCsv } from "~/seminar/results-export.server";

export const loader = async ({ request, params, context }: LoaderFunctionArgs) =>
  refusingSeminarErrors(request, async () => resultsCsv(await seminarContext(request, context), params.code ?? ""));
