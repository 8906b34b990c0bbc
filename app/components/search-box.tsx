import { Form, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";

export const SEARCH_INPUT_ID = "site-search";

/** The header's search form: a plain GET to /search, so it works without JavaScript. */
export function HeaderSearch() {
  const [params] = useSearchParams();
  return (
    <Form method="get" action="/search" role="search" className="header-search" aria-label="Search the debate">
      <label htmlFor={SEARCH_INPUT_ID} className="visually-hidden">
        Search claims, evidence and sources
      </label>
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        name="q"
        placeholder="Search (press /)"
        defaultValue={params.get("q") ?? ""}
        key={params.get("q") ?? ""}
        aria-keyshortcuts="/"
        autoComplete="off"
      />
      <button type="submit">Search</button>
    </Form>
  );
}

/** "/" focuses the search box, unless the reader is typing somewhere. */
export function useSearchShortcut() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "/" || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement;
      if (target.closest("input, textarea, select, [contenteditable='true']")) return;
      event.preventDefault();
      const input = document.querySelector<HTMLInputElement>("#search-page-input") ?? document.getElementById(SEARCH_INPUT_ID);
      (input as HTMLInputElement | null)?.focus();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
