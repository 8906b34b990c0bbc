import { readdirSync, readFileSync } from "node:fs";
import { slug } from "github-slugger";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { replaceRulesSection, RULES, ruleUrl, type RuleId } from "~/compiler/rules";
import { compileFixture, FIXTURES, formatMessages } from "./fixtures";

/** Fixture folders are named for the rule they trip, with an optional `--variant`. */
const fixtures = readdirSync(path.join(FIXTURES, "rules")).sort();

/**
 * `internal-error` marks a bug in the compiler, so no content fixture can
 * trip it once the bug is fixed; tests/unit/rules-plugins.test.ts provokes it.
 */
const NOT_FROM_CONTENT = new Set<RuleId>(["internal-error"]);

/** Each fixture compiled once, for its own test and for the count of checks tripped. */
const compiled = new Map<string, ReturnType<typeof compileFixture>>();
const compiledFixture = (name: string) => compiled.get(name) ?? compiled.set(name, compileFixture(name)).get(name)!;

const messagesOf = (result: Awaited<ReturnType<typeof compileFixture>>) => result.files.flatMap((file) => file.messages);

describe("validation rules", () => {
  it("compiles the valid sample without any message, to the expected model", async () => {
    const result = await compileFixture();
    expect(formatMessages(result)).toBe("");
    expect(result.errors).toBe(0);
    await expect(`${JSON.stringify(result.debate, null, 2)}\n`).toMatchFileSnapshot(path.join(FIXTURES, "valid", "expected-model.json"));
  });

  for (const name of fixtures) {
    it(`reports ${name} with its position and reason`, async () => {
      const result = await compiledFixture(name);
      const rule = name.split("--")[0] as RuleId;
      const messages = messagesOf(result);
      expect(messages.map((message) => message.ruleId)).toContain(rule);
      for (const message of messages) {
        expect(message.line, String(message)).toBeGreaterThan(0);
        expect(message.url).toBe(ruleUrl(message.ruleId as RuleId));
      }
      expect(result.errors > 0).toBe(RULES[rule].severity === "error" || messages.some((message) => message.fatal));
      await expect(`${formatMessages(result)}\n`).toMatchFileSnapshot(path.join(FIXTURES, "rules", name, "expected-messages.txt"));
    });
  }

  // Counts the checks the fixtures actually trip, not the folders' names: a
  // folder named for a rule that reports under another id does not count.
  it("trips every check in the rules table at least once", async () => {
    const results = await Promise.all(fixtures.map(compiledFixture));
    const produced = new Set(results.flatMap(messagesOf).map((message) => String(message.ruleId)));
    const expected = Object.keys(RULES).filter((rule) => !NOT_FROM_CONTENT.has(rule as RuleId));
    expect(expected.filter((rule) => !produced.has(rule))).toEqual([]);
    expect([...produced].filter((rule) => !(rule in RULES))).toEqual([]);
  });
});

describe("the guide's rule entries", () => {
  const guide = readFileSync("perspectives/README.md", "utf8");

  it("are the rules table as written by `npm run guide:rules`", () => {
    expect(replaceRulesSection(guide)).toBe(guide);
  });

  it("give every rule the heading its messages link to", () => {
    const anchors = new Set([...guide.matchAll(/^#{1,6} (.+)$/gm)].map((match) => slug(match[1]!.replace(/`/g, ""))));
    for (const rule of Object.keys(RULES) as RuleId[]) {
      expect(anchors.has(ruleUrl(rule).split("#")[1]!), rule).toBe(true);
    }
  });
});
