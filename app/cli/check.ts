/** `npm run check`: compiles perspectives/, prints every problem, fails on errors. */
import { reporter } from "vfile-reporter";
import { compileFolder } from "../compiler/compile";

const result = await compileFolder(process.argv[2] ?? process.env.COUNTERPOINT_CONTENT ?? "perspectives");
const { debate } = result;
const claims = debate.perspectives.reduce((sum, perspective) => sum + perspective.claims.length, 0);
console.error(reporter(result.files, { quiet: true }) || "no problems");
console.error(
  `${debate.perspectives.length} viewpoints, ${debate.topics.length} questions, ${claims} claims, ${debate.sources.length} sources, ${debate.glossary.length} glossary terms`,
);
process.exitCode = result.errors > 0 ? 1 : 0;
