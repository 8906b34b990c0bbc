import type { ActionFunctionArgs } from "@remix-run/node";
import { performAction } from "~/seminar/http.server";

export const action = ({ request, params }: ActionFunctionArgs) => performAction(request, params.code ?? "");

/** A GET here is someone following a link: say how this address is used. */
export const loader = ({ request, params }: ActionFunctionArgs) => performAction(request, params.code ?? "");
