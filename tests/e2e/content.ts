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

/** A claim whose counter-evidence links to another viewpoint's claim. */
export async function linkedClaim(): Promise<{ claim: Claim; target: string }> {
  for (const perspective of (await content()).perspectives) {
    for (const claim of perspective.claims) {
      const item = claim.counterEvidence.find((candidate) => candidate.claim);
      if (item?.claim) return { claim, target: item.claim };
    }
  }
  throw new Error("The content has no cross-linked counter-evidence");
}
