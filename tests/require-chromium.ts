/**
 * `npm test` runs its browser tests in Debian's Chromium. Where it is missing,
 * install it when that is possible (as root, with apt-get); otherwise stop at
 * once with the one command to run, rather than fail test by test.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const INSTALL = "sudo apt-get install -y chromium";

if (!existsSync(CHROMIUM)) {
  const root = process.getuid?.() === 0;
  const apt = existsSync("/usr/bin/apt-get");
  if (root && apt) {
    console.error(`Chromium is missing at ${CHROMIUM}; installing it with apt-get…`);
    try {
      execFileSync("apt-get", ["update"], { stdio: "inherit" });
      execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    } catch {
      console.error(`Installing Chromium failed; run \`apt-get install -y chromium\` and try again.`);
      process.exit(1);
    }
    if (!existsSync(CHROMIUM)) {
      console.error(`Chromium is installed but not at ${CHROMIUM}; set CHROMIUM_PATH to its binary.`);
      process.exit(1);
    }
  } else {
    console.error(`npm test needs Chromium at ${CHROMIUM} for its browser tests. Install it with:\n\n  ${INSTALL}\n\n(or set CHROMIUM_PATH to a Chromium binary).`);
    process.exit(1);
  }
}
