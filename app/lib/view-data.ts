import { useLoaderData } from "@remix-run/react";

/**
 * A view model sent to the browser as one JSON string. Remix encodes loader
 * data anew on every request, walking every object; a string built once per
 * page state costs it a single escape, so a page served from the render cache
 * stays cheap however much it shows.
 */
export interface ViewData<T, S = never> {
  json: string;
  /** Carries the view model's type only; never set. */
  readonly view?: T;
  /** What only the server's render of the page reads: never sent (see `viewData`). */
  readonly serverOnly?: S;
}

const serialized = new WeakMap<object, string>();

/**
 * `view` as ViewData; views are memoized, so each is serialized once.
 * `serverOnly` reaches the server's render of the document and nothing else:
 * Remix renders the document from the loader's own object but sends only its
 * enumerable properties. It is for HTML the browser then keeps (`KeptHtml`),
 * which would otherwise travel twice, rendered and as data.
 */
export function viewData<T extends object, S = never>(view: T, serverOnly?: S): ViewData<T, S> {
  let json = serialized.get(view);
  if (json === undefined) {
    json = JSON.stringify(view);
    serialized.set(view, json);
  }
  const data: ViewData<T, S> = { json };
  if (serverOnly !== undefined) Object.defineProperty(data, "serverOnly", { value: serverOnly, enumerable: false });
  return data;
}

type ViewOf<Loader> = Loader extends (...args: never[]) => Promise<ViewData<infer T, unknown>> ? T : never;
type ServerOnlyOf<Loader> = Loader extends (...args: never[]) => Promise<ViewData<unknown, infer S>> ? S : never;

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

/** The current route's server-only data: there while the server renders the document, undefined in the browser. */
export function useServerOnly<Loader>(): ServerOnlyOf<Loader> | undefined {
  return (useLoaderData() as { serverOnly?: ServerOnlyOf<Loader> }).serverOnly;
}
