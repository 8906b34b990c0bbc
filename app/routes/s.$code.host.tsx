import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { ActionForm } from "~/components/seminar/action-form";
import { ConnectionNotice } from "~/components/seminar/connection-notice";
import { useLiveView } from "~/components/seminar/live";
import { OutboxProvider, OutboxStatus, useOutbox } from "~/components/seminar/outbox";
import { QuestionList } from "~/components/seminar/room-questions";
import { RoomResults } from "~/components/seminar/room-results";
import { pageMeta } from "~/lib/meta";
import { refusingSeminarErrors, seminarContext } from "~/seminar/context.server";
import { hostPage } from "~/seminar/pages.server";
import { seminarHeaders } from "~/seminar/route-headers";

export const headers = seminarHeaders;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return refusingSeminarErrors(request, async () => hostPage(await seminarContext(request, context), params.code ?? ""));
}

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? pageMeta(`Seminar ${data.view.code}: host console`, data.view.screen.topic.question) : []);

export default function HostConsole() {
  const data = useLoaderData<typeof loader>();
  return (
    <OutboxProvider code={data.view.code}>
      <Console />
    </OutboxProvider>
  );
}

const time = (iso: string) => new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });

/** ← and → step the seminar from the console too, unless the host is typing. */
function useConsoleKeys(step: (offset: number) => void) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement;
      if (target.closest("input, textarea, select, [contenteditable]")) return;
      if (event.key === "ArrowRight") step(1);
      else if (event.key === "ArrowLeft") step(-1);
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [step]);
}

/** The newest room question the host has not seen yet, until they say they have. */
function useNewestQuestion(code: string, ids: number[]) {
  const key = `counterpoint-seen-question:${code}`;
  const [seen, setSeen] = useState<number | undefined>(undefined);
  useEffect(() => {
    const stored = Number(sessionStorage.getItem(key));
    setSeen(Number.isFinite(stored) && stored > 0 ? stored : Math.max(0, ...ids));
    // Only on arrival: questions asked before the console opened are not new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const newest = Math.max(0, ...ids);
  const markSeen = () => {
    setSeen(newest);
    sessionStorage.setItem(key, String(newest));
  };
  return { newest: seen !== undefined && newest > seen ? newest : undefined, markSeen };
}

function Console() {
  const data = useLoaderData<typeof loader>();
  const { view, connection } = useLiveView(data.view.code, "host", data.view);
  const outbox = useOutbox();
  const { code } = view;
  const here = `/s/${code}/host`;
  const requested = useRef<number | undefined>(undefined);
  if (requested.current === view.step) requested.current = undefined;
  // The keys' listener is the one of the last effect, which can run after a newer view has rendered:
  // it reads the view shown now from here, not the one it was made with (which would step from an old step).
  const latest = useRef(view);
  latest.current = view;
  const stepBy = (offset: number) => {
    const shown = latest.current;
    const from = requested.current ?? shown.step;
    const target = Math.min(Math.max(from + offset, 1), shown.total);
    if (target === from || shown.ended) return;
    requested.current = target;
    outbox?.send({ intent: "step", topic: shown.topic, step: String(target) }, { label: `step ${target}`, key: "step" });
  };
  useConsoleKeys(stepBy);
  const { newest, markSeen } = useNewestQuestion(code, view.allQuestions.map((question) => question.id));
  const newestQuestion = view.allQuestions.find((question) => question.id === newest);
  const current = view.outline.find((entry) => entry.step === view.step);
  // The question after this one, from the closing screen on now (the loader's would be the first question's).
  const next = view.screen.screen.kind === "closing" ? view.screen.screen.nextTopic : undefined;
  const stepDescription = (fields: Record<string, string>) => `step ${fields.step}`;

  return (
    <div className="host-console">
      <h1>
        Seminar <span className="join-code">{code}</span> <span className="muted">host console</span>
      </h1>
      <ConnectionNotice connection={connection} />
      <OutboxStatus />
      {data.error ? (
        <p className="form-error" role="alert">
          {data.error}
        </p>
      ) : null}
      {data.join.unreachable ? (
        <p className="warning" role="alert">
          {data.join.unreachable}
        </p>
      ) : null}
      <div role="status" aria-live="polite" className="new-question-notice">
        {newestQuestion ? (
          <p className="notice">
            <strong>New question from the room:</strong> {newestQuestion.text}{" "}
            <button type="button" className="secondary" onClick={markSeen}>
              Seen
            </button>
          </p>
        ) : null}
      </div>

      {view.ended ? (
        <section className="card ended-card" aria-labelledby="ended-heading">
          <h2 id="ended-heading">This seminar has ended</h2>
          <p>Phones can no longer answer or ask. The results stay here until the seminar is deleted.</p>
          <ul>
            <li>
              <Link to={data.links.summary}>Printable summary</Link>
            </li>
            <li>
              Download the results: <a href={data.links.csv} download>results.csv</a>, <a href={data.links.json} download>results.json</a>
            </li>
          </ul>
          {view.reopenableUntil ? (
            <ActionForm code={code} intent="reopen" redirectTo={here} describe={() => "reopening the seminar"}>
              <button type="submit" className="secondary">
                Undo: reopen the seminar (until {time(view.reopenableUntil)})
              </button>
            </ActionForm>
          ) : null}
        </section>
      ) : (
        <section aria-labelledby="now-heading" className="card">
          <h2 id="now-heading">Now showing</h2>
          <p>
            <strong>{view.screen.topic.title}</strong>: {view.screen.topic.question}
          </p>
          <p aria-live="polite">
            Step {view.step} of {view.total}: {current?.label ?? view.stepLabel}
          </p>
          <div className="button-row">
            {view.step > 1 ? (
              <ActionForm code={code} intent="step" redirectTo={here} fields={{ topic: view.topic, step: view.step - 1 }} describe={stepDescription} replaces={() => "step"}>
                <button type="submit">← Back</button>
              </ActionForm>
            ) : null}
            {view.step < view.total ? (
              <ActionForm code={code} intent="step" redirectTo={here} fields={{ topic: view.topic, step: view.step + 1 }} describe={stepDescription} replaces={() => "step"}>
                <button type="submit">Next →</button>
              </ActionForm>
            ) : null}
            {next ? (
              <ActionForm
                code={code}
                intent="step"
                redirectTo={here}
                fields={{ topic: next.id, step: 1 }}
                describe={() => `the next question, “${next.title}”`}
                replaces={() => "step"}
              >
                <button type="submit" className="secondary">
                  Move everyone to the next question: {next.title}
                </button>
              </ActionForm>
            ) : null}
          </div>
          <p className="hint">
            Keys: ← → step, here or on the projector. {view.paused ? "Phones browse freely; they come back to your step when you resume. " : "Phones follow your steps. "}
            {view.revealed ? "The projector and the phones show the results on the closing screen." : "Results stay hidden from the room until you reveal them."}
          </p>
          <div className="button-row">
            <ActionForm code={code} intent={view.paused ? "resume" : "pause"} redirectTo={here} describe={() => (view.paused ? "resuming" : "pausing")}>
              <button type="submit" className="secondary">
                {view.paused ? "Resume following" : "Pause following"}
              </button>
            </ActionForm>
            <ActionForm code={code} intent={view.revealed ? "conceal" : "reveal"} redirectTo={here} describe={() => (view.revealed ? "concealing the results" : "revealing the results")}>
              <button type="submit" className="secondary">
                {view.revealed ? "Conceal results" : "Reveal results"}
              </button>
            </ActionForm>
          </div>
          <p>
            <strong>{view.here}</strong> here now · <strong>{view.joined}</strong> joined at <a href={data.join.url}>{data.join.short}</a>
            {view.answered !== null ? (
              <>
                {" "}
                · <strong>{view.answered}</strong> answered this poll
              </>
            ) : null}
          </p>
        </section>
      )}

      {view.ended ? null : (
        <nav aria-labelledby="outline-heading" className="card step-outline">
          <h2 id="outline-heading">Steps of this question</h2>
          <ol>
            {view.outline.map((entry) => (
              <li key={entry.step} className={`outline-${entry.kind}`} aria-current={entry.step === view.step ? "step" : undefined}>
                <ActionForm code={code} intent="step" redirectTo={here} fields={{ topic: view.topic, step: entry.step }} describe={stepDescription} replaces={() => "step"}>
                  <button type="submit" className="link-button">
                    {entry.step}. {entry.label}
                  </button>
                </ActionForm>
              </li>
            ))}
          </ol>
        </nav>
      )}

      <section aria-labelledby="tally-heading" className="card">
        <h2 id="tally-heading">Polls on this question</h2>
        <RoomResults results={view.hostResults} headingLevel={3} />
      </section>

      <section aria-labelledby="questions-heading" className="card">
        <h2 id="questions-heading">Questions from the room</h2>
        <QuestionList code={code} questions={view.allQuestions} redirectTo={here} role="host" newest={newest} />
      </section>

      <section aria-labelledby="share-heading" className="card">
        <h2 id="share-heading">Projector, results and other devices</h2>
        <ul>
          <li>
            <Link to={data.links.present}>Open the projector view</Link> (on the computer that drives the projector)
          </li>
          <li>
            Download the results: <a href={data.links.csv} download>results.csv</a>, <a href={data.links.json} download>results.json</a>
          </li>
          <li>
            <Link to={data.links.summary}>Printable summary</Link>
          </li>
        </ul>
        {data.hostLink ? (
          <>
            <p id="host-link-warning" className="warning">
              <strong>This link makes whoever opens it a host</strong> of this seminar: they can step, pause, hide questions and end it. Open it only on your own
              devices, and never show it on the projector.
            </p>
            <label htmlFor="host-link">Host link, to open on another device</label>
            <input id="host-link" className="host-link" readOnly value={data.hostLink} aria-describedby="host-link-warning" />
          </>
        ) : null}
      </section>

      {view.ended ? null : (
        <section aria-labelledby="end-heading" className="card">
          <h2 id="end-heading">End the seminar</h2>
          {data.confirmEnd ? (
            <>
              <p>
                <strong>End the seminar now?</strong> Phones can no longer answer or ask, and they and the projector say it has ended. You can undo this for 10 minutes.
              </p>
              <div className="button-row">
                <ActionForm code={code} intent="end" redirectTo={here} describe={() => "ending the seminar"}>
                  <button type="submit" className="danger">
                    Yes, end the seminar
                  </button>
                </ActionForm>
                <Link to={here} className="button secondary">
                  Cancel
                </Link>
              </div>
            </>
          ) : (
            <>
              <p>Phones can no longer answer or ask; you keep the results until they are deleted.</p>
              <Link to={`${here}?confirm=end`} className="button danger">
                End seminar…
              </Link>
            </>
          )}
        </section>
      )}
    </div>
  );
}
