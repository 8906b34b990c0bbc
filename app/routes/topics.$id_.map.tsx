import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { DisputeMap, LegendArrow } from "~/components/dispute-map";
import { StanceBadge, ViewpointLabel } from "~/components/viewpoint";
import { pageMeta } from "~/lib/meta";
import { compareUrl } from "~/lib/urls";
import { readView, useView, viewData } from "~/lib/view-data";
import { mapPage } from "~/models/map.server";

export async function loader({ params }: LoaderFunctionArgs) {
  return viewData(await mapPage(params.id));
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const view = readView<typeof loader>(data);
  return view ? pageMeta(`Map: ${view.topic.title}`, `${view.topic.question} Every claim, by answer, and who contests whom.`) : [];
};

type Pair = ReturnType<typeof useView<typeof loader>>["pairs"][number];

/** One side of a "contested by" pair: the claim, whose it is, its answer, and its question when it is another. */
function PairEnd({ end }: { end: Pair["claim"] }) {
  return (
    <>
      <Link to={`/claims/${end.id}`}>{end.title}</Link>
      <span className="map-pair-meta">
        <ViewpointLabel viewpoint={end.viewpoint} link={false} /> <StanceBadge stance={end.stance} />
        {end.topic ? (
          <>
            {" "}
            on <Link to={`/topics/${end.topic.id}/map`}>{end.topic.title}</Link>
          </>
        ) : null}
      </span>
    </>
  );
}

export default function MapPage() {
  const { topic, layout, viewpoints, pairs } = useView<typeof loader>();
  return (
    <article className="map-page">
      <header className="page-header">
        <p className="eyebrow">Map of a dispute</p>
        <h1>{topic.title}</h1>
        <p className="question">{topic.question}</p>
        <p className="no-print">
          <Link to={`/topics/${topic.id}`}>Every answer to this question</Link> ·{" "}
          <Link to={compareUrl(topic.id, [])}>Compare the answers side by side</Link> ·{" "}
          <Link to={`/where-do-i-stand`}>Where do I stand?</Link>
        </p>
      </header>

      <section aria-labelledby="map-heading">
        <h2 id="map-heading">Who contests whom, as a map</h2>
        <div id="map-help" className="map-help">
          <p>
            Each box is a claim, in the column of its answer to this question; claims on other questions that are in
            dispute with them stand in a column of their own. Each box names its viewpoint, and its colour tells
            viewpoints apart. Follow a box to its claim. The table below lists the same disputes in words.
          </p>
          <p className="map-legend-arrow-line">
            <LegendArrow /> An arrow runs from a claim to a claim it is contested by.
          </p>
        </div>
        {viewpoints.length > 0 ? (
          <ul className="map-legend" aria-label="Viewpoints on the map">
            {viewpoints.map((viewpoint) => (
              <li key={viewpoint.id}>
                <ViewpointLabel viewpoint={viewpoint} link={false} />
              </li>
            ))}
          </ul>
        ) : null}
        {layout.nodes.length > 0 ? (
          <div className="map-scroll">
            <DisputeMap layout={layout} labelledBy="map-heading" describedBy="map-help" />
          </div>
        ) : (
          <p className="muted">No viewpoint has a claim on this question yet.</p>
        )}
      </section>

      <section aria-labelledby="pairs-heading" className="map-pairs">
        <h2 id="pairs-heading">Who contests whom, as a table</h2>
        {pairs.length > 0 ? (
          <table className="map-table">
            <caption>
              Each row is one “contested by”: a claim, and a claim it is contested by ({pairs.length}{" "}
              {pairs.length === 1 ? "row" : "rows"}).
            </caption>
            <thead>
              <tr>
                <th scope="col">Claim</th>
                <th scope="col">Contested by</th>
              </tr>
            </thead>
            <tbody>
              {pairs.map((pair) => (
                <tr key={`${pair.claim.id}>${pair.contestedBy.id}`}>
                  <td>
                    <PairEnd end={pair.claim} />
                  </td>
                  <td>
                    <PairEnd end={pair.contestedBy} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">No claim on this question is contested, and none contests another.</p>
        )}
      </section>
    </article>
  );
}
