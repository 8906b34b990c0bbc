import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { PageSources } from "~/components/citations";
import { ClaimCard } from "~/components/claim-card";
import { Prose } from "~/components/prose";
import { StanceBadge, ViewpointLabel, viewpointStyle } from "~/components/viewpoint";
import { pageMeta } from "~/lib/meta";
import { readView, useView, viewData } from "~/lib/view-data";
import { compareUrl } from "~/lib/urls";
import { topicPage } from "~/models/pages.server";

export async function loader({ params }: LoaderFunctionArgs) {
  return viewData(topicPage(params.id));
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const view = readView<typeof loader>(data);
  return view ? pageMeta(view.topic.title, `${view.topic.question} Every viewpoint's answer, with evidence and sources.`) : [];
};

export default function TopicPage() {
  const { topic, answers, sources } = useView<typeof loader>();
  return (
    <article className="topic-page">
      <header className="page-header">
        <p className="eyebrow">Question</p>
        <h1>{topic.title}</h1>
        <p className="question">{topic.question}</p>
        <Prose html={topic.framingHtml} className="framing" />
        <p className="no-print">
          <Link to={compareUrl(topic.id, [])}>Compare these answers side by side</Link>
        </p>
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
            <ClaimCard key={claim.id} claim={claim} level={3} />
          ))}
        </section>
      ))}
      <PageSources sources={sources} />
    </article>
  );
}
