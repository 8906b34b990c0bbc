/**
 * Posts to a seminar's one write endpoint, as the page's forms would without
 * JavaScript, but asking for JSON so the page stays where it is. Posts from one
 * page go one after another, so quick key presses reach the server in order.
 */
let queue: Promise<unknown> = Promise.resolve();

export function postAction(code: string, fields: URLSearchParams): Promise<{ error?: string }> {
  const sent = queue.then(async () => {
    try {
      const response = await fetch(`/s/${encodeURIComponent(code)}/actions`, {
        method: "POST",
        body: fields,
        headers: { Accept: "application/json" },
      });
      if (response.ok) return {};
      const answer = (await response.json().catch(() => ({}))) as { error?: string };
      return { error: answer.error ?? `The server answered ${response.status}; please try again.` };
    } catch {
      return { error: "The server could not be reached; check the connection and try again." };
    }
  });
  queue = sent;
  return sent;
}
