import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useRef } from "react";
import { AddToBrief } from "~/components/brief";
import { StanceBadge, ViewpointLabel } from "~/components/viewpoint";
import { pageMeta } from "~/lib/meta";
import { getContent } from "~/models/content.server";
import { loadSearch } from "~/models/search.server";
import type { Segment } from "~/search/snippet";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  return { ...loadSearch(getContent(), url), brief: url.searchParams.getAll("c") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageMeta(data?.q ? `Search: ${data.q}` : "Search", "Search every claim, its evidence, counter-evidence and sources, across all viewpoints.");

const FACET_LABELS: Record<string, string> = {
  p: "Viewpoint",
  topic: "Question",
  stance: "Stance",
  kind: "Evidence kind",
  source: "Source",
  flag: "Flags",
};

const FIELD_LABELS: Record<string, string> = {
  statement: "Statement",
  title: "Title",
  explanation: "Explanation",
  evidence: "Evidence",
  counter: "Counter-evidence",
  viewpoint: "Viewpoint",
};

/** Plain-text runs, the matched ones in `<mark>`; React escapes the text. */
function Marked({ segments }: { segments: Segment[] }) {
  return <>{segments.map((segment, index) => (segment.mark ? <mark key={index}>{segment.text}</mark> : segment.text))}</>;
}

export default function SearchPage() {
  const data = useLoaderData<typeof loader>();
  const submit = useSubmit();
  const navigation = useNavigation();
  const form = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  // Results follow the form as it changes: each change replaces the history entry.
  const update = (delay: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => form.current && submit(form.current, { replace: true, preventScrollReset: true }), delay);
  };
  const searching = navigation.state === "loading" && navigation.location.pathname === "/search";
  return (
    <>
      <div className="search-page">
        <h1>Search</h1>
        <Form method="get" action="/search" ref={form} className="search-form" onChange={(event) => update((event.target as HTMLInputElement).type === "search" ? 150 : 0)}>
          {data.brief.map((id) => (
            <input key={id} type="hidden" name="c" value={id} />
          ))}
          <div className="search-query">
            <label htmlFor="search-page-input">Search claims, evidence, viewpoints and sources</label>
            <input
              id="search-page-input"
              type="search"
              name="q"
              defaultValue={data.q}
              autoComplete="off"
            />
            <button type="submit">Search</button>
          </div>
          <div className="search-layout">
            <aside className="facets" aria-label="Filters">
              <fieldset className="facet">
                <legend>Answers</legend>
                <label>
                  <input type="checkbox" name="open" value="" defaultChecked={data.openOnly} /> No answer yet ({data.openCount})
                </label>
              </fieldset>
              {data.facets.map((facet) => (
                <fieldset key={facet.name} className="facet">
                  <legend>{FACET_LABELS[facet.name] ?? facet.name}</legend>
                  <ul>
                    {facet.options.slice(0, facet.name === "source" ? 12 : undefined).map((option) => (
                      <li key={option.value}>
                        <label>
                          <input type="checkbox" name={facet.name} value={option.value} defaultChecked={option.checked} />{" "}
                          {option.label} ({option.count})
                        </label>
                      </li>
                    ))}
                  </ul>
                </fieldset>
              ))}
              <noscript>
                <button type="submit">Apply filters</button>
              </noscript>
            </aside>
            <section className="results" aria-labelledby="results-heading" aria-busy={searching}>
              <h2 id="results-heading" aria-live="polite">
                {data.q || data.total > 0
                  ? `${data.total} ${data.total === 1 ? "claim" : "claims"}${data.q ? ` for “${data.q}”` : ""}`
                  : "Type a word, a name, a law or an idea"}
              </h2>
              {data.total > data.hits.length ? <p className="muted">Showing the first {data.hits.length}; narrow the search with the filters.</p> : null}
              <ol className="result-list">
                {data.hits.map((hit) => {
                  return (
                    <li key={hit.id} className="result">
                      <div className="result-header">
                        <ViewpointLabel viewpoint={hit.viewpoint} link={false} />
                        <h3>
                          <Link to={`/claims/${hit.id}`}>{hit.title}</Link>
                        </h3>
                      </div>
                      <p className="result-meta">
                        <Link to={`/topics/${hit.topic.id}`}>{hit.topic.title}</Link>
                        {" · "}
                        <StanceBadge stance={hit.stance} />
                        {hit.open ? <span className="no-answer"> · No answer yet</span> : null}
                      </p>
                      <p className="statement">
                        {hit.snippet?.field === "statement" ? <Marked segments={hit.snippet.segments} /> : hit.statement}
                      </p>
                      {hit.snippet && hit.snippet.field !== "statement" ? (
                        <p className="snippet">
                          <span className="snippet-field">{FIELD_LABELS[hit.snippet.field]}: </span>
                          <Marked segments={hit.snippet.segments} />
                        </p>
                      ) : null}
                      <AddToBrief claimId={hit.id} title={hit.title} current={data.brief} />
                    </li>
                  );
                })}
              </ol>
            </section>
          </div>
        </Form>
      </div>
    </>
  );
}
