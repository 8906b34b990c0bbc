import { useEffect, useState } from "react";

/** HTML read back from the page at hydration, or fetched, by element id; outlives the elements, which a filter unmounts. */
const kept = new Map<string, string>();

/**
 * A list whose HTML the server rendered and the browser keeps, so the page's
 * data need not carry it a second time: at hydration it is read back from
 * the page. `html` gives it where the page has not got it yet: on the
 * server, and once fetched after a client-side navigation (`useFetchedHtml`).
 */
export function KeptHtml({ id, html, className }: { id: string; html: string | undefined; className?: string }) {
  let value = html;
  // The server renders from `html` every time; only the browser keeps anything.
  if (typeof document !== "undefined") {
    value ??= kept.get(id) ?? document.getElementById(id)?.innerHTML;
    if (value !== undefined) kept.set(id, value);
  }
  // React leaves HTML it is told to set alone while hydrating, and sets it again only when it changes.
  return <ul id={id} className={className} dangerouslySetInnerHTML={{ __html: value ?? "" }} suppressHydrationWarning />;
}

/**
 * What `url` answers (a JSON object of HTML), fetched once some of the
 * `KeptHtml` elements `ids` are missing from the page: it was reached by a
 * client-side navigation, or loaded with a filter that left them out.
 */
export function useFetchedHtml(url: string, ids: string[]): Record<string, string> | undefined {
  const [fetched, setFetched] = useState<Record<string, string>>();
  const wanted = ids.join(" ");
  useEffect(() => {
    // Looked at once the elements have rendered, and so have read back what the page holds.
    if (fetched || wanted.split(" ").every((id) => kept.has(id))) return;
    const controller = new AbortController();
    fetch(url, { signal: controller.signal })
      .then((response) => (response.ok ? (response.json() as Promise<Record<string, string>>) : undefined))
      .then((html) => html && setFetched(html))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) console.error(error);
      });
    return () => controller.abort();
  }, [url, wanted, fetched]);
  return fetched;
}
