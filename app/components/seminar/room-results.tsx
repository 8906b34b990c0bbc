import { Link } from "@remix-run/react";
import { useId, type CSSProperties } from "react";
import { briefUrl } from "~/components/brief";
import { viewpointStyle } from "~/components/viewpoint";
import { MIN_MOVERS } from "~/seminar/paired";
import { SOMETHING_ELSE, STANCE_CHOICES, STANCE_CHOICE_LABELS } from "~/seminar/polls";
import type { MovedClaim, ResultsView } from "~/seminar/views.server";

type Level = 2 | 3;

function signed(points: number): string {
  return points > 0 ? `+${points}` : points < 0 ? `−${-points}` : "±0";
}

function Bar({ percent }: { percent: number }) {
  return <span className="bar" style={{ "--share": percent } as CSSProperties} aria-hidden="true" />;
}

const people = (count: number) => `${count} ${count === 1 ? "person" : "people"}`;

/**
 * Where the room stood before the discussion and after it: each answer's
 * count and share, drawn as bars; the shift only once the after poll has
 * answers, since against an empty poll it would be meaningless.
 */
export function StanceShift({ results, headingLevel = 2 }: { results: ResultsView; headingLevel?: Level }) {
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
            {results.shift ? <th scope="col">Shift</th> : null}
          </tr>
        </thead>
        <tbody>
          {results.before.bars.map((before, index) => {
            const after = results.after.bars[index]!;
            const shift = results.shift?.[index];
            return (
              <tr key={before.choice} className={`choice-${before.choice}`}>
                <th scope="row">{before.label}</th>
                <td>
                  <Bar percent={before.percent} /> {before.count} <span className="unit">({before.percent}%)</span>
                </td>
                <td>
                  <Bar percent={after.percent} /> {after.count} <span className="unit">({after.percent}%)</span>
                </td>
                {shift ? (
                  <td className={shift.points > 0 ? "shift-up" : shift.points < 0 ? "shift-down" : undefined}>
                    {signed(shift.points)} <span className="unit">points</span>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
      {results.shift ? null : <p className="hint">No shift is shown until someone answers the after poll.</p>}
    </div>
  );
}

const FLOW = { width: 420, height: 200, node: 18, gap: 8, label: 92 };

/**
 * Who moved: each person's before answer joined to their after answer, a band
 * per pair as wide as the number of people in it, drawn on the server. The
 * table beside it says the same for screen readers and print.
 */
export function WhoMoved({ results, headingLevel = 2, compact = false, tableForReadersOnly = false }: { results: ResultsView; headingLevel?: Level; compact?: boolean; tableForReadersOnly?: boolean }) {
  const Heading = `h${headingLevel}` as const;
  const id = useId();
  const { paired } = results;
  const rows = STANCE_CHOICES.map((before) => STANCE_CHOICES.map((after) => paired.transitions[before][after]));
  const columnTotal = (index: number) => rows.reduce((sum, row) => sum + row[index]!, 0);
  const rowTotal = (index: number) => rows[index]!.reduce((sum, count) => sum + count, 0);
  const usable = FLOW.height - FLOW.gap * (STANCE_CHOICES.length - 1);
  const scale = paired.n === 0 ? 0 : usable / paired.n;
  // Each side's answers stacked top to bottom; each band leaves its before block and enters its after block in order.
  const stack = (total: (index: number) => number) => {
    let y = 0;
    return STANCE_CHOICES.map((_, index) => {
      const top = y;
      y += total(index) * scale + FLOW.gap;
      return top;
    });
  };
  const beforeTop = stack(rowTotal);
  const afterTop = stack(columnTotal);
  const leaving = [...beforeTop];
  const entering = [...afterTop];
  const left = FLOW.label;
  const right = FLOW.width - FLOW.label;
  const bands = STANCE_CHOICES.flatMap((before, from) =>
    STANCE_CHOICES.flatMap((after, to) => {
      const count = rows[from]![to]!;
      if (count === 0) return [];
      const thickness = count * scale;
      const y0 = leaving[from]!;
      const y1 = entering[to]!;
      leaving[from] = y0 + thickness;
      entering[to] = y1 + thickness;
      const middle = (left + FLOW.node + right) / 2;
      const d = `M${left + FLOW.node},${y0} C${middle},${y0} ${middle},${y1} ${right},${y1} L${right},${y1 + thickness} C${middle},${y1 + thickness} ${middle},${y0 + thickness} ${left + FLOW.node},${y0 + thickness} Z`;
      return [{ key: `${before}-${after}`, d, className: `band choice-${after}${before === after ? " stayed" : ""}` }];
    }),
  );
  const movers = paired.towardYes + paired.towardNo;
  return (
    <div className="room-results-part who-moved">
      <Heading id={id}>Who moved</Heading>
      <p className="paired-summary">{paired.summary}</p>
      <p className="hint">
        {people(paired.n)} answered both · {paired.beforeOnly} before only · {paired.afterOnly} after only · {paired.towardYes} toward yes, {paired.towardNo} toward no
        {movers >= MIN_MOVERS ? ` · sign test p = ${paired.signTest.p < 0.001 ? "< 0.001" : paired.signTest.p.toFixed(3)}` : ""}
      </p>
      <div className="who-moved-figures">
        {paired.n > 0 ? (
          <svg className="flows" viewBox={`0 0 ${FLOW.width} ${FLOW.height}`} role="img" aria-labelledby={`${id}-figure`} focusable="false">
            <title id={`${id}-figure`}>Before answers on the left joined to after answers on the right; the table gives the counts.</title>
            {bands.map((band) => (
              <path key={band.key} d={band.d} className={band.className} />
            ))}
            {STANCE_CHOICES.map((choice, index) => (
              <g key={choice} className={`choice-${choice}`}>
                {rowTotal(index) > 0 ? (
                  <>
                    <rect className="node" x={left} y={beforeTop[index]} width={FLOW.node} height={Math.max(rowTotal(index) * scale, 1)} />
                    <text x={left - 6} y={beforeTop[index]! + (rowTotal(index) * scale) / 2} textAnchor="end" dominantBaseline="middle">
                      {STANCE_CHOICE_LABELS[choice]} {rowTotal(index)}
                    </text>
                  </>
                ) : null}
                {columnTotal(index) > 0 ? (
                  <>
                    <rect className="node" x={right} y={afterTop[index]} width={FLOW.node} height={Math.max(columnTotal(index) * scale, 1)} />
                    <text x={right + FLOW.node + 6} y={afterTop[index]! + (columnTotal(index) * scale) / 2} dominantBaseline="middle">
                      {STANCE_CHOICE_LABELS[choice]} {columnTotal(index)}
                    </text>
                  </>
                ) : null}
              </g>
            ))}
          </svg>
        ) : null}
        <table className={["transitions", compact ? "compact" : "", tableForReadersOnly ? "visually-hidden" : ""].join(" ").trim()}>
          <caption>Before (rows) and after (columns), people who answered both</caption>
          <thead>
            <tr>
              <th scope="col">Before → after</th>
              {STANCE_CHOICES.map((choice) => (
                <th key={choice} scope="col">
                  {STANCE_CHOICE_LABELS[choice]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {STANCE_CHOICES.map((before, from) => (
              <tr key={before}>
                <th scope="row">{STANCE_CHOICE_LABELS[before]}</th>
                {STANCE_CHOICES.map((after, to) => (
                  <td key={after} className={from === to ? "stayed" : undefined}>
                    {rows[from]![to]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** How many said each viewpoint made the strongest case: every viewpoint, its count on its own line. */
export function StrongestCase({ results, headingLevel = 2 }: { results: ResultsView; headingLevel?: Level }) {
  const Heading = `h${headingLevel}` as const;
  const id = useId();
  return (
    <div className="room-results-part">
      <Heading id={id}>
        Strongest case ({results.strongest.total} {results.strongest.total === 1 ? "vote" : "votes"})
      </Heading>
      <ul className="strongest" aria-labelledby={id}>
        {results.strongest.viewpoints.map((viewpoint) => (
          <li key={viewpoint.id} style={viewpointStyle(viewpoint.hue)}>
            <span className="viewpoint-label">
              <span className="swatch" aria-hidden="true" />
              {viewpoint.name}
            </span>
            <span className="visually-hidden">: </span>
            <span className="votes">
              {viewpoint.votes} {viewpoint.votes === 1 ? "vote" : "votes"}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function MovedList({ title, claims, headingLevel, limit }: { title: string; claims: MovedClaim[]; headingLevel: Level; limit?: number }) {
  // One level under the part's heading: h3 on the projector, h4 on the console and the summary.
  const Heading = `h${headingLevel + 1}` as "h3" | "h4";
  if (claims.length === 0) return null;
  const shown = claims.slice(0, limit);
  return (
    <div className="moved-side">
      <Heading>
        {title}
        {shown.length < claims.length ? `, top ${shown.length} of ${claims.length}` : ""}
      </Heading>
      <ol className="moved-claims">
        {shown.map((claim) => (
          <li key={claim.id} style={claim.hue === undefined ? undefined : viewpointStyle(claim.hue)}>
            <span className="moved-label">{claim.label}</span>
            <span className="visually-hidden">: </span>
            <span className="votes">{people(claim.count)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The claims that moved people, once each, in the order ranked: what a student takes to the brief. */
function movingClaims({ moved }: ResultsView): string[] {
  const ids = [...moved.towardYes, ...moved.towardNo, ...moved.other].map((claim) => claim.id).filter((id) => id !== SOMETHING_ELSE);
  return [...new Set(ids)];
}

/**
 * What moved the people whose answer changed, ranked, each direction apart;
 * with `toBrief` (the console and the summary, not the projector), a link
 * that collects those claims in a brief.
 */
export function WhatMoved({
  results,
  headingLevel = 2,
  limit,
  directionsOnly = false,
  toBrief = false,
}: {
  results: ResultsView;
  headingLevel?: Level;
  limit?: number;
  directionsOnly?: boolean;
  toBrief?: boolean;
}) {
  const Heading = `h${headingLevel}` as const;
  const { moved } = results;
  const claims = toBrief ? movingClaims(results) : [];
  return (
    <div className="room-results-part what-moved">
      <Heading>What moved people ({people(moved.total)} said)</Heading>
      {moved.total === 0 ? (
        <p className="muted">No one whose answer changed has said what moved them yet.</p>
      ) : (
        <div className="moved-sides">
          <MovedList title="Toward yes" claims={moved.towardYes} headingLevel={headingLevel} limit={limit} />
          <MovedList title="Toward no" claims={moved.towardNo} headingLevel={headingLevel} limit={limit} />
          {directionsOnly ? null : <MovedList title="Other changes (to or from unsure)" claims={moved.other} headingLevel={headingLevel} limit={limit} />}
        </div>
      )}
      {claims.length > 0 ? (
        <p className="no-print">
          <Link to={briefUrl(claims)}>
            Open {claims.length === 1 ? "this claim" : `these ${claims.length} claims`} as a brief
          </Link>{" "}
          (their evidence and sources, to cite or export)
        </p>
      ) : null}
    </div>
  );
}

/** The room's results: before and after, who moved and what moved them, the strongest case. */
export function RoomResults({ results, headingLevel, compact }: { results: ResultsView; headingLevel?: Level; compact?: boolean }) {
  return (
    <div className="room-results">
      <StanceShift results={results} headingLevel={headingLevel} />
      <WhoMoved results={results} headingLevel={headingLevel} compact={compact} />
      <StrongestCase results={results} headingLevel={headingLevel} />
      <WhatMoved results={results} headingLevel={headingLevel} toBrief />
    </div>
  );
}

/**
 * The same on the projector, on one screen read from the back of the room:
 * before and after and the strongest case on the left, who moved and what
 * moved them on the right. The who-moved table is there for screen readers
 * (the figure's labels carry its counts); what moved people shows the first
 * three toward yes and toward no (the console and the summary have them all).
 */
export function ProjectorResults({ results }: { results: ResultsView }) {
  return (
    <div className="room-results projector-results">
      <StanceShift results={results} />
      <StrongestCase results={results} />
      <div className="projector-movement">
        <WhoMoved results={results} tableForReadersOnly />
        <WhatMoved results={results} limit={3} directionsOnly />
      </div>
    </div>
  );
}
