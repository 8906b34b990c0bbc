import { useLoaderData } from "@remix-run/react";

/**
 * A view model sent to the browser as one JSON string. Remix encodes loader
 * data anew on every request, walking every object; a string built once per
 * page state costs it a single escape, so a page served from the render cache
 * stays cheap however much it shows.
 */
export interface ViewData<T> {
  json: string;
  /** Carries the view model's type only; never set. */
  readonly view?: T;
}

const serialized = new WeakMap<object, string>();

/** `view` as ViewData; views are memoized, so each is serialized once. */
export function viewData<T extends object>(view: T): ViewData<T> {
  let json = serialized.get(view);
  if (json === undefined) {
    json = JSON.stringify(view);
    serialized.set(view, json);
  }
  return { json };
}

type ViewOf<Loader> = Loader extends (...args: never[]) => Promise<ViewData<infer T>> ? T : never;

const parsed = new Map<string, unknown>();

/** The view model in a loader's data (for `meta`, which gets the data as sent). */
export function readView<Loader>(data: { json: string } | undefined): ViewOf<Loader> | undefined {
  if (!data) return undefined;
  // Keep the last few parses: meta and the page read the same data in one render.
  let view = parsed.get(data.json);
  if (view === undefined) {
    view = JSON.parse(data.json);
    parsed.set(data.json, view);
    if (parsed.size > 4) parsed.delete(parsed.keys().next().value!);
  }
  return view as ViewOf<Loader>;
}

/** The current route's view model. */
export function useView<Loader>(): ViewOf<Loader> {
  return readView<Loader>(useLoaderData() as { json: string })!;
}
