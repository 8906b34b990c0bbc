import type { LoaderFunctionArgs } from "@remix-run/node";
import { refusingSeminarErrors, seminarContext } from "~/seminar/context.server";
import { streamResponse } from "~/seminar/seminar-request";
import { liveStream } from "~/seminar/stream.server";

export const loader = async ({ request, params, context }: LoaderFunctionArgs) =>
  refusingSeminarErrors(request, async () => {
    const answer = await liveStream(await seminarContext(request, context), params.code ?? "");
    return answer instanceof Response ? answer : streamResponse(answer, context.connectionClosed);
  });
