import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { BriefLink } from "~/components/brief";
import { HeaderSearch, useSearchShortcut } from "~/components/search-box";
import { getContent } from "~/models/content.server";
import styles from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader(_: LoaderFunctionArgs) {
  const { debate } = getContent();
  return { title: debate.title };
}

function Layout({ children, title }: { children: ReactNode; title?: string }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <Link to="/" className="brand">
            Counterpoint
            {title ? <span className="brand-debate">{title}</span> : null}
          </Link>
          <nav aria-label="Main">
            <ul>
              <li><NavLink to="/compare">Compare</NavLink></li>
              <li><NavLink to="/sources">Sources</NavLink></li>
              <li><NavLink to="/glossary">Glossary</NavLink></li>
              <li><BriefLink /></li>
            </ul>
          </nav>
          <HeaderSearch />
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>
            Every claim links to its sources. The data is open: <a href="/api/perspectives.json">perspectives.json</a>.
          </p>
        </footer>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

/**
 * `:target` does not follow client-side navigation, so the claim a link
 * points at is marked here too, and focused so keyboard users land on it.
 */
function useHashTarget() {
  const { hash, key } = useLocation();
  useEffect(() => {
    document.querySelectorAll(".is-target").forEach((node) => node.classList.remove("is-target"));
    if (hash.length < 2) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) return;
    target.classList.add("is-target");
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  }, [hash, key]);
}

export default function App() {
  const { title } = useLoaderData<typeof loader>();
  useHashTarget();
  useSearchShortcut();
  // Enhancements can style themselves (and tests can wait) on `html.js`.
  useEffect(() => document.documentElement.classList.add("js"), []);
  return (
    <Layout title={title}>
      <Outlet />
    </Layout>
  );
}

/** The one error page: a message for people, never a stack trace. */
export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const report =
    process.env.NODE_ENV === "development" && error instanceof Error && "report" in error ? String(error.report) : undefined;
  return (
    <Layout title={data?.title}>
      <title>{notFound ? "Not found · Counterpoint" : "Something went wrong · Counterpoint"}</title>
      <div className="error-page">
        <h1>{notFound ? "We could not find that page" : "Something went wrong"}</h1>
        {notFound ? (
          <p>{typeof error.data === "string" && error.data ? `${error.data}.` : "There is no page at this address."} It may have been renamed.</p>
        ) : (
          <p>The page could not be shown. Please try again; if it keeps happening, tell the people who run this site.</p>
        )}
        {report ? <pre className="content-report">{report}</pre> : null}
        <p>
          Try the <Link to="/">list of viewpoints and questions</Link>, the <Link to="/compare">comparison</Link> or the{" "}
          <Link to="/sources">sources</Link>.
        </p>
      </div>
    </Layout>
  );
}
