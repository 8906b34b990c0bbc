/**
 * `npm test` runs its browser tests in Debian's Chromium, and reads printed
 * pages with poppler's pdftotext. Where one is missing, install it when that
 * is possible (as root, with apt-get); otherwise stop at once with the one
 * command to run, rather than fail test by test.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const TOOLS = [
  { what: "Chromium", path: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", pkg: "chromium", variable: "CHROMIUM_PATH" },
  { what: "pdftotext", path: process.env.PDFTOTEXT_PATH ?? "/usr/bin/pdftotext", pkg: "poppler-utils", variable: "PDFTOTEXT_PATH" },
];

const missing = TOOLS.filter((tool) => !existsSync(tool.path));
if (missing.length > 0) {
  const packages = missing.map((tool) => tool.pkg);
  const root = process.getuid?.() === 0;
  const apt = existsSync("/usr/bin/apt-get");
  if (root && apt) {
    console.error(`${missing.map((tool) => `${tool.what} is missing at ${tool.path}`).join("; ")}; installing ${packages.join(" ")} with apt-get…`);
    try {
      execFileSync("apt-get", ["update"], { stdio: "inherit" });
      execFileSync("apt-get", ["install", "-y", "--no-install-recommends", ...packages], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    } catch {
      console.error(`Installing failed; run \`apt-get install -y ${packages.join(" ")}\` and try again.`);
      process.exit(1);
    }
    for (const tool of missing) {
      if (!existsSync(tool.path)) {
        console.error(`${tool.what} is installed but not at ${tool.path}; set ${tool.variable} to its binary.`);
        process.exit(1);
      }
    }
  } else {
    const names = missing.map((tool) => `${tool.what} at ${tool.path}`).join(" and ");
    const variables = missing.map((tool) => tool.variable).join(" or ");
    console.error(`npm test needs ${names} for its browser tests. Install with:\n\n  sudo apt-get install -y ${packages.join(" ")}\n\n(or set ${variables}).`);
    process.exit(1);
  }
}
