import { FLAGS, type Claim, type Flag } from "~/compiler/model";

export interface FlagTally {
  flag: Flag;
  label: string;
  /** "7 of 12 stances are inferred": claim flags count claims, item flags count items. */
  sentence: string;
  /** Claims that carry the flag themselves or on one of their items. */
  claims: number;
}

const itemsOf = (claim: Claim) => [...claim.evidence, ...claim.counterEvidence];

export const claimHasFlag = (claim: Claim, flag: Flag) =>
  claim.flags.includes(flag) || itemsOf(claim).some((item) => item.flags.includes(flag));

/** How often each flag occurs among a viewpoint's claims, for the flags that occur. */
export function tallyFlags(claims: readonly Claim[]): FlagTally[] {
  const items = claims.flatMap(itemsOf);
  return (Object.keys(FLAGS) as Flag[]).flatMap((flag) => {
    const flaggedClaims = claims.filter((claim) => claim.flags.includes(flag)).length;
    const flaggedItems = items.filter((item) => item.flags.includes(flag)).length;
    if (flaggedClaims + flaggedItems === 0) return [];
    const parts = [];
    if (flaggedClaims > 0) {
      const noun = flag === "stance-inferred" ? "" : " claims";
      parts.push(`${flaggedClaims} of ${claims.length}${noun} ${FLAGS[flag].tally}`);
    }
    if (flaggedItems > 0) parts.push(`${flaggedItems} of ${items.length} items ${FLAGS[flag].tally}`);
    return [{ flag, label: FLAGS[flag].label, sentence: parts.join("; "), claims: claims.filter((claim) => claimHasFlag(claim, flag)).length }];
  });
}

/** Reads `?flag=` from a URL: the known flags only, in the table's order. */
export function flagsFromUrl(url: URL): Flag[] {
  const asked = new Set(url.searchParams.getAll("flag"));
  return (Object.keys(FLAGS) as Flag[]).filter((flag) => asked.has(flag));
}
