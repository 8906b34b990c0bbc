import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useSubmit } from "@remix-run/react";
import { CopyButton } from "~/components/copy-button";
import { KeptHtml, useFetchedHtml } from "~/components/kept-html";
import { Reference } from "~/components/reference";
import { sourceUsesHtml } from "~/components/source-uses.server";
import { pageMeta } from "~/lib/meta";
import { referenceText } from "~/lib/reference-text";
import { useServerOnly, useView, viewData } from "~/lib/view-data";
import { getContent } from "~/models/content.server";
import { loadSources } from "~/models/sources.server";

/** Where the lists of uses are, by work, for a page reached by client-side navigation. */
const USES_URL = "/sources/uses.json";

/** The id of a work's list of uses. */
const usesId = (key: string) => `uses-${key}`;

export async function loader({ request }: LoaderFunctionArgs) {
  const content = getContent();
  return viewData(loadSources(content, new URL(request.url)), sourceUsesHtml(content));
}

export const meta: MetaFunction = () =>
  pageMeta("Sources", "Every work the viewpoints cite, with the claims that cite it and links to the passages.");

export default function SourcesPage() {
  const { sources, q, total } = useView<typeof loader>();
  const rendered = useServerOnly<typeof loader>();
  const fetched = useFetchedHtml(USES_URL, sources.map((source) => usesId(source.key)));
  const uses = rendered ?? fetched;
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
              <summary>{`Cited by ${source.citedBy} ${source.citedBy === 1 ? "claim" : "claims"}`}</summary>
              <KeptHtml id={usesId(source.key)} html={uses?.[source.key]} className="uses" />
            </details>
          </li>
        ))}
      </ol>
    </div>
  );
}
