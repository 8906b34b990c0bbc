/** `npm run -s export`: the compiled model as JSON on stdout; problems on stderr. */
import { reporter } from "vfile-reporter";
import { compileFolder } from "../compiler/compile";

const result = await compileFolder(process.argv[2] ?? process.env.COUNTERPOINT_CONTENT ?? "perspectives");
if (result.errors > 0) {
  console.error(reporter(result.files, { quiet: true }));
  process.exitCode = 1;
} else {
  process.stdout.write(`${JSON.stringify(result.debate, null, 2)}\n`);
}
