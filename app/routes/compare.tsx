import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useNavigate, useSubmit } from "@remix-run/react";
import { useEffect, type CSSProperties } from "react";
import { PageSources } from "~/components/citations";
import { ClaimCard, type ClaimHref } from "~/components/claim-card";
import { Prose } from "~/components/prose";
import { StanceBadge, ViewpointLabel, viewpointStyle } from "~/components/viewpoint";
import { pageMeta } from "~/lib/meta";
import { readView, useView, viewData } from "~/lib/view-data";
import { compareUrl } from "~/lib/urls";
import { loadComparison } from "~/models/compare.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return viewData(loadComparison(new URL(request.url)));
}

export const meta: MetaFunction<typeof loader> = ({ data: sent }) => {
  const data = readView<typeof loader>(sent);
  return data
    ? pageMeta(
        // A shared link's title stays readable: name up to three viewpoints.
        `${data.topic.title}: ${data.columns.length <= 3 ? data.columns.map((column) => column.viewpoint.name).join(" vs ") : `${data.columns.length} viewpoints compared`}`,
        `${data.topic.question} How ${data.columns.length} viewpoints answer, with their evidence and sources.`,
      )
    : [];
};

export default function Compare() {
  const data = useView<typeof loader>();
  const submit = useSubmit();
  const navigate = useNavigate();
  const kept = data.explicitSelection ? data.selected : [];

  // Moving to another question keeps the rest of the page's state.
  const state = { present: data.present, open: data.openOnly };

  // A cross-link stays on this page: it opens the target's question and adds its
  // viewpoint. It drops "no answer yet": the claim it leads to is answered (by
  // the claim it comes from), so that filter would hide it.
  const claimHref: ClaimHref = (target) => {
    const owner = target.viewpoint.id;
    const perspectives = data.selected.includes(owner) ? data.selected : [...data.selected, owner];
    return compareUrl(target.topic, perspectives, { present: data.present, hash: `#${target.id}` });
  };

  useEffect(() => {
    if (!data.present) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || (event.target as HTMLElement).closest("input, select, textarea")) return;
      const next = event.key === "ArrowRight" ? data.nextTopic?.id : event.key === "ArrowLeft" ? data.previousTopic?.id : undefined;
      if (next) navigate(compareUrl(next, kept, state));
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [data.present, data.openOnly, data.nextTopic, data.previousTopic, kept, navigate]);

  return (
      <div className={data.present ? "compare present" : "compare"}>
        <header className="compare-heading">
          <p className="eyebrow">{data.debateTitle}</p>
          <h1>{data.topic.title}</h1>
          <p className="question">{data.topic.question}</p>
          <Prose html={data.topic.framingHtml} className="framing" />
          {data.present ? <p className="hint no-print">Use the ← and → keys to move between questions.</p> : null}
          <p className="no-print">
            <Link to={`/present/${data.topic.id}/1`}>Present this question step by step</Link> ·{" "}
            <Link to={`/topics/${data.topic.id}/map`}>Map of this dispute</Link>
          </p>
        </header>

        {data.unknown.length > 0 ? (
          <p className="notice" role="status">
            This link names {data.unknown.length === 1 ? "a viewpoint" : "viewpoints"} we do not have:{" "}
            {data.unknown.map((id) => `“${id}”`).join(", ")}. {data.explicitSelection ? "The others are shown." : "All viewpoints are shown."}
          </p>
        ) : null}

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
                <ViewpointLabel viewpoint={perspective} link={false} />
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
            <Link to={compareUrl(data.previousTopic.id, kept, state)} rel="prev">
              <span aria-hidden="true">← </span>
              {data.previousTopic.title}
            </Link>
          ) : <span />}
          <Link to={compareUrl(data.topic.id, kept, { ...state, present: !data.present })} className="mode-toggle">
            {data.present ? "Leave projector mode" : "Projector mode"}
          </Link>
          {data.nextTopic ? (
            <Link to={compareUrl(data.nextTopic.id, kept, state)} rel="next">
              {data.nextTopic.title}
              <span aria-hidden="true"> →</span>
            </Link>
          ) : <span />}
        </nav>


        {data.columns.length > 1 ? (
          <nav className="column-switcher no-print" aria-label="Jump to a viewpoint">
            {data.columns.map((column) => (
              <a key={column.viewpoint.id} href={`#column-${column.viewpoint.id}`}>
                <ViewpointLabel viewpoint={column.viewpoint} link={false} />
              </a>
            ))}
          </nav>
        ) : null}

        <div className="columns" style={{ "--columns": data.columns.length } as CSSProperties}>
          {data.columns.map((column) => (
            <section
              key={column.viewpoint.id}
              id={`column-${column.viewpoint.id}`}
              className="column"
              style={viewpointStyle(column.viewpoint.hue)}
              aria-labelledby={`column-${column.viewpoint.id}-title`}
            >
              <header className="column-header">
                <h2 id={`column-${column.viewpoint.id}-title`}>
                  <ViewpointLabel viewpoint={column.viewpoint} />
                </h2>
                {column.stance ? <StanceBadge stance={column.stance} question={data.topic.question} /> : null}
              </header>
              <Prose html={column.noteHtml} className="position-note" />
              {column.claims.length === 0 && column.stance === "not-addressed" ? (
                <p className="muted">The sources give this viewpoint no answer to this question.</p>
              ) : null}
              {column.claims.map((claim) => (
                <ClaimCard key={claim.id} claim={claim} level={3} claimHref={claimHref} foldItems={data.present} />
              ))}
            </section>
          ))}
        </div>
        <PageSources sources={data.sources} />
      </div>
  );
}
