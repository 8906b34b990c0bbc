import { useRevalidator } from "@remix-run/react";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { postAction } from "./actions";

interface ActionFormProps {
  code: string;
  intent: string;
  /** The page to come back to after a post without JavaScript. */
  redirectTo: string;
  fields?: Record<string, string | number>;
  children: ReactNode;
  className?: string;
  label?: string;
  /** After a post that succeeded, e.g. to clear a text box. */
  onDone?: (form: HTMLFormElement) => void;
}

/**
 * A plain form posting to /s/:code/actions, which answers it with a redirect;
 * with JavaScript it posts in the background, shows an error beside the form
 * and reloads the page's data.
 */
export function ActionForm({ code, intent, redirectTo, fields = {}, children, className, label, onDone }: ActionFormProps) {
  const { revalidate } = useRevalidator();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const errorId = useId();
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const body = new URLSearchParams();
    for (const [name, value] of new FormData(form, submitter)) if (typeof value === "string") body.append(name, value);
    setBusy(true);
    const answer = await postAction(code, body);
    setBusy(false);
    setError(answer.error);
    if (!answer.error) onDone?.(form);
    revalidate();
  };
  return (
    <form
      method="post"
      action={`/s/${encodeURIComponent(code)}/actions`}
      className={className}
      aria-label={label}
      aria-describedby={error ? errorId : undefined}
      aria-busy={busy || undefined}
      onSubmit={onSubmit}
    >
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="redirectTo" value={redirectTo} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      {error ? (
        <p className="form-error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
