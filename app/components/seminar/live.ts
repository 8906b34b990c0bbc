import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

/** The fields of a seminar's state (SeminarState) that pages compare with what they show. */
export interface LiveState {
  topic: string;
  step: number;
  paused: boolean;
  ended: boolean;
  openPoll: string | null;
  version: number;
  questionsVersion: number;
}

/** Every change: the projector and the console show tallies and the participant count. */
export const EVERY_CHANGE: (keyof LiveState)[] = ["version"];
/**
 * What a phone shows: not the tallies, so a vote elsewhere in the room does not
 * make every phone reload.
 */
export const PHONE_CHANGES: (keyof LiveState)[] = ["topic", "step", "paused", "openPoll", "ended", "questionsVersion"];

export type Connection = "connecting" | "live" | "reconnecting";

/**
 * Follows a seminar over its event stream and reloads the page's data when the
 * state moves past what the page shows. EventSource reconnects by itself after
 * a dropped connection or a server restart, sending Last-Event-ID, so a page
 * that missed nothing is not reloaded.
 */
export function useSeminarLive(code: string, shown: LiveState, watched: (keyof LiveState)[]): Connection {
  const { revalidate } = useRevalidator();
  const latest = useRef({ shown, watched });
  latest.current = { shown, watched };
  const [connection, setConnection] = useState<Connection>("connecting");
  useEffect(() => {
    let events: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let finished = false;
    const connect = () => {
      const source = new EventSource(`/s/${encodeURIComponent(code)}/events`);
      events = source;
      source.addEventListener("open", () => setConnection("live"));
      source.addEventListener("error", () => {
        setConnection("reconnecting");
        // EventSource gives up for good on an answer other than 200 (a server
        // shutting down, a proxy's error page): open a new one, less often each time.
        if (source.readyState !== EventSource.CLOSED || finished) return;
        failures += 1;
        retry = setTimeout(connect, Math.min(1000 * 2 ** failures, 30_000));
      });
      source.addEventListener("state", (event) => {
        failures = 0;
        const state = JSON.parse((event as MessageEvent<string>).data) as LiveState;
        setConnection("live");
        const { shown, watched } = latest.current;
        if (watched.some((field) => state[field] !== shown[field])) revalidate();
        if (state.ended) {
          finished = true;
          source.close();
        }
      });
    };
    connect();
    return () => {
      finished = true;
      clearTimeout(retry);
      events?.close();
    };
  }, [code, revalidate]);
  return connection;
}
