import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { VFile } from "vfile";
import { compile, compileFolder } from "~/compiler/compile";
import type { RuleId } from "~/compiler/rules";

export const FIXTURES = fileURLToPath(new URL("../fixtures", import.meta.url));
/** A fixture may list, one a line, files of the valid sample it removes. */
const REMOVED = "REMOVE";

/**
 * A copy of the valid sample with a fixture's files laid over it, so each
 * fixture holds only what it breaks. The caller removes the folder.
 */
export async function fixtureFolder(name?: string): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), "counterpoint-fixture-"));
  await cp(path.join(FIXTURES, "valid"), directory, { recursive: true });
  if (name) {
    const fixture = path.join(FIXTURES, "rules", name);
    await cp(fixture, directory, { recursive: true, filter: (source) => path.basename(source) !== REMOVED });
    const removed = await readFile(path.join(fixture, REMOVED), "utf8").catch(() => "");
    for (const file of removed.split("\n").filter(Boolean)) await rm(path.join(directory, file));
  }
  return directory;
}

/** Compiles a fixture folder as the real loader reads it, byte for byte. */
export async function compileFixture(name?: string) {
  const directory = await fixtureFolder(name);
  try {
    return await compileFolder(directory);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** The valid sample compiled from memory, with `edit` applied to each file's text (its name without the folder). */
export async function compileSample(edit: (name: string, text: string) => string = (_name, text) => text) {
  const directory = path.join(FIXTURES, "valid");
  const names = (await readdir(directory)).filter((name) => name.endsWith(".md") || name.endsWith(".bib")).sort();
  const files = await Promise.all(
    names.map(async (name) => new VFile({ path: `content/${name}`, value: edit(name, await readFile(path.join(directory, name), "utf8")) })),
  );
  return compile(files);
}

/** Every message as `file:line:column severity rule: reason`, in file order. */
export function formatMessages(result: Awaited<ReturnType<typeof compileFixture>>): string {
  return result.files
    .flatMap((file) =>
      [...file.messages]
        .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
        .map((message) => `${file.basename}:${message.line}:${message.column} ${message.fatal ? "error" : "warning"} ${message.ruleId}: ${message.reason}`),
    )
    .join("\n");
}

const FRONTMATTER = "---\nid: supporters\nname: Supporters\nsummary: S.\ntradition: T.\nproponents:\n  - P\npolicy: P.\n";

/**
 * The worst of each class of malformed input, at full size: too big to keep
 * as fixture files, so written here. Each replaces `supporters.md` of the
 * valid sample; `rule` is what it must be refused with, at `at`.
 */
export const WORST_INPUTS: Array<{ name: string; rule: RuleId; at: string; content: () => string | Uint8Array }> = [
  {
    name: "YAML alias bomb (nine levels of nine aliases)",
    rule: "frontmatter-invalid",
    at: "9:5",
    content: () => {
      const levels = Array.from({ length: 9 }, (_, level) =>
        level === 0 ? "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]" : `a${level}: &a${level} [${Array(9).fill(`*a${level - 1}`).join(", ")}]`,
      );
      return `${FRONTMATTER}${levels.join("\n")}\n---\n\n## Learning\n`;
    },
  },
  {
    name: "a list nested 1,000 levels deep on one line",
    rule: "nesting-too-deep",
    at: "13:1",
    content: () => `${FRONTMATTER}---\n\n## Learning\n\n${"- ".repeat(1_000)}deep\n`,
  },
  {
    name: "a list indented 600 levels deep, a level a line",
    rule: "nesting-too-deep",
    at: "29:1",
    content: () => `${FRONTMATTER}---\n\n## Learning\n\n${Array.from({ length: 600 }, (_, depth) => `${"  ".repeat(depth)}- level ${depth}`).join("\n")}\n`,
  },
  {
    name: "block quotes and lists 2,000 deep on one line",
    rule: "nesting-too-deep",
    at: "13:1",
    content: () => `${FRONTMATTER}---\n\n## Learning\n\n${"> - ".repeat(1_000)}deep\n`,
  },
  {
    name: "a 50 MB file",
    rule: "file-too-large",
    at: "1:1",
    content: () => `${FRONTMATTER}---\n\n${"Words of a viewpoint that never ends. ".repeat(1_400_000)}\n`,
  },
  {
    name: "one line of 900,000 characters",
    rule: "line-too-long",
    at: "13:10001",
    content: () => `${FRONTMATTER}---\n\n## Learning\n\n${"x".repeat(900_000)}\n`,
  },
  {
    name: "15,000 open brackets in one paragraph",
    rule: "block-too-complex",
    at: "13:1",
    content: () => `${FRONTMATTER}---\n\n## Learning\n\n${"[".repeat(15_000)}\n`,
  },
  {
    name: "900 KB of bytes that are not UTF-8",
    rule: "invalid-utf8",
    at: "13:1",
    content: () => new Uint8Array([...new TextEncoder().encode(`${FRONTMATTER}---\n\n## Learning\n\n`), ...new Uint8Array(900_000).fill(0xff)]),
  },
  {
    name: "900 KB of NUL bytes",
    rule: "nul-byte",
    at: "13:1",
    content: () => `${FRONTMATTER}---\n\n## Learning\n\n${"\0".repeat(900_000)}\n`,
  },
];

/** A copy of the valid sample whose `supporters.md` is the worst input `name`. */
export async function worstInputFolder(name: string): Promise<string> {
  const input = WORST_INPUTS.find((candidate) => candidate.name === name);
  if (!input) throw new Error(`No worst input named ${name}`);
  const directory = await fixtureFolder();
  await writeFile(path.join(directory, "supporters.md"), input.content());
  return directory;
}
