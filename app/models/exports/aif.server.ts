/**
 * The debate in the Argument Interchange Format, in AIFdb's JSON (`nodes`,
 * `edges`, `locutions`, `participants`): an I-node per claim and per item; an
 * RA-node for each support (item → RA → claim); a CA-node for each
 * counter-evidence item (item → CA → claim) and for each rebuttal link (the
 * claim that counter-evidence comes from → CA → the claim it is raised
 * against). Each viewpoint is a participant who asserts its claims: an L-node
 * per claim, anchored to the claim's I-node by a YA-node (L → YA → I).
 */
import type { Claim, Item } from "~/compiler/model";
import type { Index } from "../content-index";
import { itemText } from "./text.server";

export type AifNodeType = "I" | "RA" | "CA" | "L" | "YA";

export interface AifNode {
  nodeID: string;
  text: string;
  type: AifNodeType;
}

export interface AifEdge {
  edgeID: string;
  fromID: string;
  toID: string;
  formEdgeID: null;
}

export interface AifLocution {
  nodeID: string;
  personID: string;
}

export interface AifParticipant {
  participantID: string;
  firstname: string;
  surname: string;
}

export interface AifDocument {
  nodes: AifNode[];
  edges: AifEdge[];
  locutions: AifLocution[];
  participants: AifParticipant[];
}

/** The texts AIFdb gives scheme nodes that name no particular scheme. */
const SCHEME_TEXT: Record<Exclude<AifNodeType, "I" | "L">, string> = { RA: "Default Inference", CA: "Default Conflict", YA: "Asserting" };

export function toAifDocument(content: Index): AifDocument {
  const document: AifDocument = { nodes: [], edges: [], locutions: [], participants: [] };
  const node = (type: AifNodeType, text: string) => {
    const nodeID = String(document.nodes.length + 1);
    document.nodes.push({ nodeID, text, type });
    return nodeID;
  };
  const edge = (fromID: string, toID: string) => {
    document.edges.push({ edgeID: String(document.edges.length + 1), fromID, toID, formEdgeID: null });
  };
  /** premise → scheme → conclusion */
  const scheme = (type: "RA" | "CA", fromIDs: string[], toID: string) => {
    const schemeID = node(type, SCHEME_TEXT[type]);
    for (const fromID of fromIDs) edge(fromID, schemeID);
    edge(schemeID, toID);
  };

  const claims = content.debate.perspectives.flatMap((perspective) => perspective.claims);
  const claimNodes = new Map(claims.map((claim) => [claim.id, node("I", claim.statement)]));

  content.debate.perspectives.forEach((perspective, index) => {
    const personID = String(index + 1);
    document.participants.push({ participantID: personID, firstname: perspective.name, surname: "" });
    for (const claim of perspective.claims) {
      const locutionID = node("L", `${perspective.name}: ${claim.statement}`);
      document.locutions.push({ nodeID: locutionID, personID });
      const anchorID = node("YA", SCHEME_TEXT.YA);
      edge(locutionID, anchorID);
      edge(anchorID, claimNodes.get(claim.id)!);
    }
  });

  const relate = (claim: Claim, items: Item[], type: "RA" | "CA") => {
    const claimID = claimNodes.get(claim.id)!;
    for (const item of items) scheme(type, [node("I", itemText(item, content.sources))], claimID);
    // A claim an item comes from bears on the claim as well: once, however many items come from it.
    const linked = new Set(items.flatMap((item) => (item.claim && claimNodes.has(item.claim) ? [item.claim] : [])));
    for (const other of linked) scheme(type, [claimNodes.get(other)!], claimID);
  };
  for (const claim of claims) {
    relate(claim, claim.evidence, "RA");
    relate(claim, claim.counterEvidence, "CA");
  }
  return document;
}

export function toAif(content: Index): string {
  return JSON.stringify(toAifDocument(content));
}
