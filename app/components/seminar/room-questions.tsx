import { ActionForm } from "./action-form";
import { useOutbox } from "./outbox";

/** A room question as a list shows it; `mine`, `upvoted` and `hidden` where the viewer may know them. */
export interface ListedQuestion {
  id: number;
  text: string;
  votes: number;
  hidden?: boolean;
  mine?: boolean;
  upvoted?: boolean;
}

/** "Ask a question": plain text, shown to the host and, unless hidden, to the room. */
export function AskForm({ code, redirectTo, maxLength }: { code: string; redirectTo: string; maxLength: number }) {
  return (
    <ActionForm
      code={code}
      intent="ask"
      redirectTo={redirectTo}
      className="ask"
      describe={(fields) => `your question “${(fields.text ?? "").slice(0, 60)}”`}
      onSent={(form) => form.reset()}
    >
      <label htmlFor="ask-text">Your question (anonymous, up to {maxLength} characters)</label>
      <textarea id="ask-text" name="text" rows={3} maxLength={maxLength} required />
      <button type="submit">Ask</button>
    </ActionForm>
  );
}

interface QuestionListProps {
  code: string;
  questions: ListedQuestion[];
  redirectTo: string;
  /** The host hides and shows; participants upvote. */
  role: "host" | "participant";
  /** The question the host has not seen yet, marked until they have. */
  newest?: number;
}

/** The room's questions, most upvoted first. Text is rendered as text, never as HTML. */
export function QuestionList({ code, questions, redirectTo, role, newest }: QuestionListProps) {
  const outbox = useOutbox();
  if (questions.length === 0) return <p className="muted">No questions yet.</p>;
  const upvoting = new Set(outbox?.pending.filter((item) => item.fields.intent === "upvote" && item.status !== "refused").map((item) => Number(item.fields.question)));
  return (
    <ol className="room-questions">
      {questions.map((question) => {
        const upvoted = question.upvoted || upvoting.has(question.id);
        return (
          <li key={question.id} className={[question.hidden ? "is-hidden" : "", question.id === newest ? "is-new" : ""].join(" ").trim() || undefined}>
            <p className="room-question-text">
              {question.id === newest ? <strong className="new-badge">New </strong> : null}
              {question.text}
            </p>
            <p className="room-question-meta">
              {question.votes} {question.votes === 1 ? "vote" : "votes"}
              {question.hidden ? <strong> · hidden from the room</strong> : null}
              {question.mine ? " · yours" : null}
            </p>
            {role === "host" ? (
              <ActionForm
                code={code}
                intent={question.hidden ? "show-question" : "hide-question"}
                redirectTo={redirectTo}
                fields={{ question: question.id }}
                describe={() => `${question.hidden ? "showing" : "hiding"} “${question.text.slice(0, 40)}”`}
                replaces={() => `visibility:${question.id}`}
              >
                <button type="submit" className="secondary" aria-label={`${question.hidden ? "Show" : "Hide"}: ${question.text}`}>
                  {question.hidden ? "Show" : "Hide"}
                </button>
              </ActionForm>
            ) : (
              <ActionForm
                code={code}
                intent="upvote"
                redirectTo={redirectTo}
                fields={{ question: question.id }}
                describe={() => `your upvote of “${question.text.slice(0, 40)}”`}
                replaces={() => `upvote:${question.id}`}
              >
                <button type="submit" className="secondary" disabled={upvoted} aria-label={`${upvoted ? "Upvoted" : "Upvote"}: ${question.text}`}>
                  {upvoted ? "Upvoted" : "Upvote"}
                </button>
              </ActionForm>
            )}
          </li>
        );
      })}
    </ol>
  );
}
