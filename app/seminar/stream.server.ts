/**
 * GET /s/:code/events: a seminar's live view as Server-Sent Events. Phones get
 * the room's view (`?as=room`, the default), the projector `?as=screen` and
 * the console `?as=host`, both for the host only. The view now is sent first
 * (unless Last-Event-ID says the client has it), then each new one. The
 * stream stays open after the seminar ends, while the host may still reopen
 * it; the client closes it after that.
 */
import { refuse } from "~/lib/refuse.server";
import type { SeminarContext } from "./context.server";
import { enterSeminar } from "./gate.server";
import { participantIdOf, requireHost } from "./identity.server";
import type { LiveEvent } from "./live.server";
import type { StreamReply } from "./seminar-request";
import { atShutdown } from "./seminars.server";
import type { Audience } from "./views.server";

const PING_MS = 15_000;
const encoder = new TextEncoder();
/**
 * An event, not a comment, so that the page sees it: a connection that went
 * silent (a Wi-Fi that dropped without closing it) shows as pings missed.
 */
const PING = encoder.encode("event: ping\ndata:\n\n");
/** A reconnecting browser waits this long first (EventSource's retry). */
const RETRY = encoder.encode("retry: 1000\n\n");

/**
 * Streams open per client address: enough for a lecture hall behind one
 * campus address, not for one script to take every connection the server has.
 */
const STREAMS_PER_ADDRESS = Number(process.env.SEMINAR_STREAMS_PER_ADDRESS) || 5_000;
const openStreams = new Map<string, number>();

const AUDIENCES = new Set<Audience>(["room", "screen", "host"]);

/** A live stream's head: an event stream, passed on as it is written. */
const STREAM_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  // no-transform: compression would otherwise hold events back to fill its buffer.
  "Cache-Control": "no-cache, no-transform",
  // nginx would otherwise buffer the stream (docs/deploy.md).
  "X-Accel-Buffering": "no",
  // A stream is never reused for another request; closing it with its stream lets a stopping server exit at once.
  Connection: "close",
};

export async function liveStream({ service, limits, live, visitor }: SeminarContext, code: string): Promise<Response | StreamReply> {
  const { request, address } = visitor;
  const asked = new URL(request.url).searchParams.get("as") ?? "room";
  if (!AUDIENCES.has(asked as Audience)) return refuse(400, `as must be one of: ${[...AUDIENCES].join(", ")}.`, { request });
  const audience = asked as Audience;
  // A state a second old is enough: the stream sends the views the live module builds, not this.
  const state = await enterSeminar(service, limits, visitor, code, { ended: true, recent: true });
  if (audience !== "room") await requireHost(service, request, state.code);
  if ((openStreams.get(address) ?? 0) >= STREAMS_PER_ADDRESS) {
    return refuse(429, "Too many live connections from your network at once: close some tabs and try again.", { request, retryAfter: 10 });
  }
  const lastEventId = request.headers.get("Last-Event-ID")?.trim();
  const participantId = audience === "room" ? participantIdOf(request) : undefined;

  return {
    status: 200,
    headers: STREAM_HEADERS,
    open(sink) {
      let closed = false;
      let sent = -1;
      let unsubscribe = () => {};
      openStreams.set(address, (openStreams.get(address) ?? 0) + 1);
      const write = (chunk: Uint8Array) => {
        if (!closed) sink.write(chunk);
      };
      const ping = setInterval(() => write(PING), PING_MS);
      let leaveShutdown = () => {};
      const stop = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        clearInterval(ping);
        const left = (openStreams.get(address) ?? 1) - 1;
        if (left > 0) openStreams.set(address, left);
        else openStreams.delete(address);
        leaveShutdown();
        sink.end();
      };
      const send = (event: LiveEvent) => {
        if (closed || event.version <= sent) return;
        sent = event.version;
        write(event.bytes);
        // Ended for good: nothing more will come.
        if (event.view.ended && !event.view.reopenableUntil) stop();
      };
      leaveShutdown = atShutdown(stop);
      write(RETRY);
      live
        .subscribe(state.code, audience, send, participantId)
        .then(({ current, unsubscribe: leave }) => {
          unsubscribe = leave;
          if (closed) return leave();
          if (!current) return stop();
          if (lastEventId !== String(current.version)) send(current);
          else {
            sent = current.version;
            if (current.view.ended && !current.view.reopenableUntil) stop();
          }
        })
        .catch((error: Error) => {
          // The client reconnects (EventSource's retry) and gets the view then.
          console.error(`seminar ${state.code}: could not follow it for a stream: ${error.message}`);
          stop();
        });
      return stop;
    },
  };
}
