/**
 * A question's dispute map: its claims by answer (yes, mixed, no), the claims
 * of other questions in dispute with them, and an edge for each "contested
 * by", laid out by ELK's layered algorithm on the server (decision 013). A
 * layout is worked out once per content and question: the content does not
 * change while the server runs.
 */
import ELK from "elkjs/lib/elk.bundled.js";
import type { ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api";
import type { Claim } from "~/compiler/model";
import { boxHeight, MAP_BOX, MAP_HEADING_ROOM } from "~/lib/map-geometry";
import type { Index } from "./content-index";

/** The map's columns, left to right: the question's answers, then the claims of other questions. */
export const MAP_GROUPS = ["yes", "mixed", "no", "elsewhere"] as const;
export type MapGroup = (typeof MAP_GROUPS)[number];

export interface MapNode {
  id: string;
  title: string;
  /** The title as drawn, wrapped; the last line ends in "…" when it had to be shortened. */
  lines: string[];
  /** The viewpoint's name as drawn below the title. */
  viewpointLines: string[];
  perspective: string;
  group: MapGroup;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface MapEdge {
  /** The claim that is contested. */
  from: string;
  /** A claim it is contested by. */
  to: string;
  /** The route, from the contested claim's box to the contesting claim's. */
  points: Array<{ x: number; y: number }>;
}

/** A group's band: the group may take more than one layer where its claims contest each other. */
export interface MapColumn {
  group: MapGroup;
  left: number;
  right: number;
}

export interface DisputeLayout {
  width: number;
  height: number;
  nodes: MapNode[];
  edges: MapEdge[];
  columns: MapColumn[];
}

/** Breaks text into lines at spaces, at most `maxLines`, shortening the last with "…" if it does not fit. */
export function wrapText(title: string, perLine: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of title.split(/\s+/).filter(Boolean)) {
    // A word longer than a line is cut where the line ends.
    for (let rest = word; rest; ) {
      const joined = line ? `${line} ${rest}` : rest;
      if (joined.length <= perLine) {
        line = joined;
        rest = "";
      } else if (line) {
        lines.push(line);
        line = "";
      } else {
        lines.push(rest.slice(0, perLine));
        rest = rest.slice(perLine);
      }
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!;
  kept[maxLines - 1] = `${last.length < perLine ? last : last.slice(0, perLine - 1).trimEnd()}…`;
  return kept;
}

/** Each "contested by" that touches the question: the contested claim, then the one it is contested by. */
export function disputePairs(content: Pick<Index, "debate" | "claims">, topicId: string): Array<[Claim, Claim]> {
  const pairs: Array<[Claim, Claim]> = [];
  for (const perspective of content.debate.perspectives) {
    for (const claim of perspective.claims) {
      for (const id of claim.contestedBy) {
        const other = content.claims.get(id);
        if (other && (claim.topic === topicId || other.topic === topicId)) pairs.push([claim, other]);
      }
    }
  }
  return pairs;
}

/** How far a column's band reaches beyond its boxes, inside the space between layers. */
const COLUMN_MARGIN = 8;

const elk = new ELK();
const layouts = new WeakMap<Index, Map<string, Promise<DisputeLayout>>>();

/** The question's map, laid out once per content. */
export function disputeLayout(content: Index, topicId: string): Promise<DisputeLayout> {
  let byTopic = layouts.get(content);
  if (!byTopic) {
    byTopic = new Map();
    layouts.set(content, byTopic);
  }
  let layout = byTopic.get(topicId);
  if (!layout) {
    layout = layOut(content, topicId);
    byTopic.set(topicId, layout);
  }
  return layout;
}

function groupOf(claim: Claim, topicId: string): MapGroup {
  return claim.topic === topicId ? claim.stance : "elsewhere";
}

async function layOut(content: Index, topicId: string): Promise<DisputeLayout> {
  const pairs = disputePairs(content, topicId);
  const inMap = new Set(pairs.flat().map((claim) => claim.id));
  // Column by column, each in the debate's order: the order links are read in.
  const shown = [...content.claims.values()]
    .filter((claim) => claim.topic === topicId || inMap.has(claim.id))
    .sort((a, b) => MAP_GROUPS.indexOf(groupOf(a, topicId)) - MAP_GROUPS.indexOf(groupOf(b, topicId)));
  const drafts = shown.map((claim) => {
    const lines = wrapText(claim.title, MAP_BOX.titleCharacters, MAP_BOX.maxTitleLines);
    const name = content.perspectives.get(claim.perspective)?.name ?? claim.perspective;
    const viewpointLines = wrapText(name, MAP_BOX.viewpointCharacters, MAP_BOX.maxViewpointLines);
    return { claim, lines, viewpointLines, height: boxHeight(lines.length, viewpointLines.length), group: groupOf(claim, topicId) };
  });
  const graph: ElkNode = {
    id: "map",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      // Columns in a fixed order: yes, mixed, no, other questions.
      "elk.partitioning.activate": "true",
      // One layout for the whole map: packed apart, a claim no one contests would leave its column.
      "elk.separateConnectedComponents": "false",
      "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
      "elk.edgeRouting": "ORTHOGONAL",
      "elk.spacing.nodeNode": "14",
      "elk.layered.spacing.nodeNodeBetweenLayers": "56",
      "elk.spacing.edgeNode": "12",
      "elk.padding": `[top=${MAP_HEADING_ROOM + COLUMN_MARGIN},left=${2 * COLUMN_MARGIN},bottom=${2 * COLUMN_MARGIN},right=${2 * COLUMN_MARGIN}]`,
    },
    children: drafts.map(({ claim, height, group }) => ({
      id: claim.id,
      width: MAP_BOX.width,
      height,
      layoutOptions: { "elk.partitioning.partition": String(MAP_GROUPS.indexOf(group)) },
    })),
    edges: pairs.map(([contested, by], index): ElkExtendedEdge => ({ id: String(index), sources: [contested.id], targets: [by.id] })),
  };
  const laid = await elk.layout(graph);
  const boxes = new Map((laid.children ?? []).map((child) => [child.id, child]));
  const nodes: MapNode[] = drafts.map(({ claim, lines, viewpointLines, group }) => {
    const box = boxes.get(claim.id)!;
    return {
      id: claim.id,
      title: claim.title,
      lines,
      viewpointLines,
      perspective: claim.perspective,
      group,
      x: box.x ?? 0,
      y: box.y ?? 0,
      width: box.width ?? MAP_BOX.width,
      height: box.height ?? 0,
    };
  });
  const edges: MapEdge[] = (laid.edges ?? []).flatMap((edge) => {
    const section = (edge as ElkExtendedEdge).sections?.[0];
    const [contested, by] = pairs[Number(edge.id)]!;
    return section ? [{ from: contested.id, to: by.id, points: [section.startPoint, ...(section.bendPoints ?? []), section.endPoint] }] : [];
  });
  const columns: MapColumn[] = MAP_GROUPS.flatMap((group) => {
    const members = nodes.filter((node) => node.group === group);
    if (members.length === 0) return [];
    const left = Math.min(...members.map((node) => node.x)) - COLUMN_MARGIN;
    const right = Math.max(...members.map((node) => node.x + node.width)) + COLUMN_MARGIN;
    return [{ group, left, right }];
  });
  return { width: laid.width ?? 0, height: laid.height ?? 0, nodes, edges, columns };
}
