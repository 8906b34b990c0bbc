/**
 * Reading the argument exports back as their own tools would: Argdown with
 * Argdown's parser, AIF against the rules of the format.
 */
import { ArgdownApplication, DataPlugin, ModelPlugin, ParserPlugin, type IArgdownResponse } from "@argdown/core";
import type { Claim, Debate } from "~/compiler/model";
import type { AifDocument } from "~/models/exports/aif.server";

/** Argdown's own parser and model builder, as its command line runs them. */
export function parseArgdown(input: string): IArgdownResponse & { errors: string[] } {
  const app = new ArgdownApplication();
  app.addPlugin(new ParserPlugin(), "parse-input");
  app.addPlugin(new DataPlugin(), "build-model");
  app.addPlugin(new ModelPlugin(), "build-model");
  const response = app.run({ input, process: ["parse-input", "build-model"], logLevel: "error", logExceptions: false });
  const errors = [
    ...(response.lexerErrors ?? []).map((error) => `lexer: ${error.message} at ${error.line}:${error.column}`),
    ...(response.parserErrors ?? []).map((error) => `parser: ${error.message} at ${error.token.startLine}:${error.token.startColumn}`),
    ...(response.exceptions ?? []).map((error) => `exception: ${error.message}`),
  ];
  return Object.assign(response, { errors });
}

/** Each rebuttal link once: a claim, and a claim its counter-evidence comes from. */
export function rebuttalLinks(debate: Debate): Array<{ claim: Claim; from: Claim }> {
  const claims = new Map(debate.perspectives.flatMap((perspective) => perspective.claims.map((claim) => [claim.id, claim])));
  return [...claims.values()].flatMap((claim) =>
    [...new Set(claim.counterEvidence.flatMap((item) => (item.claim ? [item.claim] : [])))].map((id) => ({ claim, from: claims.get(id)! })),
  );
}

const SCHEMES = new Set(["RA", "CA"]);

/**
 * What breaks the rules of AIF (and AIFdb's JSON) in a document: ids that
 * repeat, edges to nodes that do not exist, I-nodes joined to I-nodes, a
 * support or conflict without a premise or with other than one conclusion,
 * an anchor that does not lead from one locution to one I-node, locutions
 * that are not L-nodes or name no participant.
 */
export function aifViolations(document: AifDocument): string[] {
  const problems: string[] = [];
  const nodes = new Map<string, AifDocument["nodes"][number]>();
  for (const node of document.nodes) {
    if (nodes.has(node.nodeID)) problems.push(`node ${node.nodeID} repeats`);
    nodes.set(node.nodeID, node);
    if (!["I", "RA", "CA", "L", "YA"].includes(node.type)) problems.push(`node ${node.nodeID} has type ${node.type}`);
    if (typeof node.text !== "string" || node.text === "") problems.push(`node ${node.nodeID} has no text`);
  }
  const edgeIds = new Set<string>();
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  for (const edge of document.edges) {
    if (edgeIds.has(edge.edgeID)) problems.push(`edge ${edge.edgeID} repeats`);
    edgeIds.add(edge.edgeID);
    const from = nodes.get(edge.fromID);
    const to = nodes.get(edge.toID);
    if (!from || !to) {
      problems.push(`edge ${edge.edgeID} joins ${edge.fromID} to ${edge.toID}, which is not a node`);
      continue;
    }
    if (from.type === "I" && to.type === "I") problems.push(`edge ${edge.edgeID} joins I-node ${from.nodeID} to I-node ${to.nodeID}`);
    outgoing.set(from.nodeID, [...(outgoing.get(from.nodeID) ?? []), to.type]);
    incoming.set(to.nodeID, [...(incoming.get(to.nodeID) ?? []), from.type]);
  }
  for (const node of nodes.values()) {
    const into = incoming.get(node.nodeID) ?? [];
    const out = outgoing.get(node.nodeID) ?? [];
    if (SCHEMES.has(node.type)) {
      if (into.length === 0) problems.push(`${node.type}-node ${node.nodeID} has no premise`);
      if (out.length !== 1) problems.push(`${node.type}-node ${node.nodeID} has ${out.length} conclusions`);
      if (into.some((type) => type !== "I" && !SCHEMES.has(type))) problems.push(`${node.type}-node ${node.nodeID} has a premise of type ${into.join(", ")}`);
      if (out.some((type) => type !== "I" && !SCHEMES.has(type))) problems.push(`${node.type}-node ${node.nodeID} concludes in type ${out.join(", ")}`);
    }
    if (node.type === "YA" && (into.join() !== "L" || out.join() !== "I")) problems.push(`YA-node ${node.nodeID} anchors ${into.join(", ")} to ${out.join(", ")}`);
    if (node.type === "L" && (into.length > 0 || out.some((type) => type !== "YA"))) problems.push(`L-node ${node.nodeID} is joined to ${[...into, ...out].join(", ")}`);
  }
  const people = new Set(document.participants.map((participant) => participant.participantID));
  const spoken = new Map<string, number>();
  for (const locution of document.locutions) {
    if (nodes.get(locution.nodeID)?.type !== "L") problems.push(`locution ${locution.nodeID} is not an L-node`);
    if (!people.has(locution.personID)) problems.push(`locution ${locution.nodeID} names no participant (${locution.personID})`);
    spoken.set(locution.nodeID, (spoken.get(locution.nodeID) ?? 0) + 1);
  }
  for (const node of nodes.values()) {
    if (node.type === "L" && spoken.get(node.nodeID) !== 1) problems.push(`L-node ${node.nodeID} has ${spoken.get(node.nodeID) ?? 0} locutions`);
  }
  return problems;
}

/** The scheme nodes of `type` that lead from the I-node `from` to the I-node `to`. */
export function schemesBetween(document: AifDocument, type: "RA" | "CA", from: string, to: string): string[] {
  const into = new Set(document.edges.filter((edge) => edge.fromID === from).map((edge) => edge.toID));
  return document.nodes
    .filter((node) => node.type === type && into.has(node.nodeID))
    .filter((node) => document.edges.some((edge) => edge.fromID === node.nodeID && edge.toID === to))
    .map((node) => node.nodeID);
}
