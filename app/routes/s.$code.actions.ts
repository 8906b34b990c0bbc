import type { ActionFunctionArgs } from "@remix-run/node";
import { performAction } from "~/seminar/actions.server";
import { seminarContext } from "~/seminar/context.server";
import { replyResponse } from "~/seminar/seminar-request";

const act = async ({ request, params, context }: ActionFunctionArgs) => replyResponse(await performAction(await seminarContext(request, context), params.code ?? ""));

export const action = act;

/** A GET here is someone following a link: say how this address is used. */
export const loader = act;
