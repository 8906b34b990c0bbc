import type { LinksFunction, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { Link, useLoaderData, useNavigate } from "@remix-run/react";
import { useCallback, useEffect, useRef, type MouseEvent } from "react";
import { viewpointStyle } from "~/components/viewpoint";
import { STANCE_LABELS } from "~/lib/labels";
import { pageMeta } from "~/lib/meta";
import { loadPresenterStep } from "~/seminar/present.server";
import styles from "~/styles/present.css";

type Data = SerializeFrom<typeof loader>;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

/** root.tsx leaves out the site header and footer: the projector shows only the screen. */
export const handle = { bare: true };

export async function loader({ params }: LoaderFunctionArgs) {
  return loadPresenterStep(params.topic ?? "", params.step);
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? pageMeta(`${data.topic.title}, step ${data.step} of ${data.total}`, data.topic.question) : [];

export default function Present() {
  const data = useLoaderData<typeof loader>();
  const go = usePresenterKeys(data);

  // A click or tap on the screen's right two thirds moves on, on its left third goes back.
  const onClick = (event: MouseEvent<HTMLElement>) => {
    if ((event.target as HTMLElement).closest("a")) return;
    go((current) => (event.clientX < window.innerWidth / 3 ? current - 1 : current + 1));
  };

  return (
    // eslint-disable-next-line jsx-a11y/click-events-have-key-events -- the keys are bound on the window
    <div className={`presenter is-${data.screen.kind}`} onClick={onClick}>
      <header className="presenter-top">
        <p className="presenter-question">{data.topic.question}</p>
      </header>
      <div className="presenter-screen">
        <Screen data={data} />
      </div>
      <nav className="presenter-nav" aria-label="Steps">
        {data.previous ? <Link to={data.previous} rel="prev">← Back</Link> : <span />}
        <span className="presenter-progress" aria-live="polite">
          Step {data.step} of {data.total}
        </span>
        {data.next ? <Link to={data.next} rel="next">Next →</Link> : <Link to="/">Leave</Link>}
      </nav>
    </div>
  );
}

function Stance({ stance }: { stance: keyof typeof STANCE_LABELS }) {
  return <span className={`stance stance-${stance}`}>{STANCE_LABELS[stance]}</span>;
}

function Viewpoint({ viewpoint }: { viewpoint: { name: string; index: number } }) {
  return (
    <span className="viewpoint-label" style={viewpointStyle(viewpoint.index)}>
      <span className="swatch" aria-hidden="true" />
      {viewpoint.name}
    </span>
  );
}

function Screen({ data }: { data: Data }) {
  const { screen, topic } = data;
  switch (screen.kind) {
    case "question":
      return (
        <>
          <p className="presenter-eyebrow">{data.debateTitle}</p>
          <h1>{topic.title}</h1>
          <div className="presenter-framing" dangerouslySetInnerHTML={{ __html: screen.framingHtml }} />
        </>
      );
    case "overview":
      return (
        <>
          <h1>{topic.title}: where each viewpoint stands</h1>
          <ul className="presenter-overview">
            {screen.viewpoints.map((viewpoint) => (
              <li key={viewpoint.id}>
                <Viewpoint viewpoint={viewpoint} />
                <Stance stance={viewpoint.stance} />
              </li>
            ))}
          </ul>
        </>
      );
    case "viewpoint":
      return (
        <>
          <h1>
            <Viewpoint viewpoint={screen.viewpoint} /> <Stance stance={screen.viewpoint.stance} />
          </h1>
          <ul className="presenter-claims">
            {screen.claims.map((claim) => (
              <li key={claim.id} className="presenter-statement">
                <Stance stance={claim.stance} /> {claim.statement}
              </li>
            ))}
          </ul>
        </>
      );
    case "item":
      return (
        <>
          <h1 className="presenter-claim-heading">
            <Viewpoint viewpoint={screen.viewpoint} />
          </h1>
          <p className="presenter-statement">
            <Stance stance={screen.claim.stance} /> {screen.claim.statement}
          </p>
          <section className={`presenter-item presenter-item-${screen.item.type}`} aria-labelledby="presenter-item-label">
            <h2 id="presenter-item-label">
              {screen.item.type === "evidence" ? "Evidence" : "Counter-evidence"} {screen.item.ordinal} of {screen.item.count}
              <span className="presenter-kind"> · {screen.item.kindLabel}</span>
            </h2>
            <div className="presenter-item-text" dangerouslySetInnerHTML={{ __html: screen.item.html }} />
            {screen.item.citations.length > 0 ? <p className="presenter-cite">{screen.item.citations.join("; ")}</p> : null}
          </section>
        </>
      );
    case "closing":
      return (
        <>
          <h1>{topic.title}: where does the room stand now?</h1>
          <p className="presenter-closing">{topic.question}</p>
          {screen.nextTopic ? (
            <p className="presenter-closing">
              Next question: <Link to={screen.nextTopic.href}>{screen.nextTopic.title}</Link>
            </p>
          ) : null}
        </>
      );
  }
}

/**
 * → Space PageDown: next; ← PageUp: back (clickers send PageUp/PageDown); Home, End; F: full screen.
 * Steps count from the one last asked for, not the one shown, so quick presses
 * while a screen loads all count.
 */
function usePresenterKeys(data: Data) {
  const navigate = useNavigate();
  const pending = useRef(data.step);
  useEffect(() => {
    pending.current = data.step;
  }, [data.step]);
  const { id } = data.topic;
  const { total } = data;
  const go = useCallback(
    (step: number | ((current: number) => number)) => {
      const wanted = typeof step === "function" ? step(pending.current) : step;
      const target = Math.min(Math.max(wanted, 1), total);
      if (target === pending.current) return;
      pending.current = target;
      navigate(`/present/${encodeURIComponent(id)}/${target}`, { preventScrollReset: true });
    },
    [id, total, navigate],
  );
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === "f" || event.key === "F") {
        event.preventDefault();
        if (document.fullscreenElement) void document.exitFullscreen();
        else void document.documentElement.requestFullscreen?.().catch(() => undefined);
        return;
      }
      const moves: Record<string, (current: number) => number> = {
        ArrowRight: (current) => current + 1,
        " ": (current) => current + 1,
        PageDown: (current) => current + 1,
        ArrowLeft: (current) => current - 1,
        PageUp: (current) => current - 1,
        Home: () => 1,
        End: () => total,
      };
      if (!(event.key in moves)) return;
      event.preventDefault();
      go(moves[event.key]!);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [go, total]);
  return go;
}
