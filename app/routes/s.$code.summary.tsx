import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RoomResults } from "~/components/seminar/room-results";
import { pageMeta } from "~/lib/meta";
import { seminarHeaders, summaryPage } from "~/seminar/views.server";
import styles from "~/styles/seminar.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const headers = seminarHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  return summaryPage(request, params.code ?? "");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? pageMeta(`Seminar ${data.code}: summary`, data.debateTitle) : []);

/** One printable page for the host's records: where the room stood, what moved it, what it asked. */
export default function SeminarSummary() {
  const { code, debateTitle, date, participants, topics, questions } = useLoaderData<typeof loader>();
  const day = new Date(date).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
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
          <RoomResults results={topic.results} headingLevel={3} limit={5} />
        </section>
      ))}
      <section aria-labelledby="summary-questions">
        <h2 id="summary-questions">Top questions from the room</h2>
        {questions.length === 0 ? (
          <p className="muted">The room asked no questions.</p>
        ) : (
          <ol className="room-questions">
            {questions.map((question) => (
              <li key={question.id}>
                <p className="room-question-text">{question.text}</p>
                <p className="room-question-meta">
                  {question.votes} {question.votes === 1 ? "vote" : "votes"}
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>
    </article>
  );
}
