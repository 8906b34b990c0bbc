import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { pageMeta } from "~/lib/meta";
import { seminarContext } from "~/seminar/context.server";
import { startPage, startSeminar } from "~/seminar/pages.server";
import { seminarHeaders } from "~/seminar/route-headers";
import styles from "~/styles/seminar.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const headers = seminarHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  return startPage(request);
}

export async function action({ request, context }: ActionFunctionArgs) {
  return startSeminar(await seminarContext(request, context));
}

export const meta: MetaFunction = () =>
  pageMeta("Run a seminar", "Put a question on the projector, let the room follow on their phones, and see where the room stands before and after.");

export default function Seminar() {
  const { topics, chosen, typed, joinError } = useLoaderData<typeof loader>();
  const startError = useActionData<typeof action>()?.error;
  return (
    <div className="seminar-start">
      <h1>Run a seminar</h1>
      <p className="lede">
        Put one question on the projector and step through every viewpoint’s answer and evidence. The room joins on their
        phones with a short code, follows your steps, says where it stands before and after the discussion, and asks
        questions. No one signs in and no names are collected.
      </p>
      <div className="seminar-start-columns">
        <section aria-labelledby="start-heading" className="card">
          <h2 id="start-heading">Start a seminar</h2>
          <Form method="post" className="seminar-form">
            <fieldset>
              <legend>Question to discuss</legend>
              {topics.map((topic) => (
                <label key={topic.id} className="choice">
                  <input type="radio" name="topic" value={topic.id} defaultChecked={topic.id === chosen} required />
                  <span>
                    <strong>{topic.title}</strong> <span className="muted">{topic.question}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            {startError ? (
              <p className="form-error" role="alert">
                {startError}
              </p>
            ) : null}
            <p className="hint">You become the host: this browser keeps the host key. The console gives you a link to host from another device.</p>
            <div className="button-row">
              <button type="submit" name="open" value="present">
                Start and open the projector view
              </button>
              <button type="submit" name="open" value="host" className="secondary">
                Start and open the host console
              </button>
            </div>
          </Form>
        </section>
        <section aria-labelledby="join-heading" className="card" id="join">
          <h2 id="join-heading">Join with a code</h2>
          <Form method="get" className="seminar-form">
            <label htmlFor="join-code">Join code (on the presenter’s screen)</label>
            <input
              id="join-code"
              name="code"
              className="code-input"
              defaultValue={typed}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              required
              maxLength={40}
              aria-invalid={joinError ? true : undefined}
              aria-describedby={joinError ? "join-error" : undefined}
            />
            {joinError ? (
              <p className="form-error" id="join-error" role="alert">
                {joinError}
              </p>
            ) : null}
            <button type="submit">Join</button>
          </Form>
        </section>
      </div>
    </div>
  );
}
