import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { baseUrl, useBrowser } from "./browser";
import { content } from "./content";
import { openConsole, PHONE, startSeminar, stepText } from "./seminar";
import { startServer, temporaryDataDir, type RunningServer } from "./server";

const openPage = useBrowser();
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).slice(0, 3).join(", ")}`);
}

/** The projector's or console's row for one answer of the before/after table, as text. */
function shiftRow(page: Page, answer: string) {
  return page.getByRole("table", { name: "Where the room stands" }).getByRole("row", { name: new RegExp(`^${answer}\\b`) });
}

async function vote(phone: Page, legend: RegExp, answer: string) {
  const poll = phone.getByRole("group", { name: legend });
  await poll.getByRole("button", { name: answer, exact: true }).click();
  await poll.getByText(`Your answer: ${answer}.`).waitFor();
}

describe("a live seminar with a host and two phones", () => {
  it("the phones follow the host's steps, and browse freely while the host pauses", async () => {
    const debate = await content();
    const topic = debate.topics[0]!;
    const { host, code } = await startSeminar(openPage, topic.title);
    const phone = await openPage(`/s/${code}`, PHONE);
    const second = await openPage(`/s/${code}`, PHONE);
    await phone.getByRole("heading", { level: 1, name: topic.title }).waitFor();
    await host.getByText("2 phones joined").waitFor();

    await host.keyboard.press("ArrowRight");
    await phone.getByRole("status").filter({ hasText: stepText(2) }).waitFor();
    await phone.getByRole("heading", { level: 1, name: `${topic.title}: where each viewpoint stands` }).waitFor();
    await host.keyboard.press("ArrowRight");
    await host.getByText(stepText(3)).waitFor();
    // Step 3 is the first viewpoint's screen: the phone shows that viewpoint's claims too.
    const viewpoint = debate.perspectives.find((perspective) => perspective.claims.some((claim) => claim.topic === topic.id))!;
    for (const page of [phone, second]) {
      await page.getByRole("status").filter({ hasText: stepText(3) }).waitFor();
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain(viewpoint.name);
    }
    await host.keyboard.press("ArrowLeft");
    await phone.getByRole("status").filter({ hasText: stepText(2) }).waitFor();

    // Paused: the phone steps on its own and can open the question's pages; on resume it snaps back.
    const hostConsole = await openConsole(host, code);
    await hostConsole.getByRole("button", { name: "Pause following" }).click();
    await phone.getByText("Browse at your own pace.").waitFor();
    await second.getByText("Browse at your own pace.").waitFor();
    const stepping = second.getByRole("link", { name: "Next step →" });
    await stepping.click();
    await second.getByRole("status").filter({ hasText: stepText(3) }).waitFor();
    // The other phone leaves for the question's own page.
    await phone.getByRole("link", { name: `Every answer to “${topic.title}”` }).click();
    await phone.waitForURL(`**/topics/${topic.id}`);
    await phone.getByRole("heading", { level: 1, name: topic.title }).waitFor();
    await hostConsole.getByRole("button", { name: "Resume following" }).click();
    // Both snap back to the host's step: the one browsing steps, and the one on another page.
    await second.getByRole("status").filter({ hasText: stepText(2) }).waitFor();
    await expect.poll(() => new URL(second.url()).search).toBe("");
    await phone.waitForURL(`**/s/${code}`);
    await phone.getByRole("status").filter({ hasText: stepText(2) }).waitFor();
    expect(await phone.getByText("Browse at your own pace.").count()).toBe(0);
  });

  it("a poll before and after the discussion shows the shift on the projector once revealed, and the strongest case", async () => {
    const debate = await content();
    const topic = debate.topics[0]!;
    const { host, code } = await startSeminar(openPage, topic.title);
    const phone = await openPage(`/s/${code}`, PHONE);
    const second = await openPage(`/s/${code}`, PHONE);
    await vote(phone, /before the discussion/, "Yes");
    await vote(second, /before the discussion/, "Yes");
    // A changed answer replaces the old one.
    await vote(second, /before the discussion/, "No");

    // On a viewpoint's screen: "this made the strongest case".
    await host.keyboard.press("ArrowRight");
    await host.keyboard.press("ArrowRight");
    await phone.getByRole("status").filter({ hasText: stepText(3) }).waitFor();
    const viewpoint = debate.perspectives.find((perspective) => perspective.claims.some((claim) => claim.topic === topic.id))!;
    const strongest = phone.getByRole("group", { name: `Did ${viewpoint.name} make the strongest case?` });
    await strongest.getByRole("button", { name: "This made the strongest case" }).click();
    await strongest.getByText("You said this viewpoint made the strongest case.").waitFor();
    expect(await strongest.getByRole("button", { name: "This made the strongest case" }).getAttribute("aria-pressed")).toBe("true");

    await host.keyboard.press("End");
    await phone.getByRole("group", { name: /after the discussion/ }).waitFor();
    await vote(phone, /after the discussion/, "No");
    await vote(second, /after the discussion/, "Mixed");
    // Before the host reveals them, the projector shows no results.
    expect(await host.getByRole("table", { name: "Where the room stands" }).count()).toBe(0);

    const hostConsole = await openConsole(host, code);
    expect(await shiftRow(hostConsole, "No").textContent()).toMatch(/50%.*50%.*±0/);
    await hostConsole.getByRole("button", { name: "Reveal results" }).click();
    await shiftRow(host, "Yes").waitFor();
    // Before: Yes and No (the second phone changed its mind); after: No and Mixed.
    expect(await shiftRow(host, "Yes").textContent()).toMatch(/50%\s*0%\s*−50 points/);
    expect(await shiftRow(host, "No").textContent()).toMatch(/50%\s*50%\s*±0 points/);
    expect(await shiftRow(host, "Mixed").textContent()).toMatch(/0%\s*50%\s*\+50 points/);
    expect(await host.getByRole("columnheader", { name: "Before (2)" }).count()).toBe(1);
    const tally = host.getByRole("list", { name: "Strongest case (1 vote)" });
    expect(await tally.getByRole("listitem").first().textContent()).toMatch(new RegExp(`${viewpoint.name}\\s*1$`));
    // Both votes counted once each, however often they changed.
    expect(await host.getByRole("columnheader", { name: "After (2)" }).count()).toBe(1);

    await hostConsole.getByRole("button", { name: "Conceal results" }).click();
    await host.getByRole("table", { name: "Where the room stands" }).waitFor({ state: "detached" });
  });

  it("a question from the room reaches the host, gets upvoted, and disappears for the room once hidden", async () => {
    const topic = (await content()).topics[0]!;
    const { host, code } = await startSeminar(openPage, topic.title);
    const hostConsole = await openConsole(host, code);
    const phone = await openPage(`/s/${code}`, PHONE);
    const second = await openPage(`/s/${code}`, PHONE);
    // Text from the room is text: markup in it is shown, never run or rendered.
    const text = `Who decides what counts as <b>exploitation</b>? ${Date.now()}`;
    await phone.getByLabel(/Your question/).fill(text);
    await phone.getByRole("button", { name: "Ask" }).click();
    await expect.poll(() => phone.getByLabel(/Your question/).inputValue()).toBe("");
    const onConsole = hostConsole.getByRole("listitem").filter({ hasText: text });
    await onConsole.waitFor();
    expect(await hostConsole.locator("b", { hasText: "exploitation" }).count()).toBe(0);

    await second.getByRole("button", { name: `Upvote: ${text}` }).click();
    await second.getByRole("button", { name: `Upvoted: ${text}` }).waitFor();
    await onConsole.getByText("1 vote").waitFor();

    await hostConsole.getByRole("button", { name: `Hide: ${text}` }).click();
    await onConsole.getByText("hidden from the room").waitFor();
    for (const page of [phone, second]) await page.getByText(text).waitFor({ state: "detached" });
    await hostConsole.getByRole("button", { name: `Show: ${text}` }).click();
    await phone.getByText(text).waitFor();
  });

  it("refuses a participant's attempt at a host action, on the endpoint and on the host's pages", async () => {
    const topic = (await content()).topics[0]!;
    const { host, code } = await startSeminar(openPage, topic.title);
    const phone = await openPage(`/s/${code}`, PHONE);
    const answer = await phone.evaluate(async (seminar) => {
      const response = await fetch(`/s/${seminar}/actions`, {
        method: "POST",
        body: new URLSearchParams({ intent: "step", topic: "ignored", step: "2" }),
        headers: { Accept: "application/json" },
      });
      return { status: response.status, body: (await response.json()) as { error?: string } };
    }, code);
    expect(answer.status).toBe(403);
    expect(answer.body.error).toBeTruthy();
    await host.waitForTimeout(300);
    expect(await host.getByText(stepText(1)).count()).toBe(1);

    for (const path of [`/s/${code}/host`, `/s/${code}/present`, `/s/${code}/summary`]) {
      const response = await phone.goto(path);
      expect(response?.status(), path).toBe(403);
      expect(await phone.getByRole("heading", { level: 1 }).textContent()).toBe("This page is not for you");
    }
  });

  it("answers an unknown code with a 404 page that offers to type it again, and takes a mistyped code", async () => {
    const topic = (await content()).topics[0]!;
    const { code } = await startSeminar(openPage, topic.title);
    const phone = await openPage("/seminar", PHONE);
    const typed = `${code.slice(0, 3).toLowerCase()}-${code.slice(3)} `;
    await phone.getByLabel(/Join code/).fill(typed);
    await phone.getByRole("button", { name: "Join" }).click();
    await phone.waitForURL(`**/s/${code}`);
    await phone.getByRole("heading", { level: 1, name: topic.title }).waitFor();

    await phone.goto("/seminar");
    await phone.getByLabel(/Join code/).fill("ABC");
    await phone.getByRole("button", { name: "Join" }).click();
    await phone.getByRole("alert").filter({ hasText: "is not a join code" }).waitFor();

    const unknown = code === "ZZZZZZ" ? "YYYYYY" : "ZZZZZZ";
    const response = await phone.goto(`/s/${unknown}`);
    expect(response?.status()).toBe(404);
    expect(await phone.getByRole("heading", { level: 1 }).textContent()).toBe("We could not find that page");
    await phone.getByRole("link", { name: "Type the join code again" }).click();
    await phone.getByLabel(/Join code/).waitFor();
  });

  it("keeps seminar pages out of every cache: no-store, rendered for each person", async () => {
    const topic = (await content()).topics[0]!;
    const { host, code } = await startSeminar(openPage, topic.title);
    for (const path of [`/s/${code}`, `/s/${code}/present`, `/s/${code}/host`, "/seminar"]) {
      const response = await host.request.get(path);
      expect(response.headers()["cache-control"], path).toBe("no-store");
      expect(response.headers()["etag"], path).toBeUndefined();
    }
    // Two participants get two pages: each its own cookie.
    const first = await fetch(`${baseUrl()}/s/${code}`);
    const again = await fetch(`${baseUrl()}/s/${code}`);
    expect(first.headers.get("set-cookie")).toMatch(/cp_participant=/);
    expect(again.headers.get("set-cookie")).not.toBe(first.headers.get("set-cookie"));
  });

  it("the projector, the console and the phone pass axe with best practices; the phone has no horizontal scroll at 360 px", async () => {
    const debate = await content();
    const topic = debate.topics[0]!;
    const { host, code } = await startSeminar(openPage, topic.title);
    const phone = await openPage(`/s/${code}`, PHONE);
    await phone.getByLabel(/Your question/).fill("What does the evidence from Sweden show?");
    await phone.getByRole("button", { name: "Ask" }).click();
    const hostConsole = await openConsole(host, code);
    await hostConsole.getByText("What does the evidence from Sweden show?").waitFor();
    for (const step of ["Home", "ArrowRight", "ArrowRight", "ArrowRight", "End"]) {
      await host.keyboard.press(step);
      const shown = (await host.locator(".presenter-progress").textContent())!.match(/Step \d+ of \d+/)![0];
      await phone.getByRole("status").filter({ hasText: shown }).waitFor();
      expect(await axe(host), `projector, ${shown}`).toEqual([]);
      expect(await axe(phone), `phone, ${shown}`).toEqual([]);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), shown).toBeLessThanOrEqual(0);
    }
    await hostConsole.getByRole("button", { name: "Reveal results" }).click();
    await host.getByRole("table", { name: "Where the room stands" }).waitFor();
    expect(await axe(host), "projector with results").toEqual([]);
    await hostConsole.reload();
    expect(await axe(hostConsole), "host console").toEqual([]);
    await hostConsole.setViewportSize({ width: 360, height: 740 });
    expect(await hostConsole.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await hostConsole.goto(`/s/${code}/summary`);
    expect(await axe(hostConsole), "summary").toEqual([]);
  }, 120_000);
});

describe("a server restart mid-seminar", () => {
  const data = temporaryDataDir();
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop();
    data.remove();
  });

  it("loses nothing: the phone reconnects at the current step and every vote is kept", async () => {
    const topic = (await content()).topics[0]!;
    server = await startServer({ COUNTERPOINT_DATA: data.dir });
    const options = { baseURL: server.baseUrl };
    const { host, code } = await startSeminar(openPage, topic.title, options);
    const phone = await openPage(`/s/${code}`, { ...PHONE, ...options });
    await vote(phone, /before the discussion/, "Unsure");
    await host.keyboard.press("ArrowRight");
    await phone.getByRole("status").filter({ hasText: stepText(2) }).waitFor();

    const { port } = server;
    await server.stop();
    server = await startServer({ COUNTERPOINT_DATA: data.dir, PORT: String(port) });

    // The open pages reconnect by themselves and go on from where they were.
    await host.keyboard.press("ArrowRight");
    await phone.getByRole("status").filter({ hasText: stepText(3) }).waitFor({ timeout: 15_000 });
    await host.keyboard.press("ArrowLeft");
    await phone.getByRole("status").filter({ hasText: stepText(2) }).waitFor();
    await phone.getByRole("group", { name: /before the discussion/ }).getByText("Your answer: Unsure.").waitFor();
    const hostConsole = await openConsole(host, code);
    expect(await shiftRow(hostConsole, "Unsure").textContent()).toMatch(/^Unsure\s*100%/);
  }, 90_000);
});
