import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";

/** WCAG 2.2 AA and axe's best practices: what every page is held to. */
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
/** Dark mode changes the colour variables and nothing else (app.css), so only these rules can find more there. */
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

/**
 * axe run in the page itself: its default runs each frame apart and then
 * merges them in a blank page of its own, which costs a renderer and the
 * serialization of every node that passed. Our pages have no frames, so the
 * results are the same; only violations are reported, in full.
 */
function scan(page: Page): AxeBuilder {
  return new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ["violations"] });
}

/** axe's violations on the page as it is now, one line each: rule, then up to three of its nodes. */
export async function axeViolations(page: Page, rules: "all" | "colour" = "all"): Promise<string[]> {
  const builder = rules === "all" ? scan(page).withTags(AXE_TAGS) : scan(page).withRules(COLOUR_RULES);
  const { violations } = await builder.analyze();
  return violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).slice(0, 3).join(", ")}`);
}

/** axe's violations on the page as it is, in light mode with every rule, then in dark mode with the rules that read colours. */
export async function axeInBothSchemes(page: Page): Promise<string[]> {
  await page.emulateMedia({ colorScheme: "light" });
  const light = await axeViolations(page);
  await page.emulateMedia({ colorScheme: "dark" });
  try {
    const dark = await axeViolations(page, "colour");
    return [...light.map((line) => `light: ${line}`), ...dark.map((line) => `dark: ${line}`)];
  } finally {
    await page.emulateMedia({ colorScheme: "light" });
  }
}

/** axeInBothSchemes on several pages at once (each runs in its own renderer), each violation labelled with its page's name. */
export async function axeEach(pages: Record<string, Page>): Promise<string[]> {
  const found = await Promise.all(Object.entries(pages).map(async ([name, page]) => (await axeInBothSchemes(page)).map((line) => `${name}, ${line}`)));
  return found.flat();
}
