import type { RoomQuestion } from "~/seminar/seminars.server";
import { ActionForm } from "./action-form";

/** "Ask a question": plain text, shown to the host and, unless hidden, to the room. */
export function AskForm({ code, redirectTo, maxLength }: { code: string; redirectTo: string; maxLength: number }) {
  return (
    <ActionForm code={code} intent="ask" redirectTo={redirectTo} className="ask" onDone={(form) => form.reset()}>
      <label htmlFor="ask-text">Your question (anonymous, up to {maxLength} characters)</label>
      <textarea id="ask-text" name="text" rows={3} maxLength={maxLength} required />
      <button type="submit">Ask</button>
    </ActionForm>
  );
}

interface QuestionListProps {
  code: string;
  questions: RoomQuestion[];
  redirectTo: string;
  /** The host hides and shows; participants upvote. */
  role: "host" | "participant";
}

/** The room's questions, most upvoted first. Text is rendered as text, never as HTML. */
export function QuestionList({ code, questions, redirectTo, role }: QuestionListProps) {
  if (questions.length === 0) return <p className="muted">No questions yet.</p>;
  return (
    <ol className="room-questions">
      {questions.map((question) => (
        <li key={question.id} className={question.hidden ? "is-hidden" : undefined}>
          <p className="room-question-text">{question.text}</p>
          <p className="room-question-meta">
            {question.votes} {question.votes === 1 ? "vote" : "votes"}
            {question.hidden ? <strong> · hidden from the room</strong> : null}
            {question.mine ? " · yours" : null}
          </p>
          {role === "host" ? (
            <ActionForm code={code} intent={question.hidden ? "show-question" : "hide-question"} redirectTo={redirectTo} fields={{ question: question.id }}>
              <button type="submit" className="secondary" aria-label={`${question.hidden ? "Show" : "Hide"}: ${question.text}`}>
                {question.hidden ? "Show" : "Hide"}
              </button>
            </ActionForm>
          ) : (
            <ActionForm code={code} intent="upvote" redirectTo={redirectTo} fields={{ question: question.id }}>
              <button type="submit" className="secondary" disabled={question.upvoted} aria-label={`${question.upvoted ? "Upvoted" : "Upvote"}: ${question.text}`}>
                {question.upvoted ? "Upvoted" : "Upvote"}
              </button>
            </ActionForm>
          )}
        </li>
      ))}
    </ol>
  );
}
