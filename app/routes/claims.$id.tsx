import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { ClaimCard } from "~/components/claim-card";
import { CopyButton } from "~/components/copy-button";
import { viewpointStyle } from "~/components/viewpoint";
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
  const { claim, topic, citations } = useView<typeof loader>();
  return (
    <div className="claim-page" style={viewpointStyle(claim.viewpoint.hue)}>
      <p className="eyebrow">
        A claim of <Link to={`/perspectives/${claim.viewpoint.id}`}>{claim.viewpoint.name}</Link> on{" "}
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
  );
}
