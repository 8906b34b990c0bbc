import { Link } from "@remix-run/react";
import type { Claim, Item } from "~/compiler/model";
import { KIND_LABELS } from "~/lib/labels";
import { CitationList } from "./citations";
import { Prose } from "./prose";
import { useRefs } from "./refs";
import { StanceBadge, ViewpointLabel } from "./viewpoint";

type HeadingLevel = 1 | 2 | 3 | 4;
export type ClaimHref = (claimId: string) => string;
const permalink: ClaimHref = (claimId) => `/claims/${claimId}`;

function Heading({ level, ...props }: { level: HeadingLevel } & JSX.IntrinsicElements["h2"]) {
  const Tag = `h${level}` as const;
  return <Tag {...props} />;
}

/** "From <viewpoint>: <claim>", for an item drawn from another viewpoint's claim. */
function ClaimReference({ claimId, claimHref = permalink, prefix }: { claimId: string; claimHref?: ClaimHref; prefix: string }) {
  const target = useRefs().claims[claimId];
  if (!target) return null;
  return (
    <p className="claim-ref">
      {prefix} <ViewpointLabel id={target.perspective} link={false} />:{" "}
      <Link to={claimHref(claimId)}>{target.title}</Link>
    </p>
  );
}

function ItemList({ items, claimHref }: { items: Item[]; claimHref?: ClaimHref }) {
  return (
    <ul className="items">
      {items.map((item, index) => (
        <li key={index} className={`item item-${item.type}`}>
          <span className="kind">{KIND_LABELS[item.kind]}</span>
          <Prose html={item.html} className="item-text" />
          <CitationList citations={item.citations} />
          {item.claim ? <ClaimReference claimId={item.claim} claimHref={claimHref} prefix="Comes from" /> : null}
        </li>
      ))}
    </ul>
  );
}

export function ClaimCard({
  claim,
  level = 3,
  claimHref,
  showViewpoint = false,
}: {
  claim: Claim;
  level?: HeadingLevel;
  claimHref?: ClaimHref;
  showViewpoint?: boolean;
}) {
  const { topics } = useRefs();
  const sub = Math.min(level + 1, 4) as HeadingLevel;
  return (
    <article className="claim" id={claim.id} aria-labelledby={`${claim.id}-title`}>
      <header className="claim-header">
        {showViewpoint ? <ViewpointLabel id={claim.perspective} /> : null}
        <Heading level={level} id={`${claim.id}-title`} className="claim-title">
          <Link to={permalink(claim.id)}>{claim.title}</Link>
        </Heading>
        <StanceBadge stance={claim.stance} question={topics[claim.topic]?.question} />
      </header>
      <p className="statement">{claim.statement}</p>
      <Prose html={claim.explanationHtml} />
      <section className="evidence" aria-labelledby={`${claim.id}-evidence`}>
        <Heading level={sub} id={`${claim.id}-evidence`}>Evidence</Heading>
        <ItemList items={claim.evidence} claimHref={claimHref} />
      </section>
      <section className="counter-evidence" aria-labelledby={`${claim.id}-counter`}>
        <Heading level={sub} id={`${claim.id}-counter`}>Counter-evidence</Heading>
        <ItemList items={claim.counterEvidence} claimHref={claimHref} />
      </section>
      {claim.contestedBy.length > 0 ? (
        <section className="contested-by" aria-label="Contested by">
          {claim.contestedBy.map((id) => (
            <ClaimReference key={id} claimId={id} claimHref={claimHref} prefix="Contested by" />
          ))}
        </section>
      ) : null}
    </article>
  );
}
