import { Link } from "@remix-run/react";
import type { Citation } from "~/compiler/model";
import { useRefs } from "./refs";

/** A link that opens the work at the quoted passage (a text fragment). */
export function passageUrl(url: string | undefined, phrase: string | undefined): string | undefined {
  if (!url) return undefined;
  return phrase ? `${url}#:~:text=${encodeURIComponent(phrase)}` : url;
}

function CitationEntry({ citation }: { citation: Citation }) {
  const { sources } = useRefs();
  const source = sources[citation.key];
  const via = citation.via ? sources[citation.via] : undefined;
  const passage = passageUrl(via ? via.url : source?.url, citation.phrase);
  return (
    <li>
      <Link to={`/sources#${citation.key}`}>
        {source ? `${source.author} (${source.year})` : citation.key}
      </Link>
      {via ? (
        <>
          {", as reported in "}
          <Link to={`/sources#${citation.via}`}>{`${via.title} (${via.year})`}</Link>
        </>
      ) : null}
      {citation.locator ? <span className="locator">, {citation.locator}</span> : null}
      {citation.phrase ? (
        passage ? (
          <>
            {", "}
            <a href={passage} className="passage" rel="noreferrer">
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

export function CitationList({ citations }: { citations: Citation[] }) {
  return (
    <ul className="citations" aria-label="Sources">
      {citations.map((citation, index) => (
        <CitationEntry key={index} citation={citation} />
      ))}
    </ul>
  );
}
