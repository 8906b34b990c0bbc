import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageSources } from "~/components/citations";
import { ClaimCard } from "~/components/claim-card";
import { Prose } from "~/components/prose";
import { RefsProvider } from "~/components/refs";
import { StanceBadge, viewpointStyle } from "~/components/viewpoint";
import { pageMeta } from "~/lib/meta";
import { getContent, notFound } from "~/models/content.server";
import { refsOf } from "~/models/refs.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const content = getContent();
  const perspective = content.perspectives.get(params.id ?? "") ?? notFound("viewpoint", params.id ?? "");
  return { refs: refsOf(content), perspective, topics: content.debate.topics };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? pageMeta(data.perspective.name, data.perspective.summary) : [];

export default function PerspectivePage() {
  const { refs, perspective, topics } = useLoaderData<typeof loader>();
  return (
    <RefsProvider refs={refs}>
      <article className="perspective-page" style={viewpointStyle(refs.perspectives[perspective.id]?.index ?? 0)}>
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
            {topics.map((topic) => (
              <li key={topic.id}>
                <a href={`#topic-${topic.id}`}>{topic.title}</a>
              </li>
            ))}
          </ol>
        </nav>
        {topics.map((topic) => {
          const position = perspective.positions.find((item) => item.topic === topic.id);
          const claims = perspective.claims.filter((claim) => claim.topic === topic.id);
          return (
            <section key={topic.id} id={`topic-${topic.id}`} className="topic-section" aria-labelledby={`topic-${topic.id}-title`}>
              <header className="topic-section-header">
                <h2 id={`topic-${topic.id}-title`}>
                  <Link to={`/topics/${topic.id}`}>{topic.title}</Link>
                </h2>
                <StanceBadge stance={position?.stance ?? "not-addressed"} question={topic.question} />
              </header>
              <p className="question">{topic.question}</p>
              {position ? <Prose html={position.noteHtml} className="position-note" /> : null}
              {claims.map((claim) => (
                <ClaimCard key={claim.id} claim={claim} level={3} />
              ))}
            </section>
          );
        })}
        <PageSources claims={perspective.claims} />
      </article>
    </RefsProvider>
  );
}
