import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";

const PDFTOTEXT = process.env.PDFTOTEXT_PATH ?? "/usr/bin/pdftotext";

/**
 * `page` printed to PDF by Chromium (A4, as a reader's print dialog would),
 * read back with poppler's pdftotext: each printed page's lines of text.
 */
export async function printedPages(page: Page): Promise<string[][]> {
  const pdf = await page.pdf({ format: "A4" });
  const directory = mkdtempSync(path.join(tmpdir(), "counterpoint-print-"));
  try {
    const file = path.join(directory, "page.pdf");
    writeFileSync(file, pdf);
    const text = execFileSync(PDFTOTEXT, ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
    // pdftotext ends every page with a form feed.
    return text
      .split("\f")
      .slice(0, -1)
      .map((printed) => printed.split("\n").map((line) => line.trim()).filter(Boolean));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
