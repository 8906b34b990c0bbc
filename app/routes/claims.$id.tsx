import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ClaimCard } from "~/components/claim-card";
import { CopyButton } from "~/components/copy-button";
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
    citations: citeClaim(claim, perspective.name, content.debate.title, content.sources, url),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? pageMeta(`${data.claim.title} (${data.perspectiveName})`, data.claim.statement) : [];

function CiteBlock({ id, title, text }: { id: string; title: string; text: string }) {
  return (
    <div className="cite-block">
      <div className="cite-block-header">
        <h3 id={id}>{title}</h3>
        <CopyButton text={text} label={`Copy ${title}`} />
      </div>
      <pre aria-labelledby={id} tabIndex={0}>{text}</pre>
    </div>
  );
}

export default function ClaimPage() {
  const { refs, claim, topic, perspectiveName, citations } = useLoaderData<typeof loader>();
  return (
    <RefsProvider refs={refs}>
      <div className="claim-page" style={viewpointStyle(refs.perspectives[claim.perspective]?.index ?? 0)}>
        <p className="eyebrow">
          A claim of <Link to={`/perspectives/${claim.perspective}`}>{perspectiveName}</Link> on{" "}
          <Link to={`/topics/${topic.id}`}>{topic.title}</Link>: {topic.question}
        </p>
        <ClaimCard claim={claim} level={1} showViewpoint />
        <section className="cite-this" aria-labelledby="cite-heading">
          <h2 id="cite-heading">Cite this claim</h2>
          <p>Cite the claim’s page and, better still, the works it rests on.</p>
          <CiteBlock id="cite-apa" title="APA" text={[citations.apa.claim, "", ...citations.apa.works].join("\n")} />
          <CiteBlock id="cite-chicago" title="Chicago" text={[citations.chicago.claim, "", ...citations.chicago.works].join("\n")} />
          <CiteBlock id="cite-bibtex" title="BibTeX" text={citations.bibtex} />
        </section>
      </div>
    </RefsProvider>
  );
}
