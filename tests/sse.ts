/**
 * A Server-Sent Events client on fetch streams, as a browser's EventSource
 * behaves: it follows `retry:`, and after a dropped stream reconnects with
 * Last-Event-ID. Tests and the seminar benchmark read the live stream with it.
 * `fetch` replaces the global one (the deployment test's goes through TLS
 * with its own certificate authority).
 */
export interface SseEvent {
  event: string;
  id?: string;
  data: string;
  /** When the client read it (performance.now()). */
  at: number;
}

/**
 * One event's block (the lines before a blank line) read as EventSource
 * reads it: comments skipped, data lines joined; `data` is undefined for a
 * block without any (a comment, or only a retry).
 */
export function parseSseBlock(block: string): { event: string; id?: string; data?: string; retry?: number } {
  let event = "message";
  let id: string | undefined;
  let retry: number | undefined;
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (line.startsWith(":")) continue;
    const separator = line.indexOf(":");
    const field = separator < 0 ? line : line.slice(0, separator);
    const value = separator < 0 ? "" : line.slice(separator + 1).replace(/^ /, "");
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
    else if (field === "id") id = value;
    else if (field === "retry" && /^\d+$/.test(value)) retry = Number(value);
  }
  return { event, id, data: data.length > 0 ? data.join("\n") : undefined, retry };
}

export interface SseClient {
  events: SseEvent[];
  /** Streams opened so far (1 + reconnections). */
  connections: number;
  lastEventId: string | undefined;
  /** Resolves with the first event at index `from` or later that passes `test`. */
  next(test: (event: SseEvent) => boolean, timeoutMs: number, from?: number): Promise<SseEvent>;
  close(): void;
}

export type Fetcher = (url: string, init: { headers: Record<string, string>; signal: AbortSignal }) => Promise<Response>;

export function connectSse(
  url: string,
  { headers = {}, reconnect = true, onEvent, fetch: fetcher = fetch }: { headers?: Record<string, string>; reconnect?: boolean; onEvent?: (event: SseEvent) => void; fetch?: Fetcher } = {},
): SseClient {
  const controller = new AbortController();
  let retry = 1000;
  const waiters = new Set<() => void>();
  const client: SseClient = {
    events: [],
    connections: 0,
    lastEventId: undefined,
    next(test, timeoutMs, from = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = client.events.slice(from).find(test);
          if (!found) return false;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`No matching event within ${timeoutMs} ms; got ${client.events.length}: ${client.events.map((event) => event.data).join("\n")}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close: () => controller.abort(),
  };

  const dispatch = (block: string) => {
    const { event, id, data, retry: asked } = parseSseBlock(block);
    if (asked !== undefined) retry = asked;
    if (id !== undefined) client.lastEventId = id;
    if (data === undefined) return;
    const received = { event, id, data, at: performance.now() };
    client.events.push(received);
    onEvent?.(received);
    for (const waiter of [...waiters]) waiter();
  };

  void (async () => {
    while (!controller.signal.aborted) {
      try {
        const response = await fetcher(url, {
          headers: { Accept: "text/event-stream", ...headers, ...(client.lastEventId ? { "Last-Event-ID": client.lastEventId } : {}) },
          signal: controller.signal,
        });
        if (response.ok && response.body) {
          client.connections += 1;
          const decoder = new TextDecoder();
          let buffer = "";
          const reader = response.body.getReader();
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, "\n");
            let end: number;
            while ((end = buffer.indexOf("\n\n")) >= 0) {
              dispatch(buffer.slice(0, end));
              buffer = buffer.slice(end + 2);
            }
          }
        } else await response.body?.cancel();
      } catch {
        // refused or dropped: the server is restarting, or the test closed the client
      }
      if (!reconnect) break;
      await new Promise((resolve) => setTimeout(resolve, retry));
    }
  })();
  return client;
}
