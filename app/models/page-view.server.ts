/**
 * The page view models kept in memory, apart from the assembler in
 * view.server, which works on any compiled debate: tests and the search's
 * benchmark assemble pages without compiling the content folder.
 */
import { LRUCache } from "lru-cache";
import { contentVersion, getContent, type Index } from "./content.server";

// Page states come from addresses, which come from the outside: bounded, least recently used out first.
const views = new LRUCache<string, object>({ max: 1000 });
let viewsVersion: string | undefined;

/**
 * A page's view model, built once per page state: the content does not change
 * while the server runs, so loaders that are asked again answer from memory.
 */
export function pageView<V extends object>(key: string, build: (content: Index) => V): V {
  const version = contentVersion();
  if (version !== viewsVersion) {
    views.clear();
    viewsVersion = version;
  }
  let view = views.get(key) as V | undefined;
  if (view === undefined) {
    view = build(getContent());
    views.set(key, view);
  }
  return view;
}
