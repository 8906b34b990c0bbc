import { readFile } from "node:fs/promises";
import { inject } from "vitest";
import type { Claim, Debate } from "~/compiler/model";

/** The real content as the suite's global setup compiled it, once for every test file. */
export interface CompiledContent {
  debate: Debate;
  /** The compiler's messages as vfile-reporter prints them, without colour; empty when there are none. */
  report: string;
}

let compiled: Promise<CompiledContent> | undefined;

export function compiledContent(): Promise<CompiledContent> {
  compiled ??= readFile(inject("contentFile"), "utf8").then((text) => JSON.parse(text) as CompiledContent);
  return compiled;
}

/** The real content, compiled by the real compiler, to know what pages must show. */
export async function content(): Promise<Debate> {
  return (await compiledContent()).debate;
}

/**
 * A claim whose counter-evidence links to another viewpoint's claim; one with
 * review flags where there is one, so that its pages show the flags' badges too.
 */
export async function linkedClaim(): Promise<{ claim: Claim; target: string }> {
  const linked = (await content()).perspectives.flatMap((perspective) =>
    perspective.claims.flatMap((claim) => {
      const target = claim.counterEvidence.find((candidate) => candidate.claim)?.claim;
      return target ? [{ claim, target }] : [];
    }),
  );
  const found = linked.find(({ claim }) => claim.flags.length > 0) ?? linked[0];
  if (!found) throw new Error("The content has no cross-linked counter-evidence");
  return found;
}
