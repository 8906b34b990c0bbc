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

/** Where a live stream writes: the server's own response, or a Response's body under Remix. */
export interface StreamSink {
  write(chunk: Uint8Array): void;
  end(): void;
}

/**
 * An answer that goes on: its head, then what `open` writes to the sink
 * until the stream ends it or the stop `open` returns is called (the client
 * left). The server writes it to Node's response with no web stream between,
 * a measured share of what a phone's stream cost (decision 015).
 */
export interface StreamReply {
  status: number;
  headers: Record<string, string>;
  open(sink: StreamSink): () => void;
}

/** A StreamReply as a Fetch Response, for the route that answers under Remix; it stops when the client's connection closes. */
export function streamResponse({ status, headers, open }: StreamReply, connectionClosed?: AbortSignal): Response {
  let stop = () => {};
  // Closed by the stream's end or by its reader's cancel, whichever comes first.
  let closed = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      stop = open({
        write: (chunk) => controller.enqueue(chunk),
        end: () => {
          if (closed) return;
          closed = true;
          controller.close();
        },
      });
      connectionClosed?.addEventListener("abort", stop, { once: true });
      if (connectionClosed?.aborted) stop();
    },
    cancel: () => {
      closed = true;
      stop();
    },
  });
  return new Response(body, { status, headers });
}
