import { useEffect, useRef, useState } from "react";

export type Audience = "room" | "screen" | "host";
export type Connection = "connecting" | "live" | "reconnecting";

/** What every live view carries: the versions that order it, and whether the seminar is over for good. */
interface Versioned {
  version: number;
  roomVersion: number;
  ended: boolean;
  reopenableUntil: string | null;
}

const orderOf = (audience: Audience, view: Versioned) => (audience === "room" ? view.roomVersion : view.version);

/** The longest wait between tries to reconnect. */
const MAX_BACKOFF_MS = 30_000;
/** The server pings every 15 s: two missed, and the connection is taken for dead, whatever the browser thinks. */
const SILENCE_MS = 40_000;

/**
 * Follows a seminar's live view over its event stream: the page starts from
 * its loader's view and shows every newer one the stream sends, without
 * reloading. A dropped connection (the Wi-Fi, a server restart, a proxy's
 * error page) is retried with a growing wait, at once when the browser says
 * it is back online, and the stream then sends the view the page missed.
 * Nothing here ever replaces the page with an error.
 */
export function useLiveView<V extends Versioned>(code: string, audience: Audience, initial: V): { view: V; connection: Connection } {
  const [view, setView] = useState(initial);
  const [connection, setConnection] = useState<Connection>("connecting");
  const shown = useRef(orderOf(audience, initial));
  // A newer view from the loader (a navigation) wins over an older one from the stream.
  if (orderOf(audience, initial) > shown.current) {
    shown.current = orderOf(audience, initial);
    setView(initial);
  }

  useEffect(() => {
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let closeAt: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let finished = false;
    let heard = Date.now();

    const finish = () => {
      finished = true;
      clearTimeout(retry);
      source?.close();
    };
    const reconnect = (wait: number) => {
      clearTimeout(retry);
      if (finished) return;
      retry = setTimeout(connect, wait);
    };
    function connect() {
      source?.close();
      const events = new EventSource(`/s/${encodeURIComponent(code)}/events?as=${audience}`);
      source = events;
      events.addEventListener("open", () => {
        heard = Date.now();
        setConnection("live");
      });
      events.addEventListener("ping", () => (heard = Date.now()));
      events.addEventListener("error", () => {
        if (finished) return;
        setConnection("reconnecting");
        // EventSource retries by itself after a dropped stream, but gives up for good on
        // an answer other than 200 (a proxy's error page, a server shutting down).
        if (events.readyState === EventSource.CLOSED) {
          failures += 1;
          reconnect(Math.min(1000 * 2 ** failures, MAX_BACKOFF_MS));
        }
      });
      events.addEventListener("state", (event) => {
        heard = Date.now();
        failures = 0;
        setConnection("live");
        const next = JSON.parse((event as MessageEvent<string>).data) as V;
        if (orderOf(audience, next) > shown.current) {
          shown.current = orderOf(audience, next);
          setView(next);
        }
        clearTimeout(closeAt);
        if (next.ended) {
          // Over for good once the host can no longer reopen it.
          const left = next.reopenableUntil ? Date.parse(next.reopenableUntil) - Date.now() : 0;
          if (left <= 0) finish();
          else closeAt = setTimeout(finish, left);
        }
      });
    }
    const online = () => {
      if (!finished && source?.readyState !== EventSource.OPEN) reconnect(0);
    };
    // A stream that was open when the network went can be dead without knowing it (nothing
    // tells it the Wi-Fi dropped), and would still look open once the network is back: close
    // it, and open a new one, which sends the view now, as soon as the browser is online again,
    // or at the latest after the usual wait, should no "online" event come.
    const offline = () => {
      if (finished) return;
      source?.close();
      setConnection("reconnecting");
      failures += 1;
      reconnect(Math.min(1000 * 2 ** failures, MAX_BACKOFF_MS));
    };
    const watchdog = setInterval(() => {
      if (finished || Date.now() - heard < SILENCE_MS) return;
      heard = Date.now();
      setConnection("reconnecting");
      reconnect(0);
    }, SILENCE_MS / 4);
    connect();
    window.addEventListener("online", online);
    window.addEventListener("offline", offline);
    return () => {
      finish();
      clearInterval(watchdog);
      clearTimeout(closeAt);
      window.removeEventListener("online", online);
      window.removeEventListener("offline", offline);
    };
  }, [code, audience]);

  return { view, connection };
}
