import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ActionForm } from "~/components/seminar/action-form";
import { EVERY_CHANGE, useSeminarLive } from "~/components/seminar/live";
import { QuestionList } from "~/components/seminar/room-questions";
import { RoomResults } from "~/components/seminar/room-results";
import { pageMeta } from "~/lib/meta";
import { hostPage, seminarHeaders } from "~/seminar/views.server";
import styles from "~/styles/seminar.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const headers = seminarHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  return hostPage(request, params.code ?? "");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? pageMeta(`Seminar ${data.code}: host console`, data.question) : []);

export default function HostConsole() {
  const data = useLoaderData<typeof loader>();
  const { code, state, links } = data;
  useSeminarLive(code, state, EVERY_CHANGE);
  const here = `/s/${code}/host`;
  return (
    <div className="host-console">
      <h1>
        Seminar <span className="join-code">{code}</span> <span className="muted">host console</span>
      </h1>
      {data.error ? (
        <p className="form-error" role="alert">
          {data.error}
        </p>
      ) : null}
      {state.ended ? (
        <p className="notice" role="status">
          This seminar has ended: phones can no longer join or answer. The results stay downloadable below.
        </p>
      ) : null}

      <section aria-labelledby="now-heading" className="card">
        <h2 id="now-heading">Now showing</h2>
        <p>
          <strong>{data.title}</strong>: {data.question}
        </p>
        <p aria-live="polite">
          Step {state.step} of {state.total}: {data.stepLabel}
        </p>
        <div className="button-row">
          {data.back ? (
            <ActionForm code={code} intent="step" redirectTo={here} fields={data.back}>
              <button type="submit">← Back</button>
            </ActionForm>
          ) : null}
          {data.next ? (
            <ActionForm code={code} intent="step" redirectTo={here} fields={{ topic: data.next.topic, step: data.next.step }}>
              <button type="submit">{"title" in data.next ? `Next question: ${data.next.title} →` : "Next →"}</button>
            </ActionForm>
          ) : null}
        </div>
        <div className="button-row">
          <ActionForm code={code} intent={state.paused ? "resume" : "pause"} redirectTo={here}>
            <button type="submit" className="secondary">
              {state.paused ? "Resume following" : "Pause following"}
            </button>
          </ActionForm>
          <ActionForm code={code} intent={state.revealed ? "conceal" : "reveal"} redirectTo={here}>
            <button type="submit" className="secondary">
              {state.revealed ? "Conceal results" : "Reveal results"}
            </button>
          </ActionForm>
        </div>
        <p className="hint">
          {state.paused ? "Phones browse freely; they come back to your step when you resume. " : "Phones follow your steps. "}
          {state.revealed ? "The projector shows the results on the closing screen." : "Results stay hidden on the projector until you reveal them."}
        </p>
        <p>
          <strong>{state.participants}</strong> {state.participants === 1 ? "phone has" : "phones have"} joined at{" "}
          <a href={data.join.url}>{data.join.short}</a>.
        </p>
      </section>

      <section aria-labelledby="tally-heading" className="card">
        <h2 id="tally-heading">Polls on this question</h2>
        <RoomResults results={data.results} headingLevel={3} />
      </section>

      <section aria-labelledby="questions-heading" className="card">
        <h2 id="questions-heading">Questions from the room</h2>
        <QuestionList code={code} questions={data.questions} redirectTo={here} role="host" />
      </section>

      <section aria-labelledby="share-heading" className="card">
        <h2 id="share-heading">Projector, results and other devices</h2>
        <ul>
          <li>
            <Link to={links.present}>Open the projector view</Link> (on the computer that drives the projector)
          </li>
          <li>
            Download the results: <a href={links.csv} download>results.csv</a>, <a href={links.json} download>results.json</a>
          </li>
          <li>
            <Link to={links.summary}>Printable summary</Link>
          </li>
        </ul>
        {data.hostLink ? (
          <>
            <p id="host-link-warning" className="warning">
              <strong>This link makes whoever opens it a host</strong> of this seminar: they can step, pause, hide questions and end
              it. Open it only on your own devices, and never show it on the projector.
            </p>
            <label htmlFor="host-link">Host link, to open on another device</label>
            <input id="host-link" className="host-link" readOnly value={data.hostLink} aria-describedby="host-link-warning" />
          </>
        ) : null}
      </section>

      {state.ended ? null : (
        <section aria-labelledby="end-heading" className="card">
          <h2 id="end-heading">End the seminar</h2>
          <p>Phones can no longer answer or ask; you keep the results until they are deleted.</p>
          <ActionForm code={code} intent="end" redirectTo={here}>
            <button type="submit" className="danger">
              End seminar
            </button>
          </ActionForm>
        </section>
      )}
    </div>
  );
}
