import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useCallback } from "react";
import { postAction } from "~/components/seminar/actions";
import { JoinCorner } from "~/components/seminar/join-corner";
import { EVERY_CHANGE, useSeminarLive } from "~/components/seminar/live";
import { PresenterFrame } from "~/components/seminar/presenter-frame";
import { usePresenterKeys } from "~/components/seminar/presenter-keys";
import { RoomResults } from "~/components/seminar/room-results";
import { pageMeta } from "~/lib/meta";
import { projectorPage, seminarHeaders } from "~/seminar/views.server";
import styles from "~/styles/present.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const headers = seminarHeaders;

/** root.tsx leaves out the site header and footer: the projector shows only the screen. */
export const handle = { bare: true };

export async function loader({ request, params }: LoaderFunctionArgs) {
  return projectorPage(request, params.code ?? "");
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? pageMeta(`Seminar ${data.code}: ${data.view.topic.title}`, data.view.topic.question) : [];

export default function SeminarProjector() {
  const { code, state, view, next, join, results } = useLoaderData<typeof loader>();
  useSeminarLive(code, state, EVERY_CHANGE);
  const { revalidate } = useRevalidator();
  const moveTo = useCallback(
    (step: number) => {
      const target = step <= state.total ? { topic: state.topic, step } : next;
      if (!target) return;
      void postAction(code, new URLSearchParams({ intent: "step", topic: target.topic, step: String(target.step) })).then(() => revalidate());
    },
    [code, state.topic, state.total, next, revalidate],
  );
  const go = usePresenterKeys(state.step, state.total, moveTo);
  return (
    <PresenterFrame
      view={view}
      go={go}
      corner={<JoinCorner join={join} code={code} participants={state.participants} />}
      closing={
        results ? (
          <RoomResults results={results} limit={4} />
        ) : (
          <p className="presenter-closing">{view.topic.question} Answer on your phone now.</p>
        )
      }
      nav={
        <>
          <Link to={`/s/${code}/host`}>Host console</Link>
          <span className="presenter-progress" aria-live="polite">
            Step {view.step} of {view.total}
            {state.paused ? " · phones browsing freely" : ""}
          </span>
          <span />
        </>
      }
    />
  );
}
