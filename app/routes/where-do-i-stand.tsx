import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useNavigate, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Prose } from "~/components/prose";
import { StanceBadge, ViewpointLabel, viewpointStyle } from "~/components/viewpoint";
import { STANCE_LABELS } from "~/lib/labels";
import { pageMeta } from "~/lib/meta";
import { useView, viewData } from "~/lib/view-data";
import { standPage } from "~/models/stand.server";
import { ANSWERS, answersQuery, isAnswer, type Answer } from "~/models/standing";

const PATH = "/where-do-i-stand";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  // The form without JavaScript sends every skipped question as an empty
  // value; the link to share carries the answers only.
  const params = [...url.searchParams];
  if (params.some(([, value]) => value === "")) {
    const kept = new URLSearchParams(params.filter(([, value]) => value !== "")).toString();
    throw redirect(kept ? `${PATH}?${kept}` : PATH);
  }
  return viewData(standPage(url));
}

export const meta: MetaFunction = () =>
  pageMeta("Where do I stand?", "Answer the questions of the debate and see which viewpoints are closest to you, and the case for each.");

/** A score in halves, as a reader would write it: 5½. */
function points(value: number): string {
  const whole = Math.floor(value);
  const half = value - whole >= 0.5;
  return half ? `${whole > 0 ? whole : ""}½` : String(whole);
}

const AGREEMENT_LABELS: Record<string, string> = {
  "1": "Same answer",
  "0.5": "Half: one of you answers mixed",
  "0": "Opposite answers",
};

const CHOICES: Array<{ value: Answer | ""; label: string }> = [...ANSWERS.map((value) => ({ value, label: STANCE_LABELS[value] })), { value: "", label: "Skip" }];

export default function WhereDoIStand() {
  const view = useView<typeof loader>();
  const navigate = useNavigate();
  const navigation = useNavigation();
  // The choices show what was clicked at once, and follow the address when it changes otherwise (a link, back).
  const fromView = () => Object.fromEntries(view.questions.map((question) => [question.id, question.answer ?? ""]));
  const [chosen, setChosen] = useState<Record<string, string>>(fromView);
  useEffect(() => setChosen(fromView()), [view]);

  // With JavaScript the ranking follows each answer; the address is replaced, not added to, so it stays the link to share.
  const choose = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const next = Object.fromEntries(view.questions.map((question) => [question.id, String(data.get(question.id) ?? "")]));
    setChosen(next);
    const answers = new Map(Object.entries(next).filter((entry): entry is [string, Answer] => isAnswer(entry[1])));
    navigate(`${PATH}${answersQuery(answers)}`, { replace: true, preventScrollReset: true });
  };
  const updating = navigation.state === "loading" && navigation.location.pathname === PATH;
  const [first] = view.ranking;

  return (
    <div className="stand-page">
      <h1>Where do I stand?</h1>
      <p className="lede">
        Answer the questions you have a view on, and skip the others. Every viewpoint is then ranked by how close its
        answers are to yours, with the claims behind each of its answers: read the case for the view furthest from yours.
      </p>
      {view.ignored.length > 0 ? (
        <p className="notice" role="status">
          This link carries {view.ignored.length === 1 ? "a part" : "parts"} we could not read as an answer:{" "}
          {view.ignored.map(({ name, value }) => `“${name}=${value}”`).join(", ")}. An answer is a question’s id with yes,
          no or mixed; {view.ignored.length === 1 ? "it is" : "they are"} left out.
        </p>
      ) : null}
      <p className="stand-jump no-print">
        <a href="#ranking-heading">Skip to the ranking</a>
      </p>
      <div className="stand-layout">
        <Form method="get" action={PATH} className="stand-form">
          <ol className="stand-questions">
            {view.questions.map((question) => (
              <li key={question.id}>
                <fieldset aria-describedby={`${question.id}-framing`}>
                  <legend>
                    <strong className="stand-question-title">{question.title}</strong> {question.question}
                  </legend>
                  <div id={`${question.id}-framing`}>
                    <Prose html={question.framingHtml} className="framing prose" />
                  </div>
                  <div className="stand-choices">
                    {CHOICES.map((choice) => (
                      <label key={choice.value} className={`stand-choice stand-choice-${choice.value || "skip"}`}>
                        <input
                          type="radio"
                          name={question.id}
                          value={choice.value}
                          checked={(chosen[question.id] ?? "") === choice.value}
                          onChange={(event) => choose(event.currentTarget.form!)}
                        />{" "}
                        {choice.label}
                      </label>
                    ))}
                  </div>
                </fieldset>
              </li>
            ))}
          </ol>
          <p className="stand-actions no-print">
            <button type="submit">Show where I stand</button> <Link to={PATH}>Clear my answers</Link>
          </p>
        </Form>

        <section className="stand-result" aria-labelledby="ranking-heading" aria-busy={updating}>
          <h2 id="ranking-heading">The viewpoints, closest first</h2>
          <p role="status" className="stand-summary">
            {view.answeredCount === 0
              ? "Answer at least one question to see which viewpoints are closest to you."
              : first && first.percent !== undefined
                ? `Closest to your ${view.answeredCount} ${view.answeredCount === 1 ? "answer" : "answers"}: ${first.viewpoint.name}, ${first.percent}% agreement on ${first.compared} ${first.compared === 1 ? "question" : "questions"}.`
                : `No viewpoint answers any of the ${view.answeredCount} ${view.answeredCount === 1 ? "question" : "questions"} you answered.`}
          </p>
          {view.answeredCount > 0 ? (
            <>
              <p className="muted">
                Each viewpoint is compared on the questions you both answered: the same answer counts 1, mixed against yes
                or no ½, yes against no 0, and its agreement is the average. Viewpoints that agree equally are ordered by
                the number of questions compared, more first, then by the questions only one of you answered, fewer
                first, then as the debate lists them.
              </p>
              <ol className="ranking">
                {view.ranking.map((entry) => (
                  <li key={entry.viewpoint.id} className="ranking-entry" style={viewpointStyle(entry.viewpoint.hue)}>
                    <h3>
                      <ViewpointLabel viewpoint={entry.viewpoint} />
                    </h3>
                    <p className="ranking-score">
                      {entry.percent === undefined
                        ? `No question in common: ${entry.viewpoint.name} answers none of the questions you answered.`
                        : `${entry.percent}% agreement, compared on ${entry.compared} ${entry.compared === 1 ? "question" : "questions"} (${points(entry.points)} of ${entry.compared}).`}
                    </p>
                    <ul className="stand-rows">
                      {entry.rows.map((row) => (
                        <li key={row.topic.id} className="stand-row">
                          <Link to={`/topics/${row.topic.id}`} className="stand-row-question">
                            {row.topic.title}
                          </Link>
                          <span className="stand-row-answers">
                            <span>
                              You: <StanceBadge stance={row.yours} />
                            </span>{" "}
                            <span>
                              {entry.viewpoint.name}: <StanceBadge stance={row.theirs} />
                            </span>{" "}
                            <span className="muted">
                              {row.agreement === undefined ? "Not compared" : AGREEMENT_LABELS[String(row.agreement)]}
                            </span>
                          </span>
                          {row.claims.length > 0 ? (
                            <ul className="stand-claims" aria-label={`${entry.viewpoint.name}’s claims on ${row.topic.title}`}>
                              {row.claims.map((claim) => (
                                <li key={claim.id}>
                                  <Link to={`/claims/${claim.id}`}>{claim.title}</Link> <StanceBadge stance={claim.stance} />
                                </li>
                              ))}
                            </ul>
                          ) : (
                            <p className="muted stand-no-claims">No claim of this viewpoint on this question.</p>
                          )}
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ol>
            </>
          ) : null}
        </section>
      </div>
    </div>
  );
}
