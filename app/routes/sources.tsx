import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { Fragment } from "react";
import { ViewpointLabel } from "~/components/viewpoint";
import { pageMeta } from "~/lib/meta";
import { useView, viewData } from "~/lib/view-data";
import { passageUrl } from "~/lib/urls";
import { getContent } from "~/models/content.server";
import { bibliographyWithUses } from "~/models/sources.server";

export async function loader() {
  return viewData(bibliographyWithUses(getContent()));
}

export const meta: MetaFunction = () =>
  pageMeta("Sources", "Every work the viewpoints cite, with the claims that cite it and links to the passages.");

export default function SourcesPage() {
  const { sources, claims } = useView<typeof loader>();
  return (
    <div className="sources-page">
      <h1>Sources</h1>
      <p className="lede">
        Every work cited, with the claims that rely on it. A quoted phrase opens the work at that passage where the work is
        online.
      </p>
      {/* Text is joined into one string per node where it can be: React marks
          each boundary between text nodes, and this page has thousands. */}
      <ol className="source-list">
        {sources.map((source) => (
          <li key={source.key} id={source.key} className="source">
            <p className="source-entry">
              <span className="author">{source.author}</span>
              {` (${source.year}). `}
              <cite>{source.title}</cite>
              {[source.container, source.publisher].filter(Boolean).map((part) => `. ${part}`).join("") + ". "}
              {source.url ? <a href={source.url}>{source.url}</a> : null}
            </p>
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
                    {use.passages.map((passage, index) => {
                      const url = passage.phrase ? passageUrl(passage.via ?? source.url, passage.phrase) : undefined;
                      return (
                        <Fragment key={index}>
                          {passage.locator ? <span className="locator">{` · ${passage.locator}`}</span> : null}
                          {passage.phrase && url ? " · " : null}
                          {passage.phrase && url ? <a href={url}>{`“${passage.phrase}”`}</a> : null}
                          {passage.phrase && !url ? ` · “${passage.phrase}”` : null}
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
