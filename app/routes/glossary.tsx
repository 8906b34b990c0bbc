import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CitationList } from "~/components/citations";
import { RefsProvider } from "~/components/refs";
import { pageMeta } from "~/lib/meta";
import { getContent } from "~/models/content.server";
import { refsOf, type Refs } from "~/models/refs.server";

export async function loader() {
  const content = getContent();
  // On this page every term is its own definition, so none links elsewhere.
  const refs: Refs = { ...refsOf(content), terms: [] };
  return { refs, glossary: content.debate.glossary };
}

export const meta: MetaFunction = () => pageMeta("Glossary", "The laws, models, organizations and terms the viewpoints use.");

export default function GlossaryPage() {
  const { refs, glossary } = useLoaderData<typeof loader>();
  return (
    <RefsProvider refs={refs}>
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
                <div className="prose" dangerouslySetInnerHTML={{ __html: term.definitionHtml }} />
                {term.citations.length > 0 ? <CitationList citations={term.citations} /> : null}
              </dd>
            </div>
          ))}
        </dl>
      </div>
    </RefsProvider>
  );
}
