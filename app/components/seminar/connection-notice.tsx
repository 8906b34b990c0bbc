import type { Connection } from "./live";

/** Says plainly when the live connection is down: the page stays, and catches up by itself when it is back. */
export function ConnectionNotice({ connection }: { connection: Connection }) {
  return (
    <p className={connection === "reconnecting" ? "connection-notice is-reconnecting" : "connection-notice"} role="status">
      {connection === "reconnecting" ? "Reconnecting… This page catches up by itself when the connection is back." : ""}
    </p>
  );
}
