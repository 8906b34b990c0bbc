import { Link } from "@remix-run/react";
import { useEffect, useState } from "react";
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
