import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation, useNavigate } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { PHONE_CHANGES, useSeminarLive } from "~/components/seminar/live";
import { PollForm } from "~/components/seminar/poll-form";
import { rememberPausedSeminar } from "~/components/seminar/seminar-return";
import { AskForm, QuestionList } from "~/components/seminar/room-questions";
import { StepScreen } from "~/components/seminar/step-screen";
import { pageMeta } from "~/lib/meta";
import { phonePage, seminarHeaders } from "~/seminar/views.server";
import styles from "~/styles/seminar.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const headers = seminarHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  return phonePage(request, params.code ?? "");
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? pageMeta(`Seminar ${data.code}: ${data.view.topic.title}`, data.view.topic.question) : [];

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

export default function SeminarPhone() {
  const data = useLoaderData<typeof loader>();
  const { code, state, view } = data;
  const connection = useSeminarLive(code, state, PHONE_CHANGES);
  const here = `/s/${code}`;
  const screen = useFocusOnNewStep(`${view.topic.id}/${view.step}`);
  // A step of one's own, once the host resumes, gives way to the host's.
  const { search } = useLocation();
  const navigate = useNavigate();
  useEffect(() => rememberPausedSeminar(code, state.paused), [code, state.paused]);
  useEffect(() => {
    if (!state.paused && new URLSearchParams(search).has("step")) navigate(here, { replace: true, preventScrollReset: true });
  }, [state.paused, search, here, navigate]);

  return (
    <div className="phone">
      <p className="phone-status" role="status">
        <span className="join-code">{code}</span> · Step {view.step} of {view.total}: {data.stepLabel}
        {connection === "reconnecting" ? " · reconnecting…" : null}
      </p>
      {data.error ? (
        <p className="form-error" role="alert">
          {data.error}
        </p>
      ) : null}
      {data.browse ? (
        <section className="notice" aria-label="Browse at your own pace">
          <p>
            <strong>Browse at your own pace.</strong> The presenter has paused following; when they resume, this page comes
            back to their step.
          </p>
          <nav aria-label="Steps of this question" className="button-row">
            {view.step > 1 ? <Link to={`${here}?step=${view.step - 1}`}>← Previous step</Link> : null}
            {data.browsing ? <Link to={here}>The presenter’s step</Link> : null}
            {view.step < view.total ? <Link to={`${here}?step=${view.step + 1}`}>Next step →</Link> : null}
          </nav>
          <ul>
            {data.browse.map((link) => (
              <li key={link.href}>
                <Link to={link.href}>{link.label}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <article className={`phone-screen is-${view.screen.kind}`} ref={screen}>
        <p className="phone-question">{view.topic.question}</p>
        <StepScreen view={view} />
      </article>
      {data.poll ? <PollForm code={code} poll={data.poll} redirectTo={here} /> : null}
      <section aria-labelledby="room-heading" className="phone-questions">
        <h2 id="room-heading">Questions from the room</h2>
        <AskForm code={code} redirectTo={here} maxLength={data.questionMaxLength} />
        <QuestionList code={code} questions={data.questions} redirectTo={here} role="participant" />
      </section>
      <noscript>
        <p>
          <a href={here}>Refresh</a> to see the presenter’s current step.
        </p>
      </noscript>
    </div>
  );
}
