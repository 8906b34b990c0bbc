import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useSubmit } from "@remix-run/react";
import { Fragment } from "react";
import { CopyButton } from "~/components/copy-button";
import { Reference, referenceText } from "~/components/reference";
import { ViewpointLabel } from "~/components/viewpoint";
import { pageMeta } from "~/lib/meta";
import { useView, viewData } from "~/lib/view-data";
import { passageUrl } from "~/lib/urls";
import { getContent } from "~/models/content.server";
import { loadSources } from "~/models/sources.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return viewData(loadSources(getContent(), new URL(request.url)));
}

export const meta: MetaFunction = () =>
  pageMeta("Sources", "Every work the viewpoints cite, with the claims that cite it and links to the passages.");

export default function SourcesPage() {
  const { sources, claims, q, total } = useView<typeof loader>();
  const submit = useSubmit();
  return (
    <div className="sources-page">
      <h1>Sources</h1>
      <p className="lede">
        Every work cited, with the claims that rely on it. A quoted phrase opens the work at that passage where the work is
        online.
      </p>
      <div className="sources-tools">
        <Form method="get" role="search" aria-label="Filter the sources" onChange={(event) => submit(event.currentTarget, { replace: true, preventScrollReset: true })}>
          <label htmlFor="sources-filter">Filter by author, title or publication</label>
          <input id="sources-filter" type="search" name="q" defaultValue={q} autoComplete="off" />
          <button type="submit">Filter</button>
        </Form>
        <p>
          <a href="/references.bib" download="references.bib">
            Download the whole bibliography (BibTeX)
          </a>
        </p>
      </div>
      <p aria-live="polite" className="muted">
        {q ? `${sources.length} of ${total} works match “${q}”.` : `${total} works, by author’s surname, unsigned works by title (APA).`}
      </p>
      {/* Text is joined into one string per node where it can be: React marks
          each boundary between text nodes, and this page has thousands. */}
      <ol className="source-list">
        {sources.map((source) => (
          <li key={source.key} id={source.key} className="source">
            <p className="source-entry">
              <Reference html={source.reference} />
            </p>
            <CopyButton text={() => referenceText(source.reference)} label="Copy reference" />
            {source.note ? <p className="muted">{source.note}</p> : null}
            <details>
              <summary>{`Cited by ${source.uses.length} ${source.uses.length === 1 ? "claim" : "claims"}`}</summary>
              <ul className="uses">
                {source.uses.map((use) => (
                  <li key={use.claim}>
                    <ViewpointLabel viewpoint={claims[use.claim]!.viewpoint} link={false} />
                    {": "}
                    <Link to={`/claims/${use.claim}`} discover="none">
                      {claims[use.claim]!.title}
                    </Link>
                    {use.passages.map(([locator, phrase, via], index) => {
                      const url = phrase ? passageUrl(via ?? source.url, phrase) : undefined;
                      return (
                        <Fragment key={index}>
                          {locator ? <span className="locator">{` · ${locator}`}</span> : null}
                          {phrase && url ? " · " : null}
                          {phrase && url ? <a href={url}>{`“${phrase}”`}</a> : null}
                          {phrase && !url ? ` · “${phrase}”` : null}
                        </Fragment>
                      );
                    })}
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ol>
    </div>
  );
}
