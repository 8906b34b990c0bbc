import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ClaimCard } from "~/components/claim-card";
import { RichCopyButton } from "~/components/citations";
import { CopyButton } from "~/components/copy-button";
import { Reference } from "~/components/reference";
import { RefsProvider } from "~/components/refs";
import { viewpointStyle } from "~/components/viewpoint";
import { pageMeta } from "~/lib/meta";
import { citeClaim } from "~/models/cite.server";
import { getContent, notFound } from "~/models/content.server";
import { refsOf } from "~/models/refs.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const content = getContent();
  const claim = content.claims.get(params.id ?? "") ?? notFound("claim", params.id ?? "");
  const perspective = content.perspectives.get(claim.perspective)!;
  const topic = content.topics.get(claim.topic)!;
  const url = new URL(`/claims/${claim.id}`, request.url).href;
  return {
    refs: refsOf(content),
    claim,
    topic: { id: topic.id, title: topic.title, question: topic.question },
    perspectiveName: perspective.name,
    contested: Object.fromEntries(claim.contestedBy.map((id) => [id, content.claims.get(id)?.statement ?? ""])),
    citations: citeClaim(claim, perspective.name, content.debate.title, content.sources, url),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? pageMeta(`${data.claim.title} (${data.perspectiveName})`, data.claim.statement) : [];

type Entry = { html: string; text: string };
const STYLES = [
  ["apa", "APA"],
  ["chicago", "Chicago"],
  ["mla", "MLA"],
] as const;

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

function StyleBlock({ style, label, citations }: { style: "apa" | "chicago" | "mla"; label: string; citations: ReturnType<typeof useLoaderData<typeof loader>>["citations"] }) {
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
        <RichCopyButton html={html} text={text} label={`Copy ${label}`} />
        <CopyButton text={text} label={`Copy ${label} as plain text`} />
      </div>
      <EntryList title="The claim’s page" entries={[citations.claim[style]]} secondary={[]} />
      <EntryList title="Works the claim rests on" entries={citations.restsOn.entries[style]} secondary={citations.restsOn.secondary.map((entry) => entry[style])} />
      <EntryList title="Works cited against it" entries={citations.against.entries[style]} secondary={citations.against.secondary.map((entry) => entry[style])} />
    </section>
  );
}

export default function ClaimPage() {
  const { refs, claim, topic, perspectiveName, citations, contested } = useLoaderData<typeof loader>();
  return (
    <RefsProvider refs={refs}>
      <div className="claim-page" style={viewpointStyle(refs.perspectives[claim.perspective]?.index ?? 0)}>
        <p className="eyebrow">
          A claim of <Link to={`/perspectives/${claim.perspective}`}>{perspectiveName}</Link> on{" "}
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
          {STYLES.map(([style, label]) => (
            <StyleBlock key={style} style={style} label={label} citations={citations} />
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
    </RefsProvider>
  );
}
