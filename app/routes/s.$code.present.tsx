import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { ConnectionNotice } from "~/components/seminar/connection-notice";
import { JoinCorner } from "~/components/seminar/join-corner";
import { KeysHelp } from "~/components/seminar/keys-help";
import { useLiveView } from "~/components/seminar/live";
import { OutboxProvider, OutboxStatus, useOutbox } from "~/components/seminar/outbox";
import { PresenterFrame } from "~/components/seminar/presenter-frame";
import { usePresenterKeys } from "~/components/seminar/presenter-keys";
import { ProjectorResults } from "~/components/seminar/room-results";
import { pageMeta } from "~/lib/meta";
import { refusingSeminarErrors, seminarContext } from "~/seminar/context.server";
import { projectorPage } from "~/seminar/pages.server";
import { seminarHeaders } from "~/seminar/route-headers";
import styles from "~/styles/present.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const headers = seminarHeaders;

/** root.tsx leaves out the site header and footer: the projector shows only the screen. */
export const handle = { bare: true };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return refusingSeminarErrors(request, async () => projectorPage(await seminarContext(request, context), params.code ?? ""));
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? pageMeta(`Seminar ${data.view.code}: ${data.view.screen.topic.title}`, data.view.screen.topic.question) : [];

export default function SeminarProjector() {
  const data = useLoaderData<typeof loader>();
  return (
    <OutboxProvider code={data.view.code}>
      <Projector />
    </OutboxProvider>
  );
}

/**
 * The room's screen, driven by the seminar's live view. It shows nothing
 * secret: no tallies before the host reveals them, no way to the console.
 * Steps are sent through the outbox, so a step asked for while the laptop's
 * network blips is sent when it is back, and a refused one says why.
 */
function Projector() {
  const data = useLoaderData<typeof loader>();
  const { view, connection } = useLiveView(data.view.code, "screen", data.view);
  const outbox = useOutbox();
  const [confirmNext, setConfirmNext] = useState(false);
  const [help, setHelp] = useState(false);
  const { code, topic, total } = view;
  // The question after this one, from the closing screen on now: the page's loader spoke of the question it opened on.
  const next = view.screen.screen.kind === "closing" ? view.screen.screen.nextTopic : undefined;
  const sendStep = useCallback(
    (target: { topic: string; step: number }, label: string) => outbox?.send({ intent: "step", topic: target.topic, step: String(target.step) }, { label, key: "step" }),
    [outbox],
  );
  const moveTo = useCallback(
    (step: number) => {
      setConfirmNext(false);
      // From the closing screen, the next question is a choice to make, not a key pressed once too often.
      if (step > total) setConfirmNext(Boolean(next));
      else sendStep({ topic, step }, `step ${step}`);
    },
    [total, topic, next, sendStep],
  );
  const go = usePresenterKeys(view.step, total, moveTo);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "?") setHelp((shown) => !shown);
      else if (event.key === "Escape") {
        setHelp(false);
        setConfirmNext(false);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  const nextButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirmNext) nextButton.current?.focus();
  }, [confirmNext]);

  if (view.ended) {
    return (
      <div className="presenter is-ended">
        <div className="presenter-screen">
          <h1>This seminar has ended</h1>
          <p className="presenter-closing">Thank you for taking part.</p>
          {view.results ? <ProjectorResults results={view.results} /> : null}
        </div>
      </div>
    );
  }

  const answered = view.answered !== null ? `${view.answered} answered so far · ${view.here} here now` : null;
  return (
    <PresenterFrame
      view={view.screen}
      go={go}
      // The results take the whole screen: joining can wait.
      corner={view.results ? undefined : <JoinCorner join={data.join} code={code} here={view.here} joined={view.joined} />}
      closing={
        view.results ? (
          <ProjectorResults results={view.results} />
        ) : (
          <>
            <p className="presenter-closing">{view.screen.topic.question} Answer on your phone now.</p>
            {answered ? (
              <p className="presenter-answered" aria-live="polite">
                {answered}
              </p>
            ) : null}
          </>
        )
      }
      nav={
        <>
          <span className="presenter-status">
            <ConnectionNotice connection={connection} />
            <OutboxStatus />
          </span>
          <span className="presenter-progress" aria-live="polite">
            Step {view.step} of {view.total}
            {view.paused ? " · phones browsing freely" : ""}
            {/* Inline, inside the step's own line: set apart in words too, or "Step 3 of 10" and "4 answered" read as "104 answered". */}
            {answered && view.screen.screen.kind !== "closing" ? <span className="presenter-answered"> · {answered}</span> : null}
          </span>
          <button type="button" className="presenter-help-button" onClick={() => setHelp(true)} aria-haspopup="dialog">
            Keys <kbd>?</kbd>
          </button>
        </>
      }
      overlay={
        <>
          {help ? <KeysHelp onClose={() => setHelp(false)} /> : null}
          {confirmNext && next ? (
            <div className="presenter-dialog" role="dialog" aria-modal="true" aria-labelledby="next-question-heading">
              <h2 id="next-question-heading">Go on to the next question?</h2>
              <p>Everyone moves to “{next.title}”. The results of this question stay in the console and the summary.</p>
              <div className="button-row">
                <button type="button" ref={nextButton} onClick={() => (setConfirmNext(false), sendStep({ topic: next.id, step: 1 }, `the next question, “${next.title}”`))}>
                  Go on
                </button>
                <button type="button" className="secondary" onClick={() => setConfirmNext(false)}>
                  Stay here
                </button>
              </div>
            </div>
          ) : null}
        </>
      }
    />
  );
}
