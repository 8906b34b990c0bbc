import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { SerializeFrom } from "@remix-run/node";
import { viewpointStyle } from "~/components/viewpoint";
import { STANCE_LABELS } from "~/lib/labels";
import type { PresenterScreen } from "~/models/present.server";

export type StepView = SerializeFrom<PresenterScreen>;

function Stance({ stance }: { stance: keyof typeof STANCE_LABELS }) {
  return <span className={`stance stance-${stance}`}>{STANCE_LABELS[stance]}</span>;
}

function Viewpoint({ viewpoint }: { viewpoint: { name: string; hue: number } }) {
  return (
    <span className="viewpoint-label" style={viewpointStyle(viewpoint.hue)}>
      <span className="swatch" aria-hidden="true" />
      {viewpoint.name}
    </span>
  );
}

interface StepScreenProps {
  view: StepView;
  /** Where "Next question" leads; without it the next question is named, not linked (a seminar moves on by the host's step). */
  nextTopicHref?: string;
  /** Shown on the closing screen in place of the question, e.g. the room's results. */
  closing?: ReactNode;
}

/** One step's content, the same on the projector and on the phones; each view styles it for its screen. */
export function StepScreen({ view, nextTopicHref, closing }: StepScreenProps) {
  const { screen, topic } = view;
  switch (screen.kind) {
    case "question":
      return (
        <>
          <p className="presenter-eyebrow">{view.debateTitle}</p>
          <h1 tabIndex={-1}>{topic.title}</h1>
          <div className="presenter-framing" dangerouslySetInnerHTML={{ __html: screen.framingHtml }} />
        </>
      );
    case "overview":
      return (
        <>
          <h1 tabIndex={-1}>{topic.title}: where each viewpoint stands</h1>
          <ul className="presenter-overview">
            {screen.viewpoints.map((viewpoint) => (
              <li key={viewpoint.id}>
                <Viewpoint viewpoint={viewpoint} />
                <Stance stance={viewpoint.stance} />
              </li>
            ))}
          </ul>
        </>
      );
    case "viewpoint":
      return (
        <>
          <h1 tabIndex={-1}>
            <Viewpoint viewpoint={screen.viewpoint} /> <Stance stance={screen.viewpoint.stance} />
          </h1>
          <ul className={`presenter-claims is-${screen.density}`}>
            {screen.claims.map((claim) => (
              <li key={claim.id} className="presenter-statement">
                <Stance stance={claim.stance} /> {claim.statement}
              </li>
            ))}
          </ul>
        </>
      );
    case "item":
      return (
        <>
          <h1 className="presenter-claim-heading" tabIndex={-1}>
            <Viewpoint viewpoint={screen.viewpoint} />
          </h1>
          <p className="presenter-statement">
            <Stance stance={screen.claim.stance} /> {screen.claim.statement}
          </p>
          <section className={`presenter-item presenter-item-${screen.item.type}`} aria-labelledby="presenter-item-label">
            <h2 id="presenter-item-label">
              {screen.item.type === "evidence" ? "Evidence" : "Counter-evidence"} {screen.item.ordinal} of {screen.item.count}
              <span className="presenter-kind"> · {screen.item.kindLabel}</span>
            </h2>
            <div className="presenter-item-text" dangerouslySetInnerHTML={{ __html: screen.item.html }} />
            {screen.item.citations.length > 0 ? <p className="presenter-cite">{screen.item.citations.join("; ")}</p> : null}
          </section>
        </>
      );
    case "closing":
      return (
        <>
          <h1 tabIndex={-1}>{topic.title}: where does the room stand now?</h1>
          {closing ?? <p className="presenter-closing">{topic.question}</p>}
          {screen.nextTopic ? (
            <p className="presenter-closing presenter-next">
              Next question: {nextTopicHref ? <Link to={nextTopicHref}>{screen.nextTopic.title}</Link> : screen.nextTopic.title}
            </p>
          ) : null}
        </>
      );
  }
}
