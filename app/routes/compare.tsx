import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigate, useSubmit } from "@remix-run/react";
import { useEffect, type CSSProperties } from "react";
import { PageSources } from "~/components/citations";
import { ClaimCard, type ClaimHref } from "~/components/claim-card";
import { Prose } from "~/components/prose";
import { RefsProvider } from "~/components/refs";
import { StanceBadge, ViewpointLabel, viewpointStyle } from "~/components/viewpoint";
import { pageMeta } from "~/lib/meta";
import { compareUrl } from "~/lib/urls";
import { loadComparison } from "~/models/compare.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return loadComparison(new URL(request.url));
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta(
        // A shared link's title stays readable: name up to three viewpoints.
        `${data.topic.title}: ${data.columns.length <= 3 ? data.columns.map((column) => column.name).join(" vs ") : `${data.columns.length} viewpoints compared`}`,
        `${data.topic.question} How ${data.columns.length} viewpoints answer, with their evidence and sources.`,
      )
    : [];

export default function Compare() {
  const data = useLoaderData<typeof loader>();
  const submit = useSubmit();
  const navigate = useNavigate();
  const kept = data.explicitSelection ? data.selected : [];

  // A cross-link stays on this page: it opens the target's question and adds its viewpoint.
  const claimHref: ClaimHref = (claimId) => {
    const target = data.refs.claims[claimId];
    if (!target) return `/claims/${claimId}`;
    const perspectives = data.selected.includes(target.perspective) ? data.selected : [...data.selected, target.perspective];
    return compareUrl(target.topic, perspectives, data.present, `#${claimId}`);
  };

  useEffect(() => {
    if (!data.present) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || (event.target as HTMLElement).closest("input, select, textarea")) return;
      const next = event.key === "ArrowRight" ? data.nextTopic : event.key === "ArrowLeft" ? data.previousTopic : undefined;
      if (next) navigate(compareUrl(next, kept, true));
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [data.present, data.nextTopic, data.previousTopic, kept, navigate]);

  return (
    <RefsProvider refs={data.refs}>
      <div className={data.present ? "compare present" : "compare"}>
        <header className="compare-heading">
          <p className="eyebrow">{data.debateTitle}</p>
          <h1>{data.topic.title}</h1>
          <p className="question">{data.topic.question}</p>
          <Prose html={data.topic.framingHtml} className="framing" />
          {data.present ? <p className="hint no-print">Use the ← and → keys to move between questions.</p> : null}
        </header>

        {/* Uncontrolled inputs, keyed by their value, so that they re-mount to
            show the URL's state after back, forward or a cross-link. */}
        <Form method="get" className="compare-controls no-print" onChange={(event) => submit(event.currentTarget, { preventScrollReset: true })}>
          <div className="field">
            <label htmlFor="topic">Question</label>
            <select id="topic" name="topic" defaultValue={data.topic.id} key={data.topic.id}>
              {data.topics.map((topic) => (
                <option key={topic.id} value={topic.id}>
                  {topic.title}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="field viewpoint-picker">
            <legend>Viewpoints</legend>
            {data.perspectives.map((perspective) => (
              <label key={perspective.id + String(data.selected.includes(perspective.id))}>
                <input type="checkbox" name="p" value={perspective.id} defaultChecked={data.selected.includes(perspective.id)} />{" "}
                <ViewpointLabel id={perspective.id} link={false} />
              </label>
            ))}
          </fieldset>
          <label className="field" key={`open-${data.openOnly}`}>
            <input type="checkbox" name="open" value="" defaultChecked={data.openOnly} /> Only claims with no answer yet
          </label>
          {data.present ? <input type="hidden" name="present" value="" /> : null}
          <button type="submit">Show</button>
        </Form>

        <nav className="topic-stepper no-print" aria-label="Questions">
          {data.previousTopic ? (
            <Link to={compareUrl(data.previousTopic, kept, data.present)} rel="prev">
              <span aria-hidden="true">← </span>
              {data.refs.topics[data.previousTopic]?.title}
            </Link>
          ) : <span />}
          <Link to={compareUrl(data.topic.id, kept, !data.present)} className="mode-toggle">
            {data.present ? "Leave projector mode" : "Projector mode"}
          </Link>
          {data.nextTopic ? (
            <Link to={compareUrl(data.nextTopic, kept, data.present)} rel="next">
              {data.refs.topics[data.nextTopic]?.title}
              <span aria-hidden="true"> →</span>
            </Link>
          ) : <span />}
        </nav>


        {data.columns.length > 1 ? (
          <nav className="column-switcher no-print" aria-label="Jump to a viewpoint">
            {data.columns.map((column) => (
              <a key={column.id} href={`#column-${column.id}`}>
                <ViewpointLabel id={column.id} link={false} />
              </a>
            ))}
          </nav>
        ) : null}

        <div className="columns" style={{ "--columns": data.columns.length } as CSSProperties}>
          {data.columns.map((column) => (
            <section
              key={column.id}
              id={`column-${column.id}`}
              className="column"
              style={viewpointStyle(data.refs.perspectives[column.id]?.index ?? 0)}
              aria-labelledby={`column-${column.id}-title`}
            >
              <header className="column-header">
                <h2 id={`column-${column.id}-title`}>
                  <ViewpointLabel id={column.id} />
                </h2>
                {column.position ? <StanceBadge stance={column.position.stance} question={data.topic.question} /> : null}
              </header>
              {column.position ? <Prose html={column.position.noteHtml} className="position-note" /> : null}
              {column.claims.length === 0 && column.position?.stance === "not-addressed" ? (
                <p className="muted">The sources give this viewpoint no answer to this question.</p>
              ) : null}
              {column.claims.map((claim) => (
                <ClaimCard key={claim.id} claim={claim} level={3} claimHref={claimHref} foldItems={data.present} />
              ))}
            </section>
          ))}
        </div>
        <PageSources claims={data.columns.flatMap((column) => column.claims)} />
      </div>
    </RefsProvider>
  );
}
