import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { PageSources } from "~/components/citations";
import { ClaimCard } from "~/components/claim-card";
import { FlagBadges, HowToReadFlags } from "~/components/flags";
import { Prose } from "~/components/prose";
import { StanceBadge, viewpointStyle } from "~/components/viewpoint";
import { pageMeta } from "~/lib/meta";
import { readView, useView, viewData } from "~/lib/view-data";
import { flagsFromUrl } from "~/models/flags.server";
import { perspectivePage } from "~/models/pages.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  return viewData(perspectivePage(params.id, flagsFromUrl(new URL(request.url))));
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const view = readView<typeof loader>(data);
  return view ? pageMeta(view.name, view.summary) : [];
};

/** "7 of 12 stances are inferred", each with a filter that needs no JavaScript. */
function FlagTallies({ flags }: { flags: ReturnType<typeof perspectivePage>["flags"] }) {
  if (flags.tallies.length === 0) return null;
  return (
    <section className="flag-tallies" aria-labelledby="flag-tallies-title">
      <h2 id="flag-tallies-title">How this viewpoint rests on the sources</h2>
      <ul>
        {flags.tallies.map((tally) => (
          <li key={tally.flag}>
            <FlagBadges flags={[tally.flag]} /> {tally.sentence}.{" "}
            <Link to={`?flag=${tally.flag}`} aria-current={flags.only.includes(tally.flag) ? "page" : undefined} className="no-print">
              Show only these claims ({tally.claims})
            </Link>
          </li>
        ))}
      </ul>
      {flags.only.length > 0 ? (
        <p role="status">
          Showing {flags.shown} of {flags.total} claims. <Link to=".">Show all claims</Link>
        </p>
      ) : null}
      <HowToReadFlags />
    </section>
  );
}

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
      <FlagTallies flags={perspective.flags} />
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
            <FlagBadges flags={topic.flags} />
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
