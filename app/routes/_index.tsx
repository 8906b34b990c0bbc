import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { StanceBadge, ViewpointLabel } from "~/components/viewpoint";
import { pageMeta } from "~/lib/meta";
import { readView, useView, viewData } from "~/lib/view-data";
import { homePage } from "~/models/pages.server";

export async function loader() {
  return viewData(homePage());
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const view = readView<typeof loader>(data);
  return view ? pageMeta(view.title, view.description) : pageMeta("Counterpoint", "Viewpoints side by side");
};

export default function Home() {
  const data = useView<typeof loader>();
  const firstTwo = data.perspectives
    .slice(0, 2)
    .map((perspective) => `p=${perspective.viewpoint.id}`)
    .join("&");
  return (
    <div className="home">
      <h1>{data.title}</h1>
      <p className="lede">{data.description}</p>
      {data.contentNote ? (
        <aside className="content-note" aria-label="Content note">
          <strong>Content note.</strong> {data.contentNote}
        </aside>
      ) : null}
      <section aria-labelledby="how-to-read">
        <h2 id="how-to-read">How to read Counterpoint</h2>
        <p>
          Each viewpoint answers the same questions. Every answer is a claim with the evidence its proponents give and the
          counter-evidence others raise, each item cited to its source. Where an item comes from another viewpoint, it links to
          that viewpoint’s claim, so you can follow a dispute from one side to the other.
        </p>
        <dl className="legend">
          <div>
            <dt>
              <StanceBadge stance="yes" /> <StanceBadge stance="no" />
            </dt>
            <dd>the viewpoint answers the question, as it is phrased, yes or no</dd>
          </div>
          <div>
            <dt>
              <StanceBadge stance="mixed" />
            </dt>
            <dd>yes in some respects or cases, no in others</dd>
          </div>
          <div>
            <dt>
              <StanceBadge stance="not-addressed" />
            </dt>
            <dd>the sources give this viewpoint no answer; none is invented</dd>
          </div>
        </dl>
        <p>
          Where the sources do not state a viewpoint’s answer outright, the claim carries a “Stance inferred” badge; each
          badge explains itself on hover or focus.
        </p>
        <p>
          <Link to="/about">Where the content comes from</Link>, how to cite it and what its review flags mean.
        </p>
        <p>
          <Link to={`/compare?topic=${data.topics[0]?.id ?? ""}&${firstTwo}`} className="button">
            Compare viewpoints side by side
          </Link>{" "}
          <Link to="/where-do-i-stand" className="button secondary">
            Where do I stand?
          </Link>{" "}
          <Link to="/seminar" className="button secondary">
            Run a seminar
          </Link>
        </p>
        <p>
          Where do you stand? Answer the questions and see which viewpoints are closest to you, with the case for each, the
          one furthest from you included.
        </p>
        <p>
          Teaching? A seminar puts one question on the projector, step by step; the room follows on their phones and says
          where it stands before and after the discussion.
        </p>
      </section>

      <section aria-labelledby="matrix-heading">
        <h2 id="matrix-heading">Who answers what, at a glance</h2>
        <p id="matrix-help">Each cell is one viewpoint’s answer to one question; follow it to the claims behind it.</p>
        <div className="matrix-scroll" tabIndex={0} role="region" aria-label="Stance matrix, scrolls sideways">
          <table className="matrix" aria-describedby="matrix-help">
            <thead>
              <tr>
                <th scope="col">Question</th>
                {data.perspectives.map((perspective) => (
                  <th scope="col" key={perspective.viewpoint.id}>
                    <ViewpointLabel viewpoint={perspective.viewpoint} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.topics.map((topic) => (
                <tr key={topic.id}>
                  <th scope="row">
                    <Link to={`/topics/${topic.id}`}>{topic.title}</Link>
                    <span className="matrix-question">{topic.question}</span>
                  </th>
                  {data.perspectives.map((perspective) => {
                    const stance = perspective.stances[topic.id] ?? "not-addressed";
                    return (
                      <td key={perspective.viewpoint.id}>
                        <Link
                          to={`/topics/${topic.id}#${perspective.viewpoint.id}`}
                          aria-label={`${perspective.viewpoint.name} on ${topic.title}: ${stance.replace("-", " ")}`}
                        >
                          <StanceBadge stance={stance} />
                        </Link>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="viewpoints-heading">
        <h2 id="viewpoints-heading">The viewpoints</h2>
        <ul className="card-list">
          {data.perspectives.map((perspective) => (
            <li key={perspective.viewpoint.id} className="card">
              <h3>
                <ViewpointLabel viewpoint={perspective.viewpoint} />
              </h3>
              <p>{perspective.summary}</p>
              <p className="muted">{perspective.claimCount} claims</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="questions-heading">
        <h2 id="questions-heading">The questions</h2>
        <ol className="question-list">
          {data.topics.map((topic) => (
            <li key={topic.id}>
              <Link to={`/topics/${topic.id}`}>{topic.title}</Link>: {topic.question}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
