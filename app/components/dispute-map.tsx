import type { CSSProperties } from "react";
import { viewpointStyle } from "~/components/viewpoint";
import { MAP_BOX, MAP_HEADING_ROOM } from "~/lib/map-geometry";
import type { DisputeLayout, MapGroup, MapNode } from "~/models/dispute-map.server";
import type { ViewpointTag } from "~/models/view.server";

const GROUP_LABELS: Record<MapGroup, string> = { yes: "Yes", mixed: "Mixed", no: "No", elsewhere: "Other questions" };

type Layout = Omit<DisputeLayout, "nodes"> & { nodes: Array<Omit<MapNode, "perspective"> & { viewpoint: ViewpointTag }> };

/** The arrowhead, drawn apart from any marker so the legend can show it too. */
const ARROWHEAD = "M0,0 L10,5 L0,10 z";

/**
 * The map as SVG. Each claim is a link named by its full title; the column
 * headings come before their claims, so the links read in the map's order.
 * Edges are drawing only: the table beside the map says the same in words.
 */
export function DisputeMap({ layout, labelledBy, describedBy }: { layout: Layout; labelledBy: string; describedBy: string }) {
  const textX = (node: Layout["nodes"][number]) => node.x + MAP_BOX.stripe + MAP_BOX.padding;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      className="dispute-map"
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width={layout.width}
      height={layout.height}
      role="group"
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      style={{ "--map-width": layout.width } as CSSProperties}
    >
      <defs>
        <marker id="map-arrowhead" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto">
          <path d={ARROWHEAD} className="map-arrowhead" />
        </marker>
      </defs>
      <g aria-hidden="true">
        {layout.columns.map((column) => (
          <rect key={column.group} className="map-band" x={column.left} y={4} width={column.right - column.left} height={layout.height - 8} rx="8" />
        ))}
        {layout.edges.map((edge) => (
          <path
            key={`${edge.from}>${edge.to}`}
            className="map-edge"
            d={edge.points.map((point, index) => `${index === 0 ? "M" : "L"}${point.x},${point.y}`).join(" ")}
            markerEnd="url(#map-arrowhead)"
          />
        ))}
      </g>
      {layout.columns.map((column) => (
        <g key={column.group} className={`map-column map-column-${column.group}`}>
          <text className="map-heading" x={(column.left + column.right) / 2} y={MAP_HEADING_ROOM / 2 + 8} textAnchor="middle">
            {GROUP_LABELS[column.group]}
          </text>
          {layout.nodes
            .filter((node) => node.group === column.group)
            .map((node) => (
              <a key={node.id} href={`/claims/${node.id}`} className="map-node" aria-label={node.title} style={viewpointStyle(node.viewpoint.hue)}>
                <rect className="map-node-box" x={node.x} y={node.y} width={node.width} height={node.height} rx="6" />
                <rect className="map-node-stripe" x={node.x} y={node.y} width={MAP_BOX.stripe} height={node.height} />
                <text className="map-node-title" fontSize={MAP_BOX.titleSize}>
                  {node.lines.map((line, index) => (
                    <tspan key={index} x={textX(node)} y={node.y + MAP_BOX.padding + (index + 1) * MAP_BOX.titleLine - 4}>
                      {line}
                    </tspan>
                  ))}
                </text>
                <text className="map-node-viewpoint" fontSize={MAP_BOX.viewpointSize}>
                  {node.viewpointLines.map((line, index) => (
                    <tspan key={index} x={textX(node)} y={node.y + MAP_BOX.padding + node.lines.length * MAP_BOX.titleLine + (index + 1) * MAP_BOX.viewpointLine - 4}>
                      {line}
                    </tspan>
                  ))}
                </text>
              </a>
            ))}
        </g>
      ))}
    </svg>
  );
}

/** The legend's arrow: the same arrowhead as the map's. */
export function LegendArrow() {
  return (
    <svg className="map-legend-arrow" width="44" height="12" viewBox="0 0 44 12" aria-hidden="true">
      <path className="map-edge" d="M2,6 L34,6" />
      <path className="map-arrowhead" d={ARROWHEAD} transform="translate(33,1)" />
    </svg>
  );
}
