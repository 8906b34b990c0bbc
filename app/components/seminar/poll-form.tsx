import { ActionForm } from "./action-form";

export interface PollView {
  kind: "before" | "after" | "strongest";
  legend: string;
  options: { value: string; label: string }[];
  mine?: string;
  mineName?: string;
}

/** A phone's answer to the poll open at this step; a new answer replaces the old one. */
export function PollForm({ code, poll, redirectTo }: { code: string; poll: PollView; redirectTo: string }) {
  const chosen = poll.options.find((option) => option.value === poll.mine);
  return (
    <ActionForm code={code} intent="vote" redirectTo={redirectTo} fields={{ poll: poll.kind }} className="poll">
      <fieldset>
        <legend>{poll.legend}</legend>
        <div className="poll-options">
          {poll.options.map((option) => (
            <button
              key={option.value}
              type="submit"
              name="choice"
              value={option.value}
              aria-pressed={option.value === poll.mine}
              className={`poll-option choice-${option.value}`}
            >
              {option.label}
            </button>
          ))}
        </div>
        <p className="poll-mine" aria-live="polite">
          {chosen
            ? poll.kind === "strongest"
              ? "You said this viewpoint made the strongest case."
              : `Your answer: ${chosen.label}. Tap another to change it.`
            : poll.mine && poll.mineName
              ? `Your vote so far: ${poll.mineName}. Tap to choose this one instead.`
              : "You have not answered yet. Your answer is anonymous."}
        </p>
      </fieldset>
    </ActionForm>
  );
}
