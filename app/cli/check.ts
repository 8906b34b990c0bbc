/** `npm run check`: compiles perspectives/, prints every problem, fails on errors. */
import { reporter } from "vfile-reporter";
import { compileFolder, type CompileResult } from "../compiler/compile";

const directory = process.argv[2] ?? process.env.COUNTERPOINT_CONTENT ?? "perspectives";
let result: CompileResult;
try {
  result = await compileFolder(directory);
} catch (error) {
  // Only the folder itself can fail here (missing, unreadable); each file's problems are messages.
  console.error(`${directory}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const { debate } = result;
const claims = debate.perspectives.reduce((sum, perspective) => sum + perspective.claims.length, 0);
console.error(reporter(result.files, { quiet: true }) || "no problems");
console.error(
  `${debate.perspectives.length} viewpoints, ${debate.topics.length} questions, ${claims} claims, ${debate.sources.length} sources, ${debate.glossary.length} glossary terms`,
);
process.exitCode = result.errors > 0 ? 1 : 0;
