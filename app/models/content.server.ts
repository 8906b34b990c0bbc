/**
 * The compiled content, loaded once per server start (the dev server restarts
 * the app when perspectives/ changes). Invalid content is refused: production
 * exits with the compiler's report; development shows it on every page.
 */
import path from "node:path";
import { redirect } from "@remix-run/node";
import { reporter } from "vfile-reporter";
import { compileFolder } from "~/compiler/compile";
import { refuse } from "~/lib/refuse.server";
import { buildIndex, type Index } from "./content-index";

export type { Index };

const CONTENT_DIRECTORY = path.resolve(process.env.COUNTERPOINT_CONTENT ?? "perspectives");

const result = await compileFolder(CONTENT_DIRECTORY);
const report = reporter(result.files, { quiet: true, color: false });

if (result.errors > 0 && process.env.NODE_ENV === "production") {
  console.error(`Counterpoint refuses to serve invalid content:\n${report}`);
  process.exit(1);
}

const index = result.errors > 0 ? undefined : buildIndex(result.debate);

/**
 * The content, or a thrown 500 Response carrying the compiler's report. A
 * Response's data survives serialization, so the report stays on the page
 * after hydration (an Error's own properties would not).
 */
export function getContent(): Index {
  if (!index) {
    throw Response.json({ contentReport: report }, { status: 500, statusText: "Invalid content" });
  }
  return index;
}

/** Identifies the content being served: pages rendered from other content are stale. */
export function contentVersion(): string {
  return index?.etag ?? `invalid:${report.length}`;
}

/**
 * Finds `id` in `map`; an id that differs only in case redirects (301) to the
 * canonical address, built by `canonical`; anything else is a 404.
 */
export function findById<T>(map: Map<string, T>, id: string | undefined, what: string, canonical: (id: string) => string): T {
  const found = map.get(id ?? "");
  if (found) return found;
  const lower = (id ?? "").toLowerCase();
  for (const key of map.keys()) {
    if (key.toLowerCase() === lower) throw redirect(canonical(key), 301);
  }
  notFound(what, id ?? "");
}

/** Throws a 404 naming what was not found. */
export function notFound(what: string, id: string): never {
  throw refuse(404, `No ${what} "${id}"`);
}
