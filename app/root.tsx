import type { HeadersFunction, LinksFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  LiveReload,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { refusalMessage } from "~/lib/refusal-message";
import { PrintAddress, printFooterStyle } from "~/components/print-address";
import { useNonce } from "~/lib/nonce";
import { BriefLink } from "~/components/brief";
import { useSeminarReturn } from "~/components/seminar/seminar-return";
import { HeaderSearch, useSearchShortcut } from "~/components/search-box";
import { getContent } from "~/models/content.server";
import styles from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader() {
  const { debate } = getContent();
  return { title: debate.title };
}

/** A response a loader throws (a 404, a redirect) keeps its headers; root's is the one error boundary. */
export const headers: HeadersFunction = ({ errorHeaders }) => errorHeaders ?? {};

function Layout({ children, title, bare = false }: { children: ReactNode; title?: string; bare?: boolean }) {
  const nonce = useNonce();
  // Enhancements can style themselves (and tests can wait) on `html.js`, on error pages too.
  useEffect(() => document.documentElement.classList.add("js"), []);
  const location = useLocation();
  return (
    <html lang="en" style={printFooterStyle(`${location.pathname}${location.search}`)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <Meta />
        <Links />
      </head>
      <body className={bare ? "bare" : undefined}>
        {/* The presenter view fills the screen alone: no header, no search box. */}
        {bare ? null : (
          <>
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
          </>
        )}
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>
            Every claim links to its sources. The data is open: <a href="/api/perspectives.json">perspectives.json</a>. <Link to="/about">About this content</Link>.
          </p>
          <PrintAddress />
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        <LiveReload nonce={nonce} />
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
  useSeminarReturn();
  // A route whose `handle` says `bare` (the presenter view) fills the screen alone.
  const bare = useMatches().some((match) => (match.handle as { bare?: boolean } | undefined)?.bare);
  useSearchShortcut();
  return (
    <Layout title={title} bare={bare}>
      <Outlet />
    </Layout>
  );
}

/** Headings for the answers whose message a person can act on. */
const ERROR_HEADINGS: Record<number, string> = {
  403: "This page is not for you",
  404: "We could not find that page",
  429: "Too many tries",
};

/** The site's error page: a message for people, never a stack trace. The seminar pages have their own (routes/s.$code.tsx). */
export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const heading = ERROR_HEADINGS[status];
  const message = isRouteErrorResponse(error) ? refusalMessage(error.data)?.replace(/\.?$/, ".") : undefined;
  const report =
    isRouteErrorResponse(error) && typeof error.data?.contentReport === "string" ? String(error.data.contentReport) : undefined;
  return (
    <Layout title={data?.title}>
      <title>{`${heading ?? "Something went wrong"} · Counterpoint`}</title>
      <div className="error-page">
        <h1>{heading ?? "Something went wrong"}</h1>
        {heading ? (
          <p>
            {message ?? "There is no page at this address."}
            {status === 404 ? " It may have been renamed." : null}
          </p>
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
