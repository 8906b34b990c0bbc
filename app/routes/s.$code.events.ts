import type { LoaderFunctionArgs } from "@remix-run/node";
import { refusingSeminarErrors, seminarContext } from "~/seminar/context.server";
import { liveStream } from "~/seminar/stream.server";

export const loader = async ({ request, params, context }: LoaderFunctionArgs) =>
  refusingSeminarErrors(request, async () => liveStream(await seminarContext(request, context), params.code ?? ""));
