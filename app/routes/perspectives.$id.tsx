import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { PageSources } from "~/components/citations";
import { ClaimCard } from "~/components/claim-card";
import { Prose } from "~/components/prose";
import { StanceBadge, viewpointStyle } from "~/components/viewpoint";
import { pageMeta } from "~/lib/meta";
import { readView, useView, viewData } from "~/lib/view-data";
import { perspectivePage } from "~/models/pages.server";

export async function loader({ params }: LoaderFunctionArgs) {
  return viewData(perspectivePage(params.id));
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const view = readView<typeof loader>(data);
  return view ? pageMeta(view.name, view.summary) : [];
};

export default function PerspectivePage() {
  const perspective = useView<typeof loader>();
  return (
    <article className="perspective-page" style={viewpointStyle(perspective.viewpoint.hue)}>
      <header className="page-header viewpoint-header">
        <p className="eyebrow">Viewpoint</p>
        <h1>{perspective.name}</h1>
        <p className="lede">{perspective.summary}</p>
      </header>
      <dl className="facts">
        <dt>Tradition</dt>
        <dd>{perspective.tradition}</dd>
        <dt>Proponents named in the sources</dt>
        <dd>
          <ul>
            {perspective.proponents.map((proponent) => (
              <li key={proponent}>{proponent}</li>
            ))}
          </ul>
        </dd>
        <dt>Preferred policy</dt>
        <dd>{perspective.policy}</dd>
      </dl>
      <Prose html={perspective.overviewHtml} />
      <nav aria-label="Questions on this page" className="toc no-print">
        <ol>
          {perspective.topics.map((topic) => (
            <li key={topic.id}>
              <a href={`#topic-${topic.id}`}>{topic.title}</a>
            </li>
          ))}
        </ol>
      </nav>
      {perspective.topics.map((topic) => (
        <section key={topic.id} id={`topic-${topic.id}`} className="topic-section" aria-labelledby={`topic-${topic.id}-title`}>
          <header className="topic-section-header">
            <h2 id={`topic-${topic.id}-title`}>
              <Link to={`/topics/${topic.id}`}>{topic.title}</Link>
            </h2>
            <StanceBadge stance={topic.stance} question={topic.question} />
          </header>
          <p className="question">{topic.question}</p>
          <Prose html={topic.noteHtml} className="position-note" />
          {topic.claims.map((claim) => (
            <ClaimCard key={claim.id} claim={claim} level={3} />
          ))}
        </section>
      ))}
      <PageSources sources={perspective.sources} />
    </article>
  );
}
