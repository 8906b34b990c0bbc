import type { MetaFunction } from "@remix-run/node";
import { CitationList } from "~/components/citations";
import { Prose } from "~/components/prose";
import { pageMeta } from "~/lib/meta";
import { useView, viewData } from "~/lib/view-data";
import { glossaryPage } from "~/models/pages.server";

export async function loader() {
  return viewData(glossaryPage());
}

export const meta: MetaFunction = () => pageMeta("Glossary", "The laws, models, organizations and terms the viewpoints use.");

export default function GlossaryPage() {
  const { glossary } = useView<typeof loader>();
  return (
    <div className="glossary-page">
      <h1>Glossary</h1>
      <dl className="glossary">
        {glossary.map((term) => (
          <div key={term.id} id={term.id} className="term-entry">
            <dt>
              <dfn>{term.term}</dfn>
              {term.aliases.length > 0 ? <span className="muted"> (also: {term.aliases.join(", ")})</span> : null}
            </dt>
            <dd>
              <Prose html={term.definitionHtml} />
              {term.citations.length > 0 ? <CitationList citations={term.citations} /> : null}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
