import type { LinksFunction } from "@remix-run/node";
import { isRouteErrorResponse, Link, Outlet, useRouteError } from "@remix-run/react";
import { refusalMessage } from "~/lib/refusal-message";
import styles from "~/styles/seminar.css";

/** Every seminar page: its styles, its loader's no-store (and cookie) on the document, and its own error page. */
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export default function SeminarLayout() {
  return <Outlet />;
}

const HEADINGS: Record<number, string> = {
  403: "This page is for the seminar's host",
  404: "No seminar has this code",
  410: "This seminar has ended",
  429: "Too many tries",
};

/**
 * A seminar's refusals say what happened and what to do next: a mistyped or
 * old code, an ended seminar, a page for the host only. Live pages never get
 * here because of a dropped connection: they keep their page and reconnect.
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const heading = HEADINGS[status] ?? "The seminar could not be shown";
  const message = isRouteErrorResponse(error) ? refusalMessage(error.data) : undefined;
  return (
    <div className="error-page seminar-error">
      <title>{`${heading} · Counterpoint`}</title>
      <h1>{heading}</h1>
      <p>{message ?? "Please try again in a moment; if it keeps happening, tell the people who run this site."}</p>
      {status === 410 ? (
        <p>
          Thank you for taking part. See <Link to="/where-do-i-stand">where you stand</Link> among the viewpoints, or{" "}
          <Link to="/seminar#join">join another seminar</Link>.
        </p>
      ) : (
        <p>
          <Link to="/seminar#join">Type the join code again</Link>, or <Link to="/seminar">start a seminar of your own</Link>.
        </p>
      )}
    </div>
  );
}
