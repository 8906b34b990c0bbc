import { useId, type CSSProperties } from "react";
import { viewpointStyle } from "~/components/viewpoint";
import type { ResultsView } from "~/seminar/views.server";

function signed(points: number): string {
  return points > 0 ? `+${points}` : points < 0 ? `−${-points}` : "±0";
}

function Bar({ percent }: { percent: number }) {
  return <span className="bar" style={{ "--share": percent } as CSSProperties} aria-hidden="true" />;
}

/**
 * Where the room stood before the discussion and after it, and the shift
 * between them in percentage points, as Deliberative Polling reports it.
 */
export function StanceShift({ results, headingLevel = 2 }: { results: ResultsView; headingLevel?: 2 | 3 }) {
  const Heading = `h${headingLevel}` as const;
  const id = useId();
  return (
    <div className="room-results-part">
      <Heading id={id}>Where the room stands</Heading>
      <table className="stance-shift" aria-labelledby={id}>
        <thead>
          <tr>
            <th scope="col">Answer</th>
            <th scope="col">Before ({results.before.total})</th>
            <th scope="col">After ({results.after.total})</th>
            <th scope="col">Shift</th>
          </tr>
        </thead>
        <tbody>
          {results.rows.map((row) => (
            <tr key={row.choice} className={`choice-${row.choice}`}>
              <th scope="row">{row.label}</th>
              <td>
                <Bar percent={row.before} /> {row.before}%
              </td>
              <td>
                <Bar percent={row.after} /> {row.after}%
              </td>
              <td className={row.shift > 0 ? "shift-up" : row.shift < 0 ? "shift-down" : undefined}>
                {signed(row.shift)} <span className="unit">points</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** How many in the room said each viewpoint made the strongest case. */
export function StrongestCase({ results, headingLevel = 2, limit }: { results: ResultsView; headingLevel?: 2 | 3; limit?: number }) {
  const Heading = `h${headingLevel}` as const;
  const shown = results.strongest.viewpoints.slice(0, limit);
  const id = useId();
  return (
    <div className="room-results-part">
      <Heading id={id}>
        Strongest case ({results.strongest.total} {results.strongest.total === 1 ? "vote" : "votes"})
      </Heading>
      <ol className="strongest" aria-labelledby={id}>
        {shown.map((viewpoint) => (
          <li key={viewpoint.id} style={viewpointStyle(viewpoint.hue)}>
            <span className="viewpoint-label">
              <span className="swatch" aria-hidden="true" />
              {viewpoint.name}
            </span>{" "}
            <span className="votes">{viewpoint.votes}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

export function RoomResults({ results, headingLevel, limit }: { results: ResultsView; headingLevel?: 2 | 3; limit?: number }) {
  return (
    <div className="room-results">
      <StanceShift results={results} headingLevel={headingLevel} />
      <StrongestCase results={results} headingLevel={headingLevel} limit={limit} />
    </div>
  );
}
