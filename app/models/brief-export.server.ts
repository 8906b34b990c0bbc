/** Serves the brief's exports: same query as /brief, one address per format. */
import { briefDocx } from "./brief-docx.server";
import { briefBibtex, briefCslJson, briefMarkdown, briefRis, loadBrief } from "./brief.server";
import { getContent } from "./content.server";

const TYPES = {
  md: "text/markdown; charset=utf-8",
  bib: "application/x-bibtex; charset=utf-8",
  ris: "application/x-research-info-systems; charset=utf-8",
  json: "application/vnd.citationstyles.csl+json; charset=utf-8",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
} as const;

export async function briefExport(request: Request, format: keyof typeof TYPES): Promise<Response> {
  const content = getContent();
  const url = new URL(request.url);
  const brief = loadBrief(content, url);
  if (brief.unknown.length > 0) {
    return new Response(`No claim ${brief.unknown.map((id) => `"${id}"`).join(", ")}: remove ${brief.unknown.length === 1 ? "it" : "them"} from the brief's address (c=…) and try again.\n`, {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const pageUrl = new URL(`/brief${url.search}`, url).href;
  const body =
    format === "md"
      ? briefMarkdown(brief, content.debate.title, pageUrl)
      : format === "bib"
        ? briefBibtex(brief)
        : format === "ris"
          ? briefRis(brief)
          : format === "json"
            ? briefCslJson(brief)
            : new Uint8Array(await briefDocx(brief, content.debate.title, content.sources, pageUrl));
  return new Response(body, {
    headers: { "Content-Type": TYPES[format], "Content-Disposition": `attachment; filename="brief.${format}"` },
  });
}
