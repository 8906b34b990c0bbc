import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useBrowser } from "./browser";
import { content } from "./content";
import { PHONE, PROJECTOR } from "./seminar";

const openPage = useBrowser();

async function answer(phone: Page, legend: RegExp, choice: string) {
  const poll = phone.getByRole("group", { name: legend });
  await poll.getByRole("button", { name: choice, exact: true }).click();
  await poll.getByText(`Your answer: ${choice}.`).waitFor();
}

async function download(page: Page, link: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: link }).click()]);
  return readFile((await file.path())!, "utf8");
}

describe("an instructor, from the home page and without instructions", () => {
  it("runs a seminar on the Raids question: projector, two phones, steps and evidence, before/after shift, a room question, the results", async () => {
    const debate = await content();
    const raids = debate.topics.find((topic) => topic.id === "raids")!;
    const host = await openPage("/", PROJECTOR);
    await host.getByRole("link", { name: "Run a seminar" }).click();
    await host.getByRole("radio", { name: new RegExp(`^${raids.title}\\b`) }).check();
    await host.getByRole("button", { name: "Start and open the projector view" }).click();
    await host.getByRole("heading", { level: 1, name: raids.title }).waitFor();

    // The projector's corner tells the room how to join.
    const corner = host.getByRole("region", { name: "Join this seminar" });
    await corner.getByRole("img", { name: /QR code/ }).waitFor();
    const address = (await corner.locator(".join-address").textContent())!;
    const code = address.match(/[A-Z0-9]{6}$/)![0];
    const phone = await openPage("/seminar", PHONE);
    await phone.getByLabel(/Join code/).fill(code.toLowerCase());
    await phone.getByRole("button", { name: "Join" }).click();
    const second = await openPage(`http://${address}`, PHONE);
    for (const page of [phone, second]) await page.getByRole("heading", { level: 1, name: raids.title }).waitFor();
    await corner.getByText("2 phones joined").waitFor();

    await answer(phone, /before the discussion/, "Yes");
    await answer(second, /before the discussion/, "Unsure");

    // Through the overview to the first viewpoint, and its first piece of evidence.
    const viewpoint = debate.perspectives.find((perspective) => perspective.claims.some((claim) => claim.topic === raids.id))!;
    const claim = viewpoint.claims.find((candidate) => candidate.topic === raids.id)!;
    await host.keyboard.press("ArrowRight");
    await host.getByRole("heading", { level: 1, name: `${raids.title}: where each viewpoint stands` }).waitFor();
    await host.keyboard.press("PageDown");
    await host.keyboard.press("PageDown");
    const evidence = new RegExp(`^Evidence 1 of ${claim.evidence.length}`);
    await host.getByRole("region", { name: evidence }).waitFor();
    for (const page of [phone, second]) {
      const item = page.getByRole("region", { name: evidence });
      await item.waitFor();
      expect((await item.locator(".presenter-item-text").textContent())?.replace(/\s+/g, " ").trim()).toBe(claim.evidence[0]!.text.replace(/\s+/g, " ").trim());
    }
    await phone.getByRole("button", { name: "This made the strongest case" }).click();
    await phone.getByText("You said this viewpoint made the strongest case.").waitFor();

    // A question from the room.
    await second.getByLabel(/Your question/).fill("Who is arrested in a raid, and what happens to them?");
    await second.getByRole("button", { name: "Ask" }).click();

    // The closing screen asks again; the host reveals the shift from the console.
    await host.keyboard.press("End");
    await answer(phone, /after the discussion/, "No");
    await answer(second, /after the discussion/, "No");
    await host.getByRole("link", { name: "Host console" }).click();
    await host.getByRole("heading", { level: 1, name: /host console/ }).waitFor();
    await host.getByText("Who is arrested in a raid, and what happens to them?").waitFor();
    await host.getByRole("button", { name: "Reveal results" }).click();
    await host.getByRole("button", { name: "Conceal results" }).waitFor();
    await host.getByRole("link", { name: "Open the projector view" }).click();
    const table = host.getByRole("table", { name: "Where the room stands" });
    await table.waitFor();
    expect(await table.getByRole("row", { name: /^No\b/ }).textContent()).toMatch(/0%\s*100%\s*\+100 points/);
    expect(await table.getByRole("row", { name: /^Yes\b/ }).textContent()).toMatch(/50%\s*0%\s*−50 points/);

    // After class: the results, as files.
    await host.getByRole("link", { name: "Host console" }).click();
    const csv = await download(host, "results.csv");
    expect(csv.split(/\r?\n/)).toEqual(expect.arrayContaining(["raids,before,yes,1", "raids,before,unsure,1", "raids,after,no,2", `raids,strongest,${viewpoint.id},1`]));
    expect(csv).toContain("Who is arrested in a raid, and what happens to them?");
    const json = JSON.parse(await download(host, "results.json")) as { topics: { topic: string; after: { counts: Record<string, number> } }[] };
    expect(json.topics.find((topic) => topic.topic === "raids")?.after.counts.no).toBe(2);
    await host.getByRole("link", { name: "Printable summary" }).click();
    await host.getByRole("heading", { level: 2, name: raids.title }).waitFor();
  }, 120_000);
});
