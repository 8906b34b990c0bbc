import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "~/compiler/rules";
import { compileFixture, FIXTURES, formatMessages } from "./fixtures";

/** Fixture folders are named for the rule they trip, with an optional `--variant`. */
const fixtures = readdirSync(path.join(FIXTURES, "rules")).sort();

describe("validation rules", () => {
  it("has a fixture for every rule", () => {
    const covered = new Set(fixtures.map((name) => name.split("--")[0]));
    expect(Object.keys(RULES).filter((rule) => !covered.has(rule))).toEqual([]);
  });

  it("compiles the valid sample without any message, to the expected model", async () => {
    const result = await compileFixture();
    expect(formatMessages(result)).toBe("");
    expect(result.errors).toBe(0);
    await expect(`${JSON.stringify(result.debate, null, 2)}\n`).toMatchFileSnapshot(path.join(FIXTURES, "valid", "expected-model.json"));
  });

  for (const name of fixtures) {
    it(`reports ${name} with its position and reason`, async () => {
      const result = await compileFixture(name);
      const rule = name.split("--")[0] as keyof typeof RULES;
      const messages = [...result.files.flatMap((file) => file.messages)];
      expect(messages.map((message) => message.ruleId)).toContain(rule);
      expect(result.errors > 0).toBe(RULES[rule] === "error" || messages.some((message) => message.fatal));
      await expect(`${formatMessages(result)}\n`).toMatchFileSnapshot(path.join(FIXTURES, "rules", name, "expected-messages.txt"));
    });
  }
});
