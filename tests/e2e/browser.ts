import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, inject } from "vitest";

/** Debian's Chromium; Playwright's own browser download cannot work on these machines. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function baseUrl(): string {
  return inject("baseUrl");
}

/** One browser per test file, closed after it; each test opens its own context. */
export function useBrowser() {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
  });
  /** `prepare` runs on the new page before it loads `path`, to listen from the first byte. */
  return async function openPage(path: string, options: BrowserContextOptions = {}, prepare?: (page: Page) => Promise<void>): Promise<Page> {
    if (!browser) throw new Error("The browser has not started");
    const context = await browser.newContext({ baseURL: baseUrl(), ...options });
    contexts.push(context);
    const page = await context.newPage();
    await prepare?.(page);
    const response = await page.goto(path);
    if (!response) throw new Error(`No response for ${path}`);
    // Interactions need the hydrated page; without JavaScript there is nothing to wait for.
    if (options.javaScriptEnabled !== false && response.ok()) await page.locator("html.js").waitFor({ state: "attached" });
    return page;
  };
}
