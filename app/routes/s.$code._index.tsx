import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation, useNavigate } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { ConnectionNotice } from "~/components/seminar/connection-notice";
import { useLiveView } from "~/components/seminar/live";
import { OutboxProvider, OutboxStatus, type Delivered } from "~/components/seminar/outbox";
import { PollForm } from "~/components/seminar/poll-form";
import { AskForm, QuestionList } from "~/components/seminar/room-questions";
import { RoomResults } from "~/components/seminar/room-results";
import { rememberPausedSeminar } from "~/components/seminar/seminar-return";
import { StepScreen } from "~/components/seminar/step-screen";
import { pageMeta } from "~/lib/meta";
import { refusingSeminarErrors, seminarContext } from "~/seminar/context.server";
import { phonePage, type Mine } from "~/seminar/pages.server";
import { seminarHeaders } from "~/seminar/route-headers";

export const headers = seminarHeaders;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return refusingSeminarErrors(request, async () => phonePage(await seminarContext(request, context), params.code ?? ""));
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? pageMeta(`Seminar ${data.view.code}: ${data.view.screen.topic.title}`, data.view.screen.topic.question) : [];

/**
 * When the step changes under a reader whose focus was on the screen that went
 * away, focus goes to the new screen's heading instead of the top of the page.
 */
function useFocusOnNewStep(step: string) {
  const screen = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const active = document.activeElement;
    const lost = !active || active === document.body || !active.isConnected || screen.current?.contains(active);
    if (lost) screen.current?.querySelector<HTMLElement>("h1")?.focus();
  }, [step]);
  return screen;
}

/** A participant's own answers, questions and upvotes: from the loader, then from what the server accepted. */
function useMine(initial: Mine) {
  const [mine, setMine] = useState(initial);
  useEffect(() => setMine(initial), [initial]);
  const delivered = useCallback(({ fields, answer }: Delivered) => {
    setMine((current) => {
      switch (fields.intent) {
        case "vote":
          return { ...current, votes: { ...current.votes, [fields.poll!]: fields.choice } };
        case "ask": {
          const id = (answer.question as { id?: number } | undefined)?.id;
          return id === undefined ? current : { ...current, asked: [...current.asked, id] };
        }
        case "upvote":
          return { ...current, upvoted: [...current.upvoted, Number(fields.question)] };
        default:
          return current;
      }
    });
  }, []);
  return { mine, delivered };
}

export default function SeminarPhone() {
  const data = useLoaderData<typeof loader>();
  const { view, connection } = useLiveView(data.view.code, "room", data.view);
  const { mine, delivered } = useMine(data.mine);
  const code = view.code;
  const here = `/s/${code}`;
  // A step of one's own, once the host resumes, gives way to the host's.
  const browsing = view.paused ? data.browsing : undefined;
  const screenView = browsing?.screen ?? view.screen;
  const screen = useFocusOnNewStep(`${screenView.topic.id}/${screenView.step}`);
  const { search } = useLocation();
  const navigate = useNavigate();
  useEffect(() => rememberPausedSeminar(code, view.paused), [code, view.paused]);
  useEffect(() => {
    if (!view.paused && new URLSearchParams(search).has("step")) navigate(here, { replace: true, preventScrollReset: true });
  }, [view.paused, search, here, navigate]);

  // The question's own pages, to read while paused: the loader's, while the host is still on its question.
  const browse =
    view.topic === data.view.topic ? data.browse : [{ href: `/topics/${view.topic}`, label: `Every answer to “${view.screen.topic.title}”` }];
  const changed = Boolean(mine.votes.before && mine.votes.after && mine.votes.before !== mine.votes.after);
  // The phone's last answer on this question starts the reader off (unsure is no position to compare).
  const lastAnswer = mine.votes.after ?? mine.votes.before;
  const standing = `/where-do-i-stand${lastAnswer && lastAnswer !== "unsure" ? `?${encodeURIComponent(view.topic)}=${lastAnswer}` : ""}`;
  const polls = view.polls.filter((poll) => !poll.forChangedAnswers || changed);
  const questions = view.questions.map((question) => ({ ...question, mine: mine.asked.includes(question.id), upvoted: mine.upvoted.includes(question.id) }));

  return (
    <OutboxProvider code={code} onDelivered={delivered}>
      <div className="phone">
        <p className="phone-status" role="status">
          <span className="join-code">{code}</span>
          {view.ended ? " · ended" : ` · Step ${screenView.step} of ${screenView.total}: ${browsing?.stepLabel ?? view.stepLabel}`}
        </p>
        <ConnectionNotice connection={connection} />
        {data.error ? (
          <p className="form-error" role="alert">
            {data.error}
          </p>
        ) : null}
        <OutboxStatus />
        {view.ended ? (
          <section className="notice seminar-ended" aria-labelledby="ended-heading">
            <h1 id="ended-heading" tabIndex={-1}>
              This seminar has ended
            </h1>
            <p>
              Thank you for taking part. See <Link to={standing}>where you stand</Link> among the viewpoints, question by question.
            </p>
            {view.reopenableUntil ? <p className="hint">The host can still reopen it for a few minutes; this page comes back if they do.</p> : null}
          </section>
        ) : (
          <>
            {view.paused ? (
              <section className="notice" aria-label="Browse at your own pace">
                <p>
                  <strong>Browse at your own pace.</strong> The presenter has paused following; when they resume, this page comes back to their step.
                </p>
                <nav aria-label="Steps of this question" className="button-row">
                  {screenView.step > 1 ? <Link to={`${here}?step=${screenView.step - 1}`}>← Previous step</Link> : null}
                  {browsing ? <Link to={here}>The presenter’s step</Link> : null}
                  {screenView.step < screenView.total ? <Link to={`${here}?step=${screenView.step + 1}`}>Next step →</Link> : null}
                </nav>
                {browse.length > 0 ? (
                  <ul>
                    {browse.map((link) => (
                      <li key={link.href}>
                        <Link to={link.href}>{link.label}</Link>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </section>
            ) : null}
            <article className={`phone-screen is-${screenView.screen.kind}`} ref={screen}>
              <p className="phone-question">{screenView.topic.question}</p>
              <StepScreen view={screenView} />
            </article>
            {browsing
              ? null
              : polls.map((poll) => <PollForm key={poll.kind} code={code} topic={view.topic} poll={poll} mine={mine.votes[poll.kind]} redirectTo={here} />)}
          </>
        )}
        {view.results ? (
          <section aria-labelledby="phone-results-heading" className="phone-results">
            <h2 id="phone-results-heading">The room’s results</h2>
            <RoomResults results={view.results} headingLevel={3} compact />
          </section>
        ) : null}
        {view.ended ? null : (
          <section aria-labelledby="room-heading" className="phone-questions">
            <h2 id="room-heading">Questions from the room</h2>
            <AskForm code={code} redirectTo={here} maxLength={data.questionMaxLength} />
            <QuestionList code={code} questions={questions} redirectTo={here} role="participant" />
          </section>
        )}
        <noscript>
          <p>
            <a href={here}>Refresh</a> to see the presenter’s current step.
          </p>
        </noscript>
      </div>
    </OutboxProvider>
  );
}
