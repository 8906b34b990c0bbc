import type { LoaderFunctionArgs } from "@remix-run/node";
import { stateStream } from "~/seminar/http.server";

export const loader = ({ request, params, context }: LoaderFunctionArgs) => stateStream(request, params.code ?? "", context.connectionClosed);
