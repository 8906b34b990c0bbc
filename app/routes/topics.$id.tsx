import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageSources } from "~/components/citations";
import { ClaimCard } from "~/components/claim-card";
import { Prose } from "~/components/prose";
import { RefsProvider } from "~/components/refs";
import { StanceBadge, ViewpointLabel, viewpointStyle } from "~/components/viewpoint";
import { pageMeta } from "~/lib/meta";
import { compareUrl } from "~/lib/urls";
import { getContent, notFound } from "~/models/content.server";
import { refsOf } from "~/models/refs.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const content = getContent();
  const topic = content.topics.get(params.id ?? "") ?? notFound("question", params.id ?? "");
  return {
    refs: refsOf(content),
    topic,
    answers: content.debate.perspectives.map((perspective) => ({
      id: perspective.id,
      position: perspective.positions.find((position) => position.topic === topic.id),
      claims: perspective.claims.filter((claim) => claim.topic === topic.id),
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? pageMeta(data.topic.title, `${data.topic.question} Every viewpoint's answer, with evidence and sources.`) : [];

export default function TopicPage() {
  const { refs, topic, answers } = useLoaderData<typeof loader>();
  return (
    <RefsProvider refs={refs}>
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
            key={answer.id}
            id={answer.id}
            className="answer"
            style={viewpointStyle(refs.perspectives[answer.id]?.index ?? 0)}
            aria-labelledby={`${answer.id}-answer`}
          >
            <header className="topic-section-header">
              <h2 id={`${answer.id}-answer`}>
                <ViewpointLabel id={answer.id} />
              </h2>
              <StanceBadge stance={answer.position?.stance ?? "not-addressed"} question={topic.question} />
            </header>
            {answer.position ? <Prose html={answer.position.noteHtml} className="position-note" /> : null}
            {answer.claims.map((claim) => (
              <ClaimCard key={claim.id} claim={claim} level={3} />
            ))}
          </section>
        ))}
        <PageSources claims={answers.flatMap((answer) => answer.claims)} />
      </article>
    </RefsProvider>
  );
}
