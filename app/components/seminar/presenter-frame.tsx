import type { MouseEvent, ReactNode } from "react";
import { StepScreen, type StepView } from "./step-screen";

interface PresenterFrameProps {
  view: StepView;
  /** Called with a step to move to, relative to the one last asked for. */
  go: (step: (current: number) => number) => void;
  nav: ReactNode;
  /** The join corner of a seminar. */
  corner?: ReactNode;
  nextTopicHref?: string;
  closing?: ReactNode;
  /** Dialogs over the screen (the keys, a confirmation). */
  overlay?: ReactNode;
}

/** The projector's layout: the question on top, the step's screen, the step navigation, and a seminar's corner. */
export function PresenterFrame({ view, go, nav, corner, nextTopicHref, closing, overlay }: PresenterFrameProps) {
  // A click or tap on the screen's right two thirds moves on, on its left third goes back.
  const onClick = (event: MouseEvent<HTMLElement>) => {
    if ((event.target as HTMLElement).closest("a, button, [role=dialog]")) return;
    go((current) => (event.clientX < window.innerWidth / 3 ? current - 1 : current + 1));
  };
  return (
    // eslint-disable-next-line jsx-a11y/click-events-have-key-events -- the keys are bound on the window
    <div className={`presenter is-${view.screen.kind}${corner ? " in-session" : ""}`} onClick={onClick}>
      <header className="presenter-top">
        <p className="presenter-question">{view.topic.question}</p>
      </header>
      <div className="presenter-screen">
        <StepScreen view={view} nextTopicHref={nextTopicHref} closing={closing} />
      </div>
      <nav className="presenter-nav" aria-label="Steps">
        {nav}
      </nav>
      {corner ? <section className="presenter-corner" aria-label="Join this seminar">{corner}</section> : null}
      {overlay}
    </div>
  );
}
