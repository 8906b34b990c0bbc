import { describe, expect, it } from "vitest";
import { FLAGS, type Flag } from "~/compiler/model";
import { claimHasFlag } from "~/models/flags.server";
import { useBrowser } from "./browser";
import { content } from "./content";

const openPage = useBrowser();

/** The viewpoint with the most flagged claims, so the filter has something to remove. */
async function flaggedViewpoint() {
  const { perspectives } = await content();
  const ranked = perspectives
    .map((perspective) => ({ perspective, flagged: perspective.claims.filter((claim) => claim.flags.length > 0) }))
    .sort((a, b) => b.flagged.length - a.flagged.length);
  const best = ranked[0];
  if (!best || best.flagged.length === 0) throw new Error("The content has no flagged claim");
  return { perspective: best.perspective, flag: best.flagged[0]!.flags[0]! as Flag };
}

describe("review flags", () => {
  it("show as badges whose meaning is their accessible description and appears on focus", async () => {
    const { perspective, flag } = await flaggedViewpoint();
    const claim = perspective.claims.find((candidate) => candidate.flags.includes(flag))!;
    const page = await openPage(`/perspectives/${perspective.id}`);
    const card = page.locator(`article.claim#${claim.id}`);
    const badge = card.locator(".claim-header .flag", { hasText: FLAGS[flag].label });
    await expect(badge.getAttribute("aria-describedby").then((id) => page.locator(`[id="${id}"]`).textContent())).resolves.toBe(
      FLAGS[flag].description,
    );
    const tip = badge.getByRole("tooltip", { includeHidden: true });
    expect(await tip.isVisible()).toBe(false);
    await badge.focus();
    expect(await tip.isVisible()).toBe(true);
  });

  it("are counted on the viewpoint page, and filter its claims without JavaScript", async () => {
    const { perspective, flag } = await flaggedViewpoint();
    const claimFlagged = perspective.claims.filter((claim) => claim.flags.includes(flag)).length;
    const page = await openPage(`/perspectives/${perspective.id}`, { javaScriptEnabled: false });
    const tallies = page.getByRole("region", { name: "How this viewpoint rests on the sources" });
    expect(await tallies.textContent()).toContain(`${claimFlagged} of ${perspective.claims.length}`);
    const expected = perspective.claims.filter((claim) => claimHasFlag(claim, flag));
    await tallies.getByRole("link", { name: `Show only these claims (${expected.length})` }).first().click();
    await page.waitForURL(`**/perspectives/${perspective.id}?flag=${flag}`);
    expect(await page.locator("article.claim").count()).toBe(expected.length);
    expect(expected.length).toBeLessThan(perspective.claims.length);
    await page.getByRole("link", { name: "Show all claims" }).click();
    await page.waitForURL(`**/perspectives/${perspective.id}`);
    expect(await page.locator("article.claim").count()).toBe(perspective.claims.length);
  });
});
