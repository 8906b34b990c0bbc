/** Steps the seminar tests share: start a seminar as a host, join it as a phone. */
import type { BrowserContextOptions, Page } from "playwright-core";

type OpenPage = (path: string, options?: BrowserContextOptions) => Promise<Page>;

export const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
export const PROJECTOR: BrowserContextOptions = { viewport: { width: 1280, height: 720 } };

/** Starts a seminar from /seminar as an instructor would; the host's page ends on the projector view. */
export async function startSeminar(openPage: OpenPage, topicTitle: string, options: BrowserContextOptions = {}): Promise<{ host: Page; code: string }> {
  const host = await openPage("/seminar", { ...PROJECTOR, ...options });
  const escaped = topicTitle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  await host.getByRole("radio", { name: new RegExp(`^${escaped}\\b`) }).check();
  await host.getByRole("button", { name: "Start and open the projector view" }).click();
  await host.waitForURL(/\/s\/[A-Z0-9]{6}\/present$/);
  const code = new URL(host.url()).pathname.split("/")[2]!;
  await host.getByText(`Step 1 of`).waitFor();
  return { host, code };
}

/** Opens the host console in another tab of the host's browser, which holds the host cookie. */
export async function openConsole(host: Page, code: string): Promise<Page> {
  const page = await host.context().newPage();
  await page.goto(`/s/${code}/host`);
  await page.locator("html.js").waitFor({ state: "attached" });
  return page;
}

/** The step a page shows, as its status line or progress says it: "Step 3 of 17". */
export function stepText(step: number, total?: number): RegExp {
  return new RegExp(`Step ${step} of ${total ?? "\\d+"}\\b`);
}
