import { compileFolder } from "~/compiler/compile";
import type { Claim, Debate } from "~/compiler/model";

let debate: Promise<Debate> | undefined;

/** The real content, compiled by the real compiler, to know what pages must show. */
export function content(): Promise<Debate> {
  debate ??= compileFolder("perspectives").then((result) => result.debate);
  return debate;
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
