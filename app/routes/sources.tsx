import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { passageUrl } from "~/components/citations";
import { RefsProvider } from "~/components/refs";
import { ViewpointLabel } from "~/components/viewpoint";
import { pageMeta } from "~/lib/meta";
import { getContent } from "~/models/content.server";
import { refsOf } from "~/models/refs.server";

interface Use {
  claim: string;
  locator?: string;
  phrase?: string;
  /** Where the passage can be opened: the work's URL, or the reporting document's. */
  url?: string;
}

export async function loader() {
  const content = getContent();
  const uses = new Map<string, Use[]>();
  for (const claim of content.claims.values()) {
    for (const item of [...claim.evidence, ...claim.counterEvidence]) {
      for (const citation of item.citations) {
        const url = content.sources.get(citation.via ?? citation.key)?.url;
        for (const key of [citation.key, citation.via]) {
          if (!key) continue;
          const list = uses.get(key) ?? [];
          if (!list.some((use) => use.claim === claim.id && use.phrase === citation.phrase && use.locator === citation.locator)) {
            list.push({ claim: claim.id, locator: citation.locator, phrase: citation.phrase, url: passageUrl(url, citation.phrase) });
          }
          uses.set(key, list);
        }
      }
    }
  }
  const sources = [...content.debate.sources]
    .sort((a, b) => a.author.localeCompare(b.author) || a.year.localeCompare(b.year))
    .map(({ key, title, author, year, container, publisher, url, note }) => ({
      key, title, author, year, container, publisher, url, note, uses: uses.get(key) ?? [],
    }));
  return { refs: refsOf(content), sources };
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
