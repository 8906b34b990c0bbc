import type { PollView } from "~/seminar/views.server";
import { ActionForm } from "./action-form";
import { useOutbox } from "./outbox";

/** A phone's answer to a poll open at this step; a new answer replaces the old one. */
export function PollForm({ code, topic, poll, mine, redirectTo }: { code: string; topic: string; poll: PollView; mine?: string; redirectTo: string }) {
  const outbox = useOutbox();
  const waiting = outbox?.pending.find((item) => item.key === `vote:${poll.kind}` && item.status !== "refused");
  const shown = waiting?.fields.choice ?? mine;
  const chosen = poll.options.find((option) => option.value === shown);
  const many = poll.options.length > 4;
  return (
    <ActionForm
      code={code}
      intent="vote"
      redirectTo={redirectTo}
      fields={{ poll: poll.kind, topic }}
      className={`poll poll-${poll.kind}`}
      describe={(fields) => `your answer “${poll.options.find((option) => option.value === fields.choice)?.label ?? fields.choice}”`}
      replaces={() => `vote:${poll.kind}`}
    >
      <fieldset>
        <legend>{poll.legend}</legend>
        <div className={many ? "poll-options poll-options-list" : "poll-options"}>
          {poll.options.map((option) => (
            <button
              key={option.value}
              type="submit"
              name="choice"
              value={option.value}
              aria-pressed={option.value === shown}
              className={`poll-option choice-${option.value}`}
            >
              {option.label}
            </button>
          ))}
        </div>
        <p className="poll-mine" aria-live="polite">
          {waiting
            ? `Sending your answer “${chosen?.label ?? waiting.fields.choice}”…`
            : chosen
              ? poll.kind === "strongest"
                ? "You said this viewpoint made the strongest case."
                : `Your answer: ${chosen.label}. Tap another to change it.`
              : mine && poll.kind === "strongest"
                ? "You named another viewpoint so far. Tap to choose this one instead."
                : "You have not answered yet. Your answer is anonymous."}
        </p>
      </fieldset>
    </ActionForm>
  );
}
