import type { CSSProperties } from "react";
import { Link } from "@remix-run/react";
import type { Stance } from "~/compiler/model";
import { STANCE_LABELS, viewpointHue } from "~/lib/labels";
import { useRefs } from "./refs";

/** The style that gives an element its viewpoint's colour (`--hue`). */
export function viewpointStyle(index: number): CSSProperties {
  return { "--hue": viewpointHue(index) } as CSSProperties;
}

/** A viewpoint's name with its colour mark; the name always carries the meaning. */
export function ViewpointLabel({ id, link = true }: { id: string; link?: boolean }) {
  const perspective = useRefs().perspectives[id];
  if (!perspective) return <span>{id}</span>;
  const label = (
    <span className="viewpoint-label" style={viewpointStyle(perspective.index)}>
      <span className="swatch" aria-hidden="true" />
      {perspective.name}
    </span>
  );
  return link ? <Link to={`/perspectives/${id}`}>{label}</Link> : label;
}

export function StanceBadge({ stance, question }: { stance: Stance; question?: string }) {
  return (
    <span className={`stance stance-${stance}`} title={question ? `Answer to: ${question}` : undefined}>
      <span className="visually-hidden">Stance: </span>
      {STANCE_LABELS[stance]}
    </span>
  );
}
