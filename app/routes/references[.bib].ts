import { getContent } from "~/models/content.server";

/** The whole bibliography, as written in references.bib. */
export async function loader() {
  const { debate } = getContent();
  return new Response(`${debate.sources.map((source) => source.bibtex).join("\n\n")}\n`, {
    headers: { "Content-Type": "application/x-bibtex; charset=utf-8", "Content-Disposition": 'attachment; filename="references.bib"' },
  });
}
