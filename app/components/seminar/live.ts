import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

/** The part of a seminar's state a page compares with what it shows. */
export interface ShownVersion {
  version: number;
  questionsVersion: number;
}

export type Connection = "connecting" | "live" | "reconnecting";

/**
 * Follows a seminar over its event stream and reloads the page's data when the
 * state moves past what the page shows. EventSource reconnects by itself after
 * a dropped connection or a server restart, sending Last-Event-ID, so a page
 * that missed nothing is not reloaded.
 */
export function useSeminarLive(code: string, shown: ShownVersion): Connection {
  const { revalidate } = useRevalidator();
  const latest = useRef(shown);
  latest.current = shown;
  const [connection, setConnection] = useState<Connection>("connecting");
  useEffect(() => {
    const events = new EventSource(`/s/${encodeURIComponent(code)}/events`);
    events.addEventListener("open", () => setConnection("live"));
    events.addEventListener("error", () => setConnection("reconnecting"));
    events.addEventListener("state", (event) => {
      const state = JSON.parse((event as MessageEvent<string>).data) as ShownVersion & { ended?: boolean };
      setConnection("live");
      if (state.version !== latest.current.version || state.questionsVersion !== latest.current.questionsVersion) revalidate();
      if (state.ended) events.close();
    });
    return () => events.close();
  }, [code, revalidate]);
  return connection;
}
