import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { PageSources } from "~/components/citations";
import { ClaimCard } from "~/components/claim-card";
import { Prose } from "~/components/prose";
import { StanceBadge, ViewpointLabel, viewpointStyle } from "~/components/viewpoint";
import { pageMeta } from "~/lib/meta";
import { readView, useView, viewData } from "~/lib/view-data";
import { compareUrl } from "~/lib/urls";
import { STANCE_LABELS } from "~/lib/labels";
import { topicPage } from "~/models/pages.server";

export async function loader({ params }: LoaderFunctionArgs) {
  return viewData(topicPage(params.id));
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const view = readView<typeof loader>(data);
  return view ? pageMeta(view.topic.title, `${view.topic.question} Every viewpoint's answer, with evidence and sources.`) : [];
};

export default function TopicPage() {
  const { topic, answers, summary, previous, next, unanswered, statements, sources } = useView<typeof loader>();
  return (
    <>
      <article className="topic-page">
        <header className="page-header">
          <p className="eyebrow">Question</p>
          <h1>{topic.title}</h1>
          <p className="question">{topic.question}</p>
          <Prose html={topic.framingHtml} className="framing" />
          <p className="no-print">
            <Link to={compareUrl(topic.id, [])}>Compare these answers side by side</Link> ·{" "}
            <Link to={`/topics/${topic.id}/map`}>Map of this dispute</Link> ·{" "}
            <Link to="/where-do-i-stand">Where do I stand?</Link> ·{" "}
            <Link to={`/seminar?topic=${encodeURIComponent(topic.id)}`}>Run a seminar on this question</Link>
          </p>
          <nav aria-label="Who answers what" className="answer-summary">
            <dl>
              {summary.map(({ stance, viewpoints }) => (
                <div key={stance} className={`answer-summary-row stance-row-${stance}`}>
                  <dt>
                    <StanceBadge stance={stance} question={topic.question} />
                  </dt>
                  <dd>
                    {viewpoints.length === 0 ? (
                      <span className="muted">None</span>
                    ) : (
                      <ul>
                        {viewpoints.map((viewpoint) => (
                          <li key={viewpoint.id}>
                            <a href={`#${viewpoint.id}`}>{viewpoint.name}</a>
                          </li>
                        ))}
                      </ul>
                    )}
                  </dd>
                </div>
              ))}
            </dl>
            <p>
              <span className="visually-hidden">{STANCE_LABELS["not-addressed"]}: </span>
              {unanswered} {unanswered === 1 ? "claim has" : "claims have"} no answer yet (no other viewpoint contests {unanswered === 1 ? "it" : "them"}).{" "}
              <Link to={`/search?topic=${topic.id}&open=`}>List them</Link>
            </p>
          </nav>
        </header>
        {answers.map((answer) => (
          <section
            key={answer.viewpoint.id}
            id={answer.viewpoint.id}
            className="answer"
            style={viewpointStyle(answer.viewpoint.hue)}
            aria-labelledby={`${answer.viewpoint.id}-answer`}
          >
            <header className="topic-section-header">
              <h2 id={`${answer.viewpoint.id}-answer`}>
                <ViewpointLabel viewpoint={answer.viewpoint} />
              </h2>
              <StanceBadge stance={answer.stance} question={topic.question} />
            </header>
            <Prose html={answer.noteHtml} className="position-note" />
            {answer.claims.map((claim) => (
              <ClaimCard key={claim.id} claim={claim} level={3} contestedStatements={statements} />
            ))}
          </section>
        ))}
        <nav className="topic-pager no-print" aria-label="Other questions">
          {previous ? (
            <Link to={`/topics/${previous.id}`} rel="prev">
              ← Previous question: {previous.title}
            </Link>
          ) : null}
          {next ? (
            <Link to={`/topics/${next.id}`} rel="next">
              Next question: {next.title} →
            </Link>
          ) : null}
        </nav>
        <PageSources sources={sources} />
      </article>
    </>
  );
}
