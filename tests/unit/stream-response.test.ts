/**
 * streamResponse (app/seminar/seminar-request.ts): a live stream's StreamReply
 * as a Fetch Response for the route that answers under Remix: what the stream
 * writes is the body, its end ends the body, and a reader's cancel or the
 * connection's close stops the stream, once.
 */
import { describe, expect, it } from "vitest";
import { streamResponse, type StreamSink } from "~/seminar/seminar-request";

/** A StreamReply that hands its sink to the test and counts its stops. */
function reply() {
  const opened: { sink?: StreamSink; stops: number } = { stops: 0 };
  return {
    opened,
    reply: {
      status: 200,
      headers: { "Content-Type": "text/event-stream; charset=utf-8" },
      open(sink: StreamSink) {
        opened.sink = sink;
        return () => {
          opened.stops += 1;
          sink.end();
        };
      },
    },
  };
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe("streamResponse", () => {
  it("sends what the stream writes, with its status and headers, and ends when it ends", async () => {
    const { opened, reply: stream } = reply();
    const response = streamResponse(stream);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    opened.sink!.write(bytes("retry: 1000\n\n"));
    opened.sink!.write(bytes("event: state\ndata: {}\n\n"));
    opened.sink!.end();
    expect(await response.text()).toBe("retry: 1000\n\nevent: state\ndata: {}\n\n");
  });

  it("stops the stream when its reader cancels, without closing the body twice", async () => {
    const { opened, reply: stream } = reply();
    const reader = streamResponse(stream).body!.getReader();
    opened.sink!.write(bytes("a"));
    expect((await reader.read()).value).toEqual(bytes("a"));
    await reader.cancel();
    expect(opened.stops).toBe(1);
  });

  it("stops the stream when the client's connection closes, or has closed already", async () => {
    const closing = new AbortController();
    const { opened, reply: stream } = reply();
    const response = streamResponse(stream, closing.signal);
    closing.abort();
    expect(opened.stops).toBe(1);
    expect(await response.text()).toBe("");

    const closed = new AbortController();
    closed.abort();
    const late = reply();
    streamResponse(late.reply, closed.signal);
    expect(late.opened.stops).toBe(1);
  });
});
