/** `npm run guide:rules`: writes the rules table of rules.ts into the authoring guide. */
import { readFile, writeFile } from "node:fs/promises";
import { replaceRulesSection } from "../compiler/rules";

const GUIDE = "perspectives/README.md";
const guide = await readFile(GUIDE, "utf8");
const updated = replaceRulesSection(guide);
if (updated === undefined) {
  console.error(`${GUIDE}: no <!-- rules:start --> … <!-- rules:end --> markers to write between`);
  process.exitCode = 1;
} else if (updated !== guide) {
  await writeFile(GUIDE, updated);
  console.error(`${GUIDE}: rules section updated`);
}
