import { Link } from "@remix-run/react";
import { KIND_LABELS } from "~/lib/labels";
import type { ClaimLink, ClaimView, ItemView } from "~/models/view.server";
import { AddToBrief } from "./brief";
import { CitationList } from "./citations";
import { FlagBadges } from "./flags";
import { Prose } from "./prose";
import { StanceBadge, ViewpointLabel } from "./viewpoint";

type HeadingLevel = 1 | 2 | 3 | 4;
export type ClaimHref = (claim: ClaimLink) => string;
const permalink = (claimId: string) => `/claims/${claimId}`;

function Heading({ level, ...props }: { level: HeadingLevel } & JSX.IntrinsicElements["h2"]) {
  const Tag = `h${level}` as const;
  return <Tag {...props} />;
}

/** "From <viewpoint>: <claim>", for an item drawn from another viewpoint's claim. */
function ClaimReference({
  target,
  claimHref = (link) => permalink(link.id),
  prefix,
  statement,
}: {
  target: ClaimLink;
  claimHref?: ClaimHref;
  prefix: string;
  statement?: string;
}) {
  return (
    <p className="claim-ref">
      {prefix} <ViewpointLabel viewpoint={target.viewpoint} link={false} />:{" "}
      <Link to={claimHref(target)}>{target.title}</Link>
      {statement ? <span className="claim-ref-statement">: “{statement}”</span> : null}
    </p>
  );
}

function ItemList({ items, claimHref }: { items: ItemView[]; claimHref?: ClaimHref }) {
  return (
    <ul className="items">
      {items.map((item, index) => (
        <li key={index} className={`item item-${item.type}`}>
          <span className="kind">{KIND_LABELS[item.kind]}</span>
          <FlagBadges flags={item.flags} />
          <Prose html={item.html} className="item-text" />
          <CitationList citations={item.citations} />
          {item.claim ? <ClaimReference target={item.claim} claimHref={claimHref} prefix="Comes from" /> : null}
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
  standalone,
  claimHref,
}: {
  kind: "evidence" | "counter-evidence";
  claim: ClaimView;
  level: HeadingLevel;
  folded: boolean;
  /** The claim is the page's subject, the only one on it. */
  standalone: boolean;
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
    // Where several claims share a page, each section's name says whose it is, so landmarks stay distinguishable.
    <section className={kind} aria-labelledby={standalone ? id : `${id} ${claim.id}-title`}>
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
  claim: ClaimView;
  level?: HeadingLevel;
  claimHref?: ClaimHref;
  showViewpoint?: boolean;
  foldItems?: boolean;
  /** The contesting claims' statements, where the page quotes them. */
  contestedStatements?: Record<string, string>;
}) {
  const sub = Math.min(level + 1, 4) as HeadingLevel;
  return (
    <article className="claim" id={claim.id} aria-labelledby={`${claim.id}-title`}>
      <header className="claim-header">
        {showViewpoint ? <ViewpointLabel viewpoint={claim.viewpoint} /> : null}
        <Heading level={level} id={`${claim.id}-title`} className="claim-title">
          <Link to={permalink(claim.id)}>{claim.title}</Link>
        </Heading>
        <StanceBadge stance={claim.stance} question={claim.question} />
        <FlagBadges flags={claim.flags} />
        <AddToBrief claimId={claim.id} title={claim.title} />
      </header>
      <p className="statement">{claim.statement}</p>
      <Prose html={claim.explanationHtml} />
      <ItemSection kind="evidence" claim={claim} level={sub} folded={foldItems} standalone={level === 1} claimHref={claimHref} />
      <ItemSection kind="counter-evidence" claim={claim} level={sub} folded={foldItems} standalone={level === 1} claimHref={claimHref} />
      {claim.contestedBy.length > 0 ? (
        <section className="contested-by" aria-label={level === 1 ? "Contested by" : `Contested by, on ${claim.title}`}>
          {claim.contestedBy.map((target) => (
            <ClaimReference key={target.id} target={target} claimHref={claimHref} prefix="Contested by" statement={contestedStatements?.[target.id]} />
          ))}
        </section>
      ) : null}
    </article>
  );
}
