import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation, useNavigate } from "@remix-run/react";
import { useEffect, useState } from "react";
import { briefUrl, readBrief, useStoredBrief, writeBrief } from "~/components/brief";
import { CitationList } from "~/components/citations";
import { CopyButton } from "~/components/copy-button";
import { Prose } from "~/components/prose";
import { Reference } from "~/components/reference";
import { StanceBadge, ViewpointLabel } from "~/components/viewpoint";
import type { ItemView } from "~/models/view.server";
import { BRIEF_FORMATS } from "~/lib/brief-formats";
import { KIND_LABELS } from "~/lib/labels";
import { pageMeta } from "~/lib/meta";
import { briefView } from "~/models/brief.server";
import { getContent } from "~/models/content.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return briefView(getContent(), new URL(request.url));
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageMeta(`Brief (${data?.ids.length ?? 0} ${data?.ids.length === 1 ? "claim" : "claims"})`, "Claims collected for a paper, with their evidence and sources.");

function Items({ title, items }: { title: string; items: ItemView[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <h4>{title}</h4>
      <ul className="items">
        {items.map((item, index) => (
          <li key={index} className={`item item-${item.type}`}>
            <span className="kind">{KIND_LABELS[item.kind]}</span>
            <Prose html={item.html} className="item-text" />
            <CitationList citations={item.citations} />
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * Keeps the page and the stored brief in step: an address without claims
 * opens the stored brief; an address with claims is what the page shows, and
 * the controls below write it back to storage.
 */
function useSyncWithStorage() {
  const { search } = useLocation();
  const navigate = useNavigate();
  useEffect(() => {
    if (!new URLSearchParams(search).has("c")) {
      const stored = readBrief();
      if (stored.length > 0) navigate(briefUrl(stored), { replace: true });
    }
  }, [search, navigate]);
  return (next: string[]) => writeBrief(next);
}

export default function BriefPage() {
  const data = useLoaderData<typeof loader>();
  const stored = useStoredBrief();
  const save = useSyncWithStorage();
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);
  const query = briefUrl(data.ids, "");
  const shareUrl = `${origin}${briefUrl(data.ids)}`;
  const differs = stored !== undefined && data.ids.length > 0 && stored.join(" ") !== data.ids.join(" ");
  // Arranging a shared brief changes only its address: the brief kept in this
  // browser is the reader's own, replaced only when they choose to keep this one.
  // Read from storage at the click: `stored` is not there until an effect has
  // run, and a click before that must not take the shared brief for the kept one.
  const arrange = (next: string[]) => {
    if (readBrief().join(" ") === data.ids.join(" ")) save(next);
  };
  const order = data.ids;
  const move = (id: string, by: number) => {
    const next = [...order];
    const from = next.indexOf(id);
    const to = Math.max(0, Math.min(next.length - 1, from + by));
    next.splice(to, 0, ...next.splice(from, 1));
    return next;
  };
  return (
    <>
      <div className="brief-page">
        <h1>Brief</h1>
        {data.unknown.length > 0 ? (
          <p className="notice" role="alert">
            This address names {data.unknown.length === 1 ? "a claim that does not exist" : "claims that do not exist"}:{" "}
            {data.unknown.join(", ")}. They may have been renamed; the brief below leaves them out.
          </p>
        ) : null}
        {data.ids.length === 0 ? (
          <div className="brief-empty">
            <p>Your brief is empty. Use “Add to brief” beside any claim, on the <Link to="/search">search</Link>, <Link to="/compare">compare</Link>, question, viewpoint or claim pages.</p>
          </div>
        ) : (
          <>
            <p className="lede">
              {data.ids.length} {data.ids.length === 1 ? "claim" : "claims"} on {data.groups.length}{" "}
              {data.groups.length === 1 ? "question" : "questions"}, citing {data.works.length} {data.works.length === 1 ? "work" : "works"}.
            </p>
            {differs ? (
              <p className="notice">
                This brief is not the one kept in this browser ({stored.length} {stored.length === 1 ? "claim" : "claims"}).{" "}
                <button type="button" onClick={() => save(data.ids)}>
                  Keep this brief in this browser
                </button>{" "}
                <Link to={briefUrl(stored)}>Open the kept brief</Link>
              </p>
            ) : null}
            <nav className="brief-actions no-print" aria-label="Brief exports">
              <h2 className="visually-hidden">Download and share</h2>
              <ul>
                {Object.entries(BRIEF_FORMATS).map(([ext, { label }]) => (
                  <li key={ext}>
                    <a href={`/brief.${ext}${query}`} download={`brief.${ext}`}>
                      {label} (.{ext})
                    </a>
                  </li>
                ))}
                <li>
                  <Link to={briefUrl(data.ids)}>Link to this brief</Link>
                  {origin ? <CopyButton text={shareUrl} label="Copy the link" /> : null}
                </li>
                <li>
                  <Link to={`/search${query}`}>Find more claims</Link>
                </li>
              </ul>
            </nav>
            {data.groups.map((group) => (
              <section key={group.topic.id} className="brief-group" aria-labelledby={`brief-${group.topic.id}`}>
                <h2 id={`brief-${group.topic.id}`}>
                  <Link to={`/topics/${group.topic.id}`}>{group.topic.title}</Link>
                </h2>
                <p className="question">{group.topic.question}</p>
                {group.claims.map((claim) => {
                  const position = order.indexOf(claim.id);
                  return (
                    <article key={claim.id} className="claim brief-claim" aria-labelledby={`brief-claim-${claim.id}`}>
                      <header className="claim-header">
                        <ViewpointLabel viewpoint={claim.viewpoint} />
                        <h3 id={`brief-claim-${claim.id}`} className="claim-title">
                          <Link to={`/claims/${claim.id}`}>{claim.title}</Link>
                        </h3>
                        <StanceBadge stance={claim.stance} question={group.topic.question} />
                      </header>
                      <p className="statement">{claim.statement}</p>
                      <Items title="Evidence" items={claim.evidence} />
                      <Items title="Counter-evidence" items={claim.counterEvidence} />
                      <ul className="brief-controls no-print" aria-label={`Arrange: ${claim.title}`}>
                        {position > 0 ? (
                          <li>
                            <Link to={briefUrl(move(claim.id, -1))} onClick={() => arrange(move(claim.id, -1))} preventScrollReset replace>
                              Move up<span className="visually-hidden">: {claim.title}</span>
                            </Link>
                          </li>
                        ) : null}
                        {position < order.length - 1 ? (
                          <li>
                            <Link to={briefUrl(move(claim.id, 1))} onClick={() => arrange(move(claim.id, 1))} preventScrollReset replace>
                              Move down<span className="visually-hidden">: {claim.title}</span>
                            </Link>
                          </li>
                        ) : null}
                        <li>
                          <Link
                            to={briefUrl(order.filter((id) => id !== claim.id))}
                            onClick={() => arrange(order.filter((id) => id !== claim.id))}
                            preventScrollReset
                            replace
                          >
                            Remove<span className="visually-hidden">: {claim.title}</span>
                          </Link>
                        </li>
                      </ul>
                    </article>
                  );
                })}
              </section>
            ))}
            <section className="brief-references" aria-labelledby="brief-references">
              <h2 id="brief-references">References (APA)</h2>
              <ol className="reference-list">
                {data.works.map((work) => (
                  <li key={work.key} id={`ref-${work.key}`}>
                    {work.references ? <Reference html={work.references.apa.html} /> : work.title}
                  </li>
                ))}
              </ol>
            </section>
          </>
        )}
      </div>
    </>
  );
}
