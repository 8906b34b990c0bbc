import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { ClaimCard } from "~/components/claim-card";
import { CopyButton } from "~/components/copy-button";
import { Reference } from "~/components/reference";
import { viewpointStyle } from "~/components/viewpoint";
import { CITATION_STYLES, STYLE_LABELS, type CitationStyle } from "~/compiler/model";
import { pageMeta } from "~/lib/meta";
import { readView, useView, viewData } from "~/lib/view-data";
import { claimPage } from "~/models/pages.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  return viewData(claimPage(params.id, new URL(request.url).origin));
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const view = readView<typeof loader>(data);
  return view ? pageMeta(`${view.claim.title} (${view.claim.viewpoint.name})`, view.claim.statement) : [];
};

type Entry = { html: string; text: string };

function EntryList({ title, entries, secondary }: { title: string; entries: Entry[]; secondary: string[] }) {
  if (entries.length === 0) return null;
  return (
    <>
      <h4>{title}</h4>
      <ul className="reference-list">
        {entries.map((entry, index) => (
          <li key={index}>
            <Reference html={entry.html} />
          </li>
        ))}
      </ul>
      {secondary.length > 0 ? (
        <p className="muted">
          Read through another work; cite in the text as {secondary.join("; ")}.
        </p>
      ) : null}
    </>
  );
}

function StyleBlock({ style, citations }: { style: CitationStyle; citations: ReturnType<typeof claimPage>["citations"] }) {
  const label = STYLE_LABELS[style];
  const groups = [
    ["The claim’s page", [citations.claim[style]]],
    ["Works the claim rests on", citations.restsOn.entries[style]],
    ["Works cited against it", citations.against.entries[style]],
  ] as const;
  const html = groups
    .filter(([, entries]) => entries.length > 0)
    .map(([title, entries]) => `<p><b>${title}</b></p>${entries.map((entry) => `<p>${entry.html}</p>`).join("")}`)
    .join("");
  const text = groups
    .filter(([, entries]) => entries.length > 0)
    .map(([title, entries]) => `${title}\n${entries.map((entry) => entry.text).join("\n")}`)
    .join("\n\n");
  return (
    <section className="cite-block" aria-labelledby={`cite-${style}`}>
      <div className="cite-block-header">
        <h3 id={`cite-${style}`}>{label}</h3>
        <CopyButton html={html} text={text} label={`Copy ${label}`} />
        <CopyButton text={text} label={`Copy ${label} as plain text`} />
      </div>
      <EntryList title="The claim’s page" entries={[citations.claim[style]]} secondary={[]} />
      <EntryList title="Works the claim rests on" entries={citations.restsOn.entries[style]} secondary={citations.restsOn.secondary.map((entry) => entry[style])} />
      <EntryList title="Works cited against it" entries={citations.against.entries[style]} secondary={citations.against.secondary.map((entry) => entry[style])} />
    </section>
  );
}

export default function ClaimPage() {
  const { claim, topic, citations, contested } = useView<typeof loader>();
  return (
    <div className="claim-page" style={viewpointStyle(claim.viewpoint.hue)}>
      <p className="eyebrow">
        A claim of <Link to={`/perspectives/${claim.viewpoint.id}`}>{claim.viewpoint.name}</Link> on{" "}
        <Link to={`/topics/${topic.id}`}>{topic.title}</Link>: {topic.question}
      </p>
      <ClaimCard claim={claim} level={1} showViewpoint contestedStatements={contested} />
      {claim.contestedBy.length === 0 ? (
        <p className="no-answer-line">
          <strong>No answer yet:</strong> no other viewpoint has raised counter-evidence against this claim.
        </p>
      ) : null}
      <section className="cite-this" aria-labelledby="cite-heading">
        <h2 id="cite-heading">Cite this claim</h2>
        <p>Cite the claim’s page and, better still, the works it rests on. Works cited only against the claim are listed apart.</p>
        {CITATION_STYLES.map((style) => (
          <StyleBlock key={style} style={style} citations={citations} />
        ))}
        <section className="cite-block" aria-labelledby="cite-bibtex">
          <div className="cite-block-header">
            <h3 id="cite-bibtex">BibTeX</h3>
            <CopyButton text={[citations.restsOn.bibtex, citations.against.bibtex].filter(Boolean).join("\n\n")} label="Copy BibTeX" />
          </div>
          {citations.restsOn.bibtex ? (
            <pre aria-label="BibTeX of the works the claim rests on" tabIndex={0}>{`% Works the claim rests on\n${citations.restsOn.bibtex}`}</pre>
          ) : null}
          {citations.against.bibtex ? (
            <pre aria-label="BibTeX of the works cited against it" tabIndex={0}>{`% Works cited against it\n${citations.against.bibtex}`}</pre>
          ) : null}
        </section>
      </section>
    </div>
  );
}
