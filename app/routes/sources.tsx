import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RefsProvider } from "~/components/refs";
import { ViewpointLabel } from "~/components/viewpoint";
import { pageMeta } from "~/lib/meta";
import { getContent } from "~/models/content.server";
import { refsOf } from "~/models/refs.server";
import { bibliographyWithUses } from "~/models/sources.server";

export async function loader() {
  const content = getContent();
  return { refs: refsOf(content), sources: bibliographyWithUses(content) };
}

export const meta: MetaFunction = () =>
  pageMeta("Sources", "Every work the viewpoints cite, with the claims that cite it and links to the passages.");

export default function SourcesPage() {
  const { refs, sources } = useLoaderData<typeof loader>();
  return (
    <RefsProvider refs={refs}>
      <div className="sources-page">
        <h1>Sources</h1>
        <p className="lede">
          Every work cited, with the claims that rely on it. A quoted phrase opens the work at that passage where the work is
          online.
        </p>
        <ol className="source-list">
          {sources.map((source) => (
            <li key={source.key} id={source.key} className="source">
              <p className="source-entry">
                <span className="author">{source.author}</span> ({source.year}). <cite>{source.title}</cite>
                {source.container ? <>. {source.container}</> : null}
                {source.publisher ? <>. {source.publisher}</> : null}.{" "}
                {source.url ? <a href={source.url}>{source.url}</a> : null}
              </p>
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
