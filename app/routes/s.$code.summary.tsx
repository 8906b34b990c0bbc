import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RoomResults } from "~/components/seminar/room-results";
import { pageMeta } from "~/lib/meta";
import { refusingSeminarErrors, seminarContext } from "~/seminar/context.server";
import { summaryPage } from "~/seminar/pages.server";
import { seminarHeaders } from "~/seminar/route-headers";

export const headers = seminarHeaders;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return refusingSeminarErrors(request, async () => summaryPage(await seminarContext(request, context), params.code ?? ""));
}

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? pageMeta(`Seminar ${data.code}: summary`, data.debateTitle) : []);

/** One printable page for the host's records: where the room stood, who moved and what moved them, what it asked. */
export default function SeminarSummary() {
  const { code, debateTitle, date, participants, topics, questions } = useLoaderData<typeof loader>();
  const day = new Date(date).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  const shown = questions.filter((question) => !question.hidden);
  const hidden = questions.filter((question) => question.hidden);
  return (
    <article className="seminar-summary">
      <header>
        <p className="eyebrow">Seminar summary · {debateTitle}</p>
        <h1>Seminar {code}</h1>
        <p>
          {day} · {participants} {participants === 1 ? "participant" : "participants"} ·{" "}
          <Link to={`/s/${code}/host`} className="no-print">
            back to the host console
          </Link>
        </p>
      </header>
      {topics.map((topic) => (
        <section key={topic.id} aria-labelledby={`summary-${topic.id}`} className="summary-topic">
          <h2 id={`summary-${topic.id}`}>{topic.title}</h2>
          <p className="question">{topic.question}</p>
          <RoomResults results={topic.results} headingLevel={3} compact />
        </section>
      ))}
      <section aria-labelledby="summary-questions">
        <h2 id="summary-questions">Questions from the room</h2>
        {questions.length === 0 ? (
          <p className="muted">The room asked no questions.</p>
        ) : (
          <>
            {shown.length === 0 ? <p className="muted">Every question the room asked was hidden by the host.</p> : null}
            <ol className="room-questions">
              {shown.map((question) => (
                <li key={question.id}>
                  <p className="room-question-text">{question.text}</p>
                  <p className="room-question-meta">
                    {question.votes} {question.votes === 1 ? "vote" : "votes"}
                  </p>
                </li>
              ))}
            </ol>
            {hidden.length > 0 ? (
              <>
                <h3>Hidden by the host ({hidden.length})</h3>
                <ol className="room-questions">
                  {hidden.map((question) => (
                    <li key={question.id} className="is-hidden">
                      <p className="room-question-text">{question.text}</p>
                      <p className="room-question-meta">
                        {question.votes} {question.votes === 1 ? "vote" : "votes"} · hidden from the room
                      </p>
                    </li>
                  ))}
                </ol>
              </>
            ) : null}
          </>
        )}
      </section>
    </article>
  );
}
