import { describe, expect, it } from "vitest";
import type { Perspective, Topic } from "~/compiler/model";
import { STANCE_LABELS } from "~/lib/labels";
import { answerOf, answersQuery, rankViewpoints, type Answer } from "~/models/standing";
import type { Page } from "playwright-core";
import { useBrowser } from "./browser";
import { content } from "./content";
import { printedPages } from "./print";

const openPage = useBrowser();
const debate = await content();

/** Every question answered as `perspective` answers it; skipped where it gives no answer. */
const answersOf = (perspective: Perspective) =>
  new Map(debate.topics.flatMap((topic) => {
    const answer = answerOf(perspective, topic.id);
    return answer ? [[topic.id, answer] as const] : [];
  }));

/** The radio button of one answer to one question; "Skip" for none. */
const choice = (page: Page, topic: Topic, answer: Answer | undefined) =>
  page.getByRole("group", { name: `${topic.title} ${topic.question}`, exact: true }).getByRole("radio", { name: answer ? STANCE_LABELS[answer] : "Skip", exact: true });

const ranking = (page: Page) => page.locator("ol.ranking > li");
const rankedNames = (page: Page) => ranking(page).getByRole("heading", { level: 3 }).allTextContents();

/** What the first entry must say when the reader answered exactly as `perspective` does. */
async function expectFirst(page: Page, perspective: Perspective) {
  const answers = answersOf(perspective);
  const first = ranking(page).first();
  expect((await first.getByRole("heading", { level: 3 }).textContent())?.trim()).toBe(perspective.name);
  expect(await first.getByRole("heading", { level: 3 }).getByRole("link").getAttribute("href")).toBe(`/perspectives/${perspective.id}`);
  expect(await first.locator(".ranking-score").textContent()).toBe(
    `100% agreement, compared on ${answers.size} ${answers.size === 1 ? "question" : "questions"} (${answers.size} of ${answers.size}).`,
  );
  // A row per answered question: yours, theirs, and their claims on it, each a link to its page.
  const rows = first.locator("li.stand-row");
  expect(await rows.count()).toBe(answers.size);
  for (const [index, topicId] of [...answers.keys()].entries()) {
    const row = rows.nth(index);
    const topic = debate.topics.find((candidate) => candidate.id === topicId)!;
    expect(await row.getByRole("link", { name: topic.title, exact: true }).getAttribute("href")).toBe(`/topics/${topic.id}`);
    expect(await row.locator(".stand-row-answers").textContent()).toContain("Same answer");
    const claims = perspective.claims.filter((claim) => claim.topic === topicId);
    const links = row.locator(".stand-claims a");
    expect(await links.evaluateAll((nodes) => nodes.map((node) => node.getAttribute("href")))).toEqual(claims.map((claim) => `/claims/${claim.id}`));
  }
}

describe("where do I stand, without JavaScript", () => {
  it("is a GET form: answering as a viewpoint and sending it gives a link with the answers only, that viewpoint first", async () => {
    const perspective = debate.perspectives[1]!;
    const answers = answersOf(perspective);
    const page = await openPage("/where-do-i-stand", { javaScriptEnabled: false });
    expect(await page.locator("form.stand-form").getAttribute("method")).toBe("get");
    for (const topic of debate.topics) await choice(page, topic, answers.get(topic.id)).check();
    await page.getByRole("button", { name: "Show where I stand" }).click();
    // Skipped questions are sent empty, and the server takes them out of the address.
    await page.waitForURL((url) => url.pathname === "/where-do-i-stand" && url.search === answersQuery(answers));
    await expectFirst(page, perspective);
    for (const topic of debate.topics) expect(await choice(page, topic, answers.get(topic.id)).isChecked(), topic.id).toBe(true);
  });

  it("ranks a viewpoint with no question in common last and says so", async () => {
    // A question some viewpoint leaves unanswered.
    const silent = debate.perspectives.find((perspective) => debate.topics.some((topic) => !answerOf(perspective, topic.id)))!;
    const topic = debate.topics.find((candidate) => !answerOf(silent, candidate.id))!;
    const page = await openPage(`/where-do-i-stand?${topic.id}=yes`, { javaScriptEnabled: false });
    const last = ranking(page).filter({ hasText: `No question in common: ${silent.name} answers none of the questions you answered.` });
    expect(await last.count()).toBe(1);
    const names = await rankedNames(page);
    const unanswering = debate.perspectives.filter((perspective) => !answerOf(perspective, topic.id)).map((perspective) => perspective.name);
    expect(names.slice(names.length - unanswering.length).map((name) => name.trim()).sort()).toEqual(unanswering.sort());
    expect(await ranking(page).filter({ hasText: "No question in common:" }).count()).toBe(unanswering.length);
  });

  it("sets aside what it cannot read in the address, and says so, instead of failing", async () => {
    const [first, second] = debate.topics;
    const page = await openPage(`/where-do-i-stand?${first!.id}=no&no-such-question=yes&${second!.id}=perhaps`, { javaScriptEnabled: false });
    const response = await page.request.get(page.url());
    expect(response.status()).toBe(200);
    const notice = page.getByRole("status").filter({ hasText: "could not read" });
    expect(await notice.textContent()).toContain(`“no-such-question=yes”, “${second!.id}=perhaps”`);
    expect(await choice(page, first!, "no").isChecked()).toBe(true);
    expect(await choice(page, second!, undefined).isChecked()).toBe(true);
    expect(await page.locator("p.stand-summary").textContent()).toMatch(/^Closest to your 1 answer: /);
  });
});

describe("where do I stand, with JavaScript", () => {
  it("ranks as each answer is given, without reloading, and keeps the address the link to share", async () => {
    const perspective = debate.perspectives[0]!;
    const answers = answersOf(perspective);
    const page = await openPage("/where-do-i-stand");
    expect(await page.getByRole("button", { name: "Show where I stand" }).isVisible()).toBe(false);
    await page.evaluate(() => ((window as unknown as { marker: string }).marker = "same document"));
    const history = await page.evaluate(() => window.history.length);
    const given = new Map<string, Answer>();
    for (const [topicId, answer] of answers) {
      await choice(page, debate.topics.find((topic) => topic.id === topicId)!, answer).check();
      given.set(topicId, answer);
      await page.waitForURL((url) => url.search === answersQuery(given));
    }
    await expect.poll(() => page.locator("p.stand-summary").textContent()).toContain(`Closest to your ${answers.size} answers: ${perspective.name}, 100% agreement`);
    await expectFirst(page, perspective);
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe("same document");
    expect(await page.evaluate(() => window.history.length)).toBe(history);

    // Turning one answer round moves the ranking too; skipping it takes it out of the address.
    const [topicId, answer] = [...answers][0]!;
    const topic = debate.topics.find((candidate) => candidate.id === topicId)!;
    const before = await page.locator("p.stand-summary").textContent();
    const turned = answer === "yes" ? "no" : "yes";
    await choice(page, topic, turned).check();
    given.set(topicId, turned);
    const closest = rankViewpoints(debate, given)[0]!;
    await expect.poll(() => page.locator("p.stand-summary").textContent()).toBe(
      `Closest to your ${given.size} answers: ${closest.perspective.name}, ${Math.round(closest.score! * 100)}% agreement on ${closest.compared} questions.`,
    );
    expect(await page.locator("p.stand-summary").textContent()).not.toBe(before);
    await choice(page, topic, undefined).check();
    given.delete(topicId);
    await page.waitForURL((url) => url.search === answersQuery(given));

    // The address is the result: opened afresh, it shows the same.
    const shared = await openPage(page.url().replace(/^https?:\/\/[^/]+/, ""));
    expect(await rankedNames(shared)).toEqual(await rankedNames(page));
  });
});

describe("where do I stand, on paper and on the way there", () => {
  it("prints the ranking with each viewpoint's claims", async () => {
    const perspective = debate.perspectives[0]!;
    const page = await openPage(`/where-do-i-stand${answersQuery(answersOf(perspective))}`);
    const text = (await printedPages(page)).flat().join(" ").replace(/\s+/g, "");
    for (const other of debate.perspectives) expect(text, other.id).toContain(other.name.replace(/\s+/g, ""));
    expect(text).toContain(perspective.claims[0]!.title.replace(/\s+/g, ""));
  });

  it("is linked from the home page and every question's page", async () => {
    const page = await openPage("/");
    await page.getByRole("link", { name: "Where do I stand?" }).click();
    await page.getByRole("heading", { level: 1, name: "Where do I stand?" }).waitFor();
    const topic = await openPage(`/topics/${debate.topics[2]!.id}`);
    expect(await topic.getByRole("link", { name: "Where do I stand?" }).getAttribute("href")).toBe("/where-do-i-stand");
  });
});
