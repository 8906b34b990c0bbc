/** Serves the brief's exports: same query as /brief, one address per format. */
import { BRIEF_FORMATS, type BriefFormat } from "~/lib/brief-formats";
import { briefBibtex } from "./brief-exports/bibtex.server";
import { briefCslJson } from "./brief-exports/csl-json.server";
import { briefDocx } from "./brief-exports/docx.server";
import { briefMarkdown } from "./brief-exports/markdown.server";
import { briefRis } from "./brief-exports/ris.server";
import { loadBrief, type BriefDocument } from "./brief.server";
import { getContent } from "./content.server";

type BriefRenderer = (document: BriefDocument) => string | Uint8Array<ArrayBuffer> | Promise<string | Uint8Array<ArrayBuffer>>;

/** Each format's renderer, under the extension BRIEF_FORMATS gives it: a format without one does not compile. */
const RENDERERS: Record<BriefFormat, BriefRenderer> = {
  md: briefMarkdown,
  docx: briefDocx,
  bib: briefBibtex,
  ris: briefRis,
  json: briefCslJson,
};

/** The refusal of a brief naming claims that do not exist, which says how to fix the address. */
function unknownClaims(unknown: string[]): Response {
  return new Response(`No claim ${unknown.map((id) => `"${id}"`).join(", ")}: remove ${unknown.length === 1 ? "it" : "them"} from the brief's address (c=…) and try again.\n`, {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

export async function briefExport(request: Request, format: BriefFormat): Promise<Response> {
  const content = getContent();
  const url = new URL(request.url);
  const brief = loadBrief(content, url);
  if (brief.unknown.length > 0) return unknownClaims(brief.unknown);
  const pageUrl = new URL(`/brief${url.search}`, url).href;
  const body = await RENDERERS[format]({ brief, debateTitle: content.debate.title, sources: content.sources, pageUrl });
  return new Response(body, {
    headers: { "Content-Type": BRIEF_FORMATS[format].type, "Content-Disposition": `attachment; filename="brief.${format}"` },
  });
}
