import { Link } from "@remix-run/react";
import type { CitationView, SourceEntry } from "~/models/view.server";
import { Reference } from "./reference";

function CitationEntry({ citation }: { citation: CitationView }) {
  return (
    <li>
      <Link to={`/sources#${citation.key}`}>{citation.label}</Link>
      {citation.via ? (
        <>
          {", as reported in "}
          <Link to={`/sources#${citation.via.key}`}>{citation.via.label}</Link>
        </>
      ) : null}
      {citation.locator ? <span className="locator">, {citation.locator}</span> : null}
      {citation.phrase ? (
        citation.passage ? (
          <>
            {", "}
            <a href={citation.passage} className="passage" rel="noreferrer">
              “{citation.phrase}”<span className="visually-hidden"> (open the passage in the source)</span>
            </a>
          </>
        ) : (
          <span className="passage">, “{citation.phrase}”</span>
        )
      ) : null}
    </li>
  );
}

export function CitationList({ citations }: { citations: CitationView[] }) {
  return (
    <ul className="citations" aria-label="Sources">
      {citations.map((citation, index) => (
        <CitationEntry key={index} citation={citation} />
      ))}
    </ul>
  );
}

/** The works a page cites, as a reference list: on paper, a handout carries its sources. */
export function PageSources({ sources }: { sources: SourceEntry[] }) {
  if (sources.length === 0) return null;
  return (
    <section className="page-sources print-only" aria-labelledby="page-sources">
      <h2 id="page-sources">Sources cited on this page</h2>
      <ol>
        {sources.map((source) => (
          <li key={source.key}>
            {"apa" in source ? (
              <Reference html={source.apa} />
            ) : (
              <>
                {source.author} ({source.year}). <cite>{source.title}</cite>
                {source.container ? `. ${source.container}` : ""}.{source.url ? ` ${source.url}` : ""}
              </>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
