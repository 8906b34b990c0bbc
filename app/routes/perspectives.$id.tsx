import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageSources } from "~/components/citations";
import { ClaimCard } from "~/components/claim-card";
import { FlagBadges, HowToReadFlags } from "~/components/flags";
import { Prose } from "~/components/prose";
import { RefsProvider } from "~/components/refs";
import { StanceBadge, viewpointStyle } from "~/components/viewpoint";
import { pageMeta } from "~/lib/meta";
import { getContent, notFound } from "~/models/content.server";
import { claimHasFlag, flagsFromUrl, tallyFlags } from "~/models/flags.server";
import { refsOf } from "~/models/refs.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const content = getContent();
  const perspective = content.perspectives.get(params.id ?? "") ?? notFound("viewpoint", params.id ?? "");
  const onlyFlags = flagsFromUrl(new URL(request.url));
  const shown = perspective.claims.filter((claim) => onlyFlags.every((flag) => claimHasFlag(claim, flag)));
  return { refs: refsOf(content), perspective, shown, onlyFlags, tallies: tallyFlags(perspective.claims), topics: content.debate.topics };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? pageMeta(data.perspective.name, data.perspective.summary) : [];

export default function PerspectivePage() {
  const { refs, perspective, shown, onlyFlags, tallies, topics } = useLoaderData<typeof loader>();
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
        {tallies.length > 0 ? (
          <section className="flag-tallies" aria-labelledby="flag-tallies-title">
            <h2 id="flag-tallies-title">How this viewpoint rests on the sources</h2>
            <ul>
              {tallies.map((tally) => (
                <li key={tally.flag}>
                  <FlagBadges flags={[tally.flag]} /> {tally.sentence}.{" "}
                  <Link to={`?flag=${tally.flag}`} aria-current={onlyFlags.includes(tally.flag) ? "page" : undefined} className="no-print">
                    Show only these claims ({tally.claims})
                  </Link>
                </li>
              ))}
            </ul>
            {onlyFlags.length > 0 ? (
              <p role="status">
                Showing {shown.length} of {perspective.claims.length} claims. <Link to=".">Show all claims</Link>
              </p>
            ) : null}
            <HowToReadFlags />
          </section>
        ) : null}
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
          const claims = shown.filter((claim) => claim.topic === topic.id);
          return (
            <section key={topic.id} id={`topic-${topic.id}`} className="topic-section" aria-labelledby={`topic-${topic.id}-title`}>
              <header className="topic-section-header">
                <h2 id={`topic-${topic.id}-title`}>
                  <Link to={`/topics/${topic.id}`}>{topic.title}</Link>
                </h2>
                <StanceBadge stance={position?.stance ?? "not-addressed"} question={topic.question} />
                <FlagBadges flags={position?.flags ?? []} />
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
