/**
 * The seminar's two busiest addresses: each phone's live stream
 * (GET /s/CODE/events) and its votes (POST /s/CODE/actions). The server in
 * front of Remix (app/cli/serve.mjs) answers them through `seminarEndpoint`
 * before Express's middleware and Remix's route matching, which cost more
 * than the vote itself: a room voting at once is thousands of these in a
 * few seconds. For the same reason the server hands them a SeminarRequest,
 * not a Fetch Request, and a vote answers with a Reply, not a Response
 * (decision 015). The routes (s.$code.actions.ts, s.$code.events.ts) answer
 * the same requests the same way under `remix dev` and for the other
 * methods.
 */
import type { AppLoadContext } from "@remix-run/node";
import { performAction } from "./actions.server";
import { refusingSeminarErrors, seminarContext } from "./context.server";
import type { Reply, SeminarRequest, StreamReply } from "./seminar-request";
import { liveStream } from "./stream.server";

/** A vote's answer is a Reply, written at once; the live stream's a StreamReply, which goes on; a refusal may be a Response. */
type Endpoint = (request: SeminarRequest, context: Partial<AppLoadContext>) => Promise<Reply | StreamReply | Response>;

const PATH = /^\/s\/([^/]+)(?:\/(actions|events))?$/;

/**
 * The seminar an address names and which of its addresses it is: the phone
 * page, its actions or its live stream. Undefined for any other address, and
 * for a code with bad %-encoding (Remix's answer).
 */
export function seminarAddress(pathname: string): { code: string; part: "page" | "actions" | "events" } | undefined {
  const match = PATH.exec(pathname);
  if (!match) return undefined;
  try {
    return { code: decodeURIComponent(match[1]!), part: (match[2] as "actions" | "events" | undefined) ?? "page" };
  } catch {
    return undefined;
  }
}

/** The handler of a request for a seminar's stream or actions, or undefined for any other request. */
export function seminarEndpoint(method: string, pathname: string): Endpoint | undefined {
  const address = seminarAddress(pathname);
  if (!address) return undefined;
  const { code, part } = address;
  if (part === "actions" && method === "POST") {
    return async (request, context) => performAction(await seminarContext(request, context), code);
  }
  if (part === "events" && method === "GET") {
    return async (request, context) => {
      try {
        return await refusingSeminarErrors(request, async () => liveStream(await seminarContext(request, context), code));
      } catch (error) {
        // A refusal is thrown as a Response, as loaders do.
        if (error instanceof Response) return error;
        throw error;
      }
    };
  }
  return undefined;
}
