import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";

/**
 * Everything a seminar page sends (votes, questions, upvotes, the host's
 * steps) goes through its outbox, so that nothing a person did is lost when
 * the network drops. An action that cannot reach the server waits, and is
 * sent again, sooner each time the browser says it is back online; one that
 * the server refuses is shown as not sent, with the reason, to send again or
 * let go. Waiting actions are kept in the browser's storage, so a reload
 * does not lose them either. Actions with the same key replace each other
 * (a newer vote in the same poll, the host's latest step): only the last
 * one matters.
 */

export interface Outgoing {
  id: string;
  /** The form's fields, as the page would post them. */
  fields: Record<string, string>;
  /** What it is, in the words of the page: "your answer Yes". */
  label: string;
  /** Actions with the same key replace each other. */
  key?: string;
  status: "sending" | "waiting" | "refused";
  error?: string;
  /** Why it waits: the network, or a server that asked to wait (busy, or too many actions at once). */
  held?: "network" | "busy";
  attempts: number;
}

export interface Delivered {
  fields: Record<string, string>;
  answer: Record<string, unknown>;
}

interface OutboxValue {
  pending: Outgoing[];
  send: (fields: Record<string, string>, options: { label: string; key?: string }) => void;
  retry: (id: string) => void;
  discard: (id: string) => void;
}

const OutboxContext = createContext<OutboxValue | null>(null);

/** An answer that does not come within this long is treated as lost, and the action is tried again. */
const TIMEOUT_MS = 10_000;
const MAX_WAIT_MS = 15_000;

const storageKey = (code: string) => `counterpoint-outbox:${code}`;

function stored(code: string): Outgoing[] {
  try {
    const items = JSON.parse(localStorage.getItem(storageKey(code)) ?? "[]") as Outgoing[];
    return items.filter((item) => item.status !== "refused").map((item) => ({ ...item, status: "waiting" }));
  } catch {
    return [];
  }
}

function store(code: string, items: Outgoing[]) {
  try {
    const waiting = items.filter((item) => item.status !== "refused");
    if (waiting.length === 0) localStorage.removeItem(storageKey(code));
    else localStorage.setItem(storageKey(code), JSON.stringify(waiting));
  } catch {
    // Storage can be off (a private window): the actions still wait in the page.
  }
}

const newId = () => (typeof crypto.randomUUID === "function" ? crypto.randomUUID().replaceAll("-", "") : `${Date.now()}${Math.random()}`.replace(/\D/g, ""));

type Outcome = { kind: "done"; answer: Record<string, unknown> } | { kind: "refused"; error: string } | { kind: "lost"; held: "network" | "busy"; retryAfter?: number };

async function post(code: string, fields: Record<string, string>): Promise<Outcome> {
  let response: Response;
  try {
    response = await fetch(`/s/${encodeURIComponent(code)}/actions`, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { Accept: "application/json" },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    return { kind: "lost", held: "network" };
  }
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown> & { error?: string };
  if (response.ok) return { kind: "done", answer };
  // The server is busy or restarting (or a proxy says so): try again.
  if (response.status === 408 || response.status === 429 || response.status >= 500) {
    return { kind: "lost", held: "busy", retryAfter: Number(response.headers.get("Retry-After")) || undefined };
  }
  return { kind: "refused", error: answer.error ?? `The server refused this (${response.status}).` };
}

/** The outbox of one seminar page; `onDelivered` hears each action the server accepted, with its answer. */
export function OutboxProvider({ code, onDelivered, children }: { code: string; onDelivered?: (delivered: Delivered) => void; children: ReactNode }) {
  const [items, setItems] = useState<Outgoing[]>([]);
  const itemsRef = useRef(items);
  const delivered = useRef(onDelivered);
  delivered.current = onDelivered;
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const running = useRef(false);

  const update = useCallback(
    (change: (items: Outgoing[]) => Outgoing[]) => {
      itemsRef.current = change(itemsRef.current);
      store(code, itemsRef.current);
      setItems(itemsRef.current);
    },
    [code],
  );

  /** Sends what waits, oldest first, one at a time, so a host's steps arrive in order. */
  const flush = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    clearTimeout(timer.current);
    try {
      for (;;) {
        const next = itemsRef.current.find((item) => item.status !== "refused");
        if (!next) break;
        update((items) => items.map((item) => (item.id === next.id ? { ...item, status: "sending", attempts: item.attempts + 1 } : item)));
        const outcome = await post(code, next.fields);
        // Replaced while it was on its way: the newer one goes next.
        const current = itemsRef.current.find((item) => item.id === next.id);
        if (outcome.kind === "done") {
          update((items) => items.filter((item) => item.id !== next.id));
          delivered.current?.({ fields: next.fields, answer: outcome.answer });
        } else if (outcome.kind === "refused") {
          update((items) => items.map((item) => (item.id === next.id ? { ...item, status: "refused", error: outcome.error } : item)));
        } else {
          if (current) update((items) => items.map((item) => (item.id === next.id ? { ...item, status: "waiting", held: outcome.held } : item)));
          const attempts = current?.attempts ?? 1;
          const wait = outcome.retryAfter ? outcome.retryAfter * 1000 : Math.min(1000 * 2 ** (attempts - 1), MAX_WAIT_MS);
          timer.current = setTimeout(() => void flush(), wait);
          break;
        }
      }
    } finally {
      running.current = false;
    }
  }, [code, update]);

  useEffect(() => {
    const left = stored(code);
    if (left.length > 0) {
      update((items) => [...left.filter((item) => !items.some((own) => own.id === item.id)), ...items]);
      void flush();
    }
    const online = () => void flush();
    window.addEventListener("online", online);
    return () => {
      window.removeEventListener("online", online);
      clearTimeout(timer.current);
    };
  }, [code, flush, update]);

  const value = useMemo<OutboxValue>(
    () => ({
      pending: items,
      send(fields, { label, key }) {
        const id = newId();
        // A question carries its own name, so that sending it again cannot ask it twice.
        const withKey = fields.intent === "ask" && !fields.key ? { ...fields, key: id } : fields;
        update((items) => [...items.filter((item) => !(key && item.key === key && item.status !== "sending")), { id, fields: withKey, label, key, status: "waiting", attempts: 0 }]);
        void flush();
      },
      retry(id) {
        update((items) => items.map((item) => (item.id === id ? { ...item, status: "waiting", error: undefined, attempts: 0 } : item)));
        void flush();
      },
      discard(id) {
        update((items) => items.filter((item) => item.id !== id));
      },
    }),
    [items, flush, update],
  );
  return <OutboxContext.Provider value={value}>{children}</OutboxContext.Provider>;
}

export function useOutbox(): OutboxValue | null {
  return useContext(OutboxContext);
}

/** What is still on its way, or was refused: said plainly, with a way to send again. */
export function OutboxStatus() {
  const outbox = useOutbox();
  // An action on its first try is simply being sent; one that failed once is waiting for the network.
  const waiting = outbox?.pending.filter((item) => item.attempts > 1 || (item.status === "waiting" && item.attempts > 0)) ?? [];
  const refused = outbox?.pending.filter((item) => item.status === "refused") ?? [];
  if (!outbox) return null;
  return (
    <div className="outbox">
      <div role="status" aria-live="polite">
        {waiting.length > 0 ? (
          <div className="notice outbox-waiting">
            <p>
              <strong>Not sent yet:</strong> {waiting.map((item) => item.label).join("; ")}.{" "}
              {waiting.every((item) => item.held === "busy")
                ? "The server asked to wait a moment; it will be sent in a few seconds."
                : "It will be sent as soon as the connection is back."}
            </p>
            <button type="button" className="secondary" onClick={() => waiting.forEach((item) => outbox.retry(item.id))}>
              Send now
            </button>
          </div>
        ) : null}
      </div>
      {refused.map((item) => (
        <div key={item.id} className="form-error outbox-refused" role="alert">
          <p>
            <strong>Not sent:</strong> {item.label}. {item.error}
          </p>
          <div className="button-row">
            <button type="button" className="secondary" onClick={() => outbox.retry(item.id)}>
              Send again
            </button>
            <button type="button" className="secondary" onClick={() => outbox.discard(item.id)}>
              Dismiss
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}
