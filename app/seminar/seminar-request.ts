/**
 * What the seminar reads of a request. A Fetch Request is one; the server in
 * front of Remix (app/cli/serve.mjs) makes a lighter one for the live stream
 * and the votes, because building a Fetch Request (its Headers, signal and
 * body stream) was a ninth of a server's time while a room voted at once
 * (decision 015).
 */
export interface SeminarRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Pick<Headers, "get">;
  text(): Promise<string>;
}

/** An answer whose body is all there: the server writes it in one call, with no stream between. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

/** A Reply as a Fetch Response, for the routes that answer the same requests under `remix dev`. */
export const replyResponse = ({ status, headers, body }: Reply) => new Response(body, { status, headers });
