import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigate } from "@remix-run/react";
import { useCallback } from "react";
import { PresenterFrame } from "~/components/seminar/presenter-frame";
import { usePresenterKeys } from "~/components/seminar/presenter-keys";
import { pageMeta } from "~/lib/meta";
import { presentUrl } from "~/lib/urls";
import { loadPresenterStep } from "~/models/present.server";
import styles from "~/styles/present.css";

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
  const navigate = useNavigate();
  const { id } = data.topic;
  const { total } = data;
  const moveTo = useCallback(
    (step: number) => {
      if (step <= total) navigate(presentUrl(id, step), { preventScrollReset: true });
    },
    [id, total, navigate],
  );
  const go = usePresenterKeys(data.step, total, moveTo);
  return (
    <PresenterFrame
      view={data}
      go={go}
      nextTopicHref={data.nextTopicHref}
      nav={
        <>
          {data.previous ? <Link to={data.previous} rel="prev">← Back</Link> : <span />}
          <span className="presenter-progress" aria-live="polite">
            Step {data.step} of {data.total}
          </span>
          {data.next ? <Link to={data.next} rel="next">Next →</Link> : <Link to="/">Leave</Link>}
        </>
      }
    />
  );
}
