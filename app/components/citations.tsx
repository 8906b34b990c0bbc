import { Link } from "@remix-run/react";
import { useEffect, useState } from "react";
import { citedKeys, type Citation, type Claim } from "~/compiler/model";
import { passageUrl } from "~/lib/urls";
import { Reference } from "./reference";
import { useRefs } from "./refs";

function CitationEntry({ citation }: { citation: Citation }) {
  const { sources } = useRefs();
  const source = sources[citation.key];
  const via = citation.via ? sources[citation.via] : undefined;
  const passage = passageUrl(via ? via.url : source?.url, citation.phrase);
  return (
    <li>
      <Link to={`/sources#${citation.key}`}>
        {source ? `${source.citeName} (${source.year})` : citation.key}
      </Link>
      {via ? (
        <>
          {", as reported in "}
          <Link to={`/sources#${citation.via}`}>{`${via.citeName} (${via.year})`}</Link>
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

/** The works cited by `claims`, as a reference list: on paper, a handout carries its sources. */
export function PageSources({ claims }: { claims: Claim[] }) {
  const { sources } = useRefs();
  const keys = new Set(
    claims.flatMap((claim) =>
      [...claim.evidence, ...claim.counterEvidence].flatMap((item) =>
        item.citations.flatMap(citedKeys),
      ),
    ),
  );
  const cited = [...keys]
    .map((key) => ({ key, ...sources[key]! }))
    .filter((source) => source.title)
    .sort((a, b) => (a.apaRank ?? 0) - (b.apaRank ?? 0));
  if (cited.length === 0) return null;
  return (
    <section className="page-sources print-only" aria-labelledby="page-sources">
      <h2 id="page-sources">Sources cited on this page</h2>
      <ol>
        {cited.map((source) => (
          <li key={source.key}>{source.apa ? <Reference html={source.apa} /> : source.title}</li>
        ))}
      </ol>
    </section>
  );
}

/**
 * Copies a reference list both as HTML (so italics survive a paste into a
 * word processor) and as plain text; appears once JavaScript runs.
 */
export function RichCopyButton({ html, text, label }: { html: string; text: string; label: string }) {
  const [ready, setReady] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setReady(typeof navigator !== "undefined" && Boolean(navigator.clipboard)), []);
  if (!ready) return null;
  return (
    <button
      type="button"
      className="copy-button"
      onClick={async () => {
        if (typeof ClipboardItem !== "undefined" && navigator.clipboard.write) {
          await navigator.clipboard.write([
            new ClipboardItem({
              "text/html": new Blob([html], { type: "text/html" }),
              "text/plain": new Blob([text], { type: "text/plain" }),
            }),
          ]);
        } else {
          await navigator.clipboard.writeText(text);
        }
        setCopied(true);
        setTimeout(() => setCopied(false), 2000);
      }}
    >
      {label}
      <span role="status" className={copied ? "copied" : "visually-hidden"}>
        {copied ? " · copied" : ""}
      </span>
    </button>
  );
}
