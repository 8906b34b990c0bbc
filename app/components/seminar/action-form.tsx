import type { FormEvent, ReactNode } from "react";
import { useOutbox } from "./outbox";

interface ActionFormProps {
  code: string;
  intent: string;
  /** The page to come back to after a post without JavaScript. */
  redirectTo: string;
  fields?: Record<string, string | number>;
  children: ReactNode;
  className?: string;
  label?: string;
  /** What the action is, in the page's words, for the outbox to say it is not sent yet: "your answer Yes". */
  describe: (fields: Record<string, string>) => string;
  /** Actions with the same key replace each other while they wait (a newer vote in the same poll). */
  replaces?: (fields: Record<string, string>) => string | undefined;
  /** Once the action is handed to the outbox, e.g. to clear a text box. */
  onSent?: (form: HTMLFormElement, fields: Record<string, string>) => void;
}

/**
 * A plain form posting to /s/:code/actions, which answers it with a redirect;
 * with JavaScript the page's outbox sends it in the background, and keeps it
 * until it is delivered or refused (outbox.tsx).
 */
export function ActionForm({ code, intent, redirectTo, fields = {}, children, className, label, describe, replaces, onSent }: ActionFormProps) {
  const outbox = useOutbox();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (!outbox) return;
    event.preventDefault();
    const form = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const values: Record<string, string> = {};
    for (const [name, value] of new FormData(form, submitter)) if (typeof value === "string" && name !== "redirectTo") values[name] = value;
    outbox.send(values, { label: describe(values), key: replaces?.(values) });
    onSent?.(form, values);
  };
  return (
    <form method="post" action={`/s/${encodeURIComponent(code)}/actions`} className={className} aria-label={label} onSubmit={onSubmit}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="redirectTo" value={redirectTo} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
    </form>
  );
}
