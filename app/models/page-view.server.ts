/**
 * The page view models kept in memory, apart from the assembler in
 * view.server, which works on any compiled debate: tests and the search's
 * benchmark assemble pages without compiling the content folder.
 */
import { BoundedCache, memoize } from "~/lib/lru";
import { contentVersion, getContent, type Index } from "./content.server";

const views = new BoundedCache<unknown>(1000);
let viewsVersion: string | undefined;

/**
 * A page's view model, built once per page state: the content does not change
 * while the server runs, so loaders that are asked again answer from memory.
 */
export function pageView<V>(key: string, build: (content: Index) => V): V {
  const version = contentVersion();
  if (version !== viewsVersion) {
    views.clear();
    viewsVersion = version;
  }
  const content = getContent();
  return memoize(views, key, () => build(content)) as V;
}
