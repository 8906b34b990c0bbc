import { Link } from "@remix-run/react";
import type { Claim, Item } from "~/compiler/model";
import { KIND_LABELS } from "~/lib/labels";
import { AddToBrief } from "./brief";
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
function ClaimReference({
  claimId,
  claimHref = permalink,
  prefix,
  statement,
}: {
  claimId: string;
  claimHref?: ClaimHref;
  prefix: string;
  statement?: string;
}) {
  const target = useRefs().claims[claimId];
  if (!target) return null;
  return (
    <p className="claim-ref">
      {prefix} <ViewpointLabel id={target.perspective} link={false} />:{" "}
      <Link to={claimHref(claimId)}>{target.title}</Link>
      {statement ? <span className="claim-ref-statement">: “{statement}”</span> : null}
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

/**
 * Evidence and counter-evidence, open as sections, or folded behind a summary
 * where the room is the statement's (projector mode).
 */
function ItemSection({
  kind,
  claim,
  level,
  folded,
  claimHref,
}: {
  kind: "evidence" | "counter-evidence";
  claim: Claim;
  level: HeadingLevel;
  folded: boolean;
  claimHref?: ClaimHref;
}) {
  const items = kind === "evidence" ? claim.evidence : claim.counterEvidence;
  const title = kind === "evidence" ? "Evidence" : "Counter-evidence";
  const id = `${claim.id}-${kind === "evidence" ? "evidence" : "counter"}`;
  const list = <ItemList items={items} claimHref={claimHref} />;
  if (folded) {
    return (
      <details className={kind}>
        <summary id={id}>
          {title} ({items.length})
        </summary>
        {list}
      </details>
    );
  }
  return (
    <section className={kind} aria-labelledby={id}>
      <Heading level={level} id={id}>
        {title}
      </Heading>
      {list}
    </section>
  );
}

export function ClaimCard({
  claim,
  level = 3,
  claimHref,
  showViewpoint = false,
  foldItems = false,
  contestedStatements,
}: {
  claim: Claim;
  level?: HeadingLevel;
  claimHref?: ClaimHref;
  showViewpoint?: boolean;
  foldItems?: boolean;
  /** The contesting claims' statements, where the page quotes them. */
  contestedStatements?: Record<string, string>;
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
        <AddToBrief claimId={claim.id} title={claim.title} />
      </header>
      <p className="statement">{claim.statement}</p>
      <Prose html={claim.explanationHtml} />
      <ItemSection kind="evidence" claim={claim} level={sub} folded={foldItems} claimHref={claimHref} />
      <ItemSection kind="counter-evidence" claim={claim} level={sub} folded={foldItems} claimHref={claimHref} />
      {claim.contestedBy.length > 0 ? (
        <section className="contested-by" aria-label="Contested by">
          {claim.contestedBy.map((id) => (
            <ClaimReference key={id} claimId={id} claimHref={claimHref} prefix="Contested by" statement={contestedStatements?.[id]} />
          ))}
        </section>
      ) : null}
    </article>
  );
}
