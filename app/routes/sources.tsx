import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import { CopyButton } from "~/components/copy-button";
import { Reference } from "~/components/reference";
import { RefsProvider } from "~/components/refs";
import { ViewpointLabel } from "~/components/viewpoint";
import { pageMeta } from "~/lib/meta";
import { getContent } from "~/models/content.server";
import { refsOf } from "~/models/refs.server";
import { bibliographyWithUses } from "~/models/sources.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const content = getContent();
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim();
  const all = bibliographyWithUses(content);
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  const sources = words.length ? all.filter((source) => words.every((word) => `${source.reference.text} ${source.key}`.toLowerCase().includes(word))) : all;
  return { refs: refsOf(content), q, total: all.length, sources };
}

export const meta: MetaFunction = () =>
  pageMeta("Sources", "Every work the viewpoints cite, with the claims that cite it and links to the passages.");

export default function SourcesPage() {
  const { refs, sources, q, total } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  return (
    <RefsProvider refs={refs}>
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
        <ol className="source-list">
          {sources.map((source) => (
            <li key={source.key} id={source.key} className="source">
              <p className="source-entry">
                <Reference html={source.reference.html} />
              </p>
              <CopyButton text={source.reference.text} label="Copy reference" />
              {source.note ? <p className="muted">{source.note}</p> : null}
              <details>
                <summary>
                  Cited in {source.uses.length} {source.uses.length === 1 ? "place" : "places"}
                </summary>
                <ul className="uses">
                  {source.uses.map((use, index) => {
                    const claim = refs.claims[use.claim];
                    return (
                      <li key={index}>
                        {claim ? <ViewpointLabel id={claim.perspective} link={false} /> : null}:{" "}
                        <Link to={`/claims/${use.claim}`}>{claim?.title ?? use.claim}</Link>
                        {use.locator ? <span className="locator"> · {use.locator}</span> : null}
                        {use.phrase ? (
                          use.url ? (
                            <> · <a href={use.url}>“{use.phrase}”</a></>
                          ) : (
                            <> · “{use.phrase}”</>
                          )
                        ) : null}
                      </li>
                    );
                  })}
                </ul>
              </details>
            </li>
          ))}
        </ol>
      </div>
    </RefsProvider>
  );
}
