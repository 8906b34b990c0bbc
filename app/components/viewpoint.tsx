import type { CSSProperties } from "react";
import { Link } from "@remix-run/react";
import type { Stance } from "~/compiler/model";
import { STANCE_LABELS } from "~/lib/labels";
import type { ViewpointTag } from "~/models/view.server";

/** The style that gives an element its viewpoint's colour (`--hue`). */
export function viewpointStyle(hue: number): CSSProperties {
  return { "--hue": hue } as CSSProperties;
}

/** A viewpoint's name with its colour mark; the name always carries the meaning. */
export function ViewpointLabel({ viewpoint, link = true }: { viewpoint: ViewpointTag; link?: boolean }) {
  const label = (
    <span className="viewpoint-label" style={viewpointStyle(viewpoint.hue)}>
      <span className="swatch" aria-hidden="true" />
      {viewpoint.name}
    </span>
  );
  return link ? <Link to={`/perspectives/${viewpoint.id}`}>{label}</Link> : label;
}

export function StanceBadge({ stance, question }: { stance: Stance; question?: string }) {
  return (
    <span className={`stance stance-${stance}`} title={question ? `Answer to: ${question}` : undefined}>
      <span className="visually-hidden">Stance: </span>
      {STANCE_LABELS[stance]}
    </span>
  );
}
