import { readFile } from "node:fs/promises";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeEach, axeInBothSchemes } from "./axe";
import { useBrowser } from "./browser";
import {
  AFTER,
  answer,
  BEFORE,
  expectedSteps,
  failOnNotSent,
  MOVED,
  offScreen,
  PHONE,
  phoneAt,
  projectorAt,
  PROJECTOR,
  servedDebate,
  sidewaysScroll,
} from "./seminar";

const openPage = useBrowser();

async function download(page: Page, link: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: link }).first().click()]);
  return readFile((await file.path())!, "utf8");
}

/** The cells of a table's row whose header cell is `name`, each as its text: "Yes | 1 (33%) | 0 (0%)". */
async function rowText(table: Locator, name: string): Promise<string> {
  const cells = await table.getByRole("row", { name: new RegExp(`^${name}\\b`) }).locator("th, td").allTextContents();
  return cells.map((cell) => cell.replace(/\s+/g, " ").trim()).join(" | ");
}

describe("an instructor, from the home page and without instructions", () => {
  it("runs the Raids question with three phones: before, discussion, after and what moved them, reveal, results, end and undo, the summary", async () => {
    const debate = await servedDebate();
    const raids = debate.topics.find((topic) => topic.id === "raids")!;
    const steps = expectedSteps(debate, raids.id);
    const total = steps.length;
    const viewpoints = debate.perspectives.filter((perspective) => perspective.claims.some((claim) => claim.topic === raids.id));
    const [first, second] = viewpoints as [(typeof viewpoints)[0], (typeof viewpoints)[0]];
    const secondStep = steps.find((step) => step.kind === "viewpoint" && step.perspective === second.id)!.step;
    const movingClaim = second.claims.find((claim) => claim.topic === raids.id)!;

    // From the home page to the projector.
    const projector = await openPage("/", PROJECTOR);
    await projector.getByRole("link", { name: "Run a seminar" }).click();
    await projector.getByRole("radio", { name: new RegExp(`^${raids.title}\\b`) }).check();
    await projector.getByRole("button", { name: "Start and open the projector view" }).click();
    await projector.getByRole("heading", { level: 1, name: raids.title }).waitFor();
    await projector.locator("html.js").waitFor({ state: "attached" });
    const shown = failOnNotSent(projector);
    await projectorAt(projector, 1, total).waitFor();
    // The projector shows nothing secret: no way to the console.
    expect(await projector.locator(`a[href*="/s/${new URL(projector.url()).pathname.split("/")[2]}/"]`).count()).toBe(0);
    expect(await projector.getByText(/console/i).count()).toBe(0);

    // The corner tells the room how to join, and says that this address (127.0.0.1) is no use to a phone.
    const corner = projector.getByRole("region", { name: "Join this seminar" });
    await corner.getByRole("img", { name: /QR code/ }).waitFor();
    const address = (await corner.locator(".join-address").textContent())!;
    const code = address.match(/[A-Z0-9]{6}$/)![0];
    expect(await corner.getByRole("alert").textContent()).toContain("COUNTERPOINT_PUBLIC_URL");

    // Three phones: one types the code, one opens the address, one follows the link.
    const phone1 = await openPage("/seminar", PHONE);
    await phone1.getByLabel(/Join code/).fill(code.toLowerCase());
    await phone1.getByRole("button", { name: "Join" }).click();
    await phone1.waitForURL(`**/s/${code}`);
    await phone1.locator("html.js").waitFor({ state: "attached" });
    const phone2 = await openPage(`http://${address}`, PHONE);
    const phone3 = await openPage(`/s/${code}`, PHONE);
    const phones = [phone1, phone2, phone3];
    for (const phone of phones) await phone.getByRole("heading", { level: 1, name: raids.title }).waitFor();
    await corner.getByText("3 here now · 3 joined").waitFor();

    // The console, on a second device, through the host link the first console shows.
    const firstConsole = await projector.context().newPage();
    await firstConsole.goto(`/s/${code}/host`);
    const hostLink = await firstConsole.getByLabel("Host link, to open on another device").inputValue();
    await firstConsole.close();
    const hostConsole = await openPage(hostLink, { viewport: { width: 1280, height: 900 } });
    expect(new URL(hostConsole.url()).pathname).toBe(`/s/${code}/host`);
    expect(hostConsole.url()).not.toContain("key=");
    const consoleSent = failOnNotSent(hostConsole);

    // Before the discussion: three answers, counted live on the projector and the console.
    await answer(phone1, BEFORE, "Yes");
    // A changed answer replaces the first one.
    await answer(phone2, BEFORE, "Yes");
    await answer(phone2, BEFORE, "No");
    await answer(phone3, BEFORE, "Unsure");
    await projector.locator(".presenter-progress", { hasText: "3 answered so far" }).waitFor();
    expect(await projector.locator(".presenter-progress").textContent()).toBe(`Step 1 of ${total} · 3 answered so far · 3 here now`);
    await hostConsole.locator("p", { hasText: /·\s*3\s*answered this poll/ }).waitFor();
    expect(await projector.getByRole("table").count()).toBe(0);

    // The discussion: the projector's keys, the first viewpoint's case.
    await projector.keyboard.press("ArrowRight");
    await shown(projectorAt(projector, 2, total).waitFor());
    await projector.keyboard.press("ArrowRight");
    await shown(projectorAt(projector, 3, total).waitFor());
    for (const phone of phones) await phoneAt(phone, 3, total).waitFor();
    expect(await phone1.getByRole("heading", { level: 1 }).textContent()).toContain(first.name);
    const strongest1 = phone1.getByRole("group", { name: `Did ${first.name} make the strongest case?` });
    await strongest1.getByRole("button", { name: "This made the strongest case" }).click();
    await strongest1.getByText("You said this viewpoint made the strongest case.").waitFor();

    // The console's outline jumps to the second viewpoint; its ← → keys step from there.
    const outline = hostConsole.getByRole("navigation", { name: "Steps of this question" });
    expect(await outline.getByRole("listitem").count()).toBe(total);
    await outline.getByRole("button", { name: `${secondStep}. ${second.name}: its claims` }).click();
    await shown(projectorAt(projector, secondStep, total).waitFor());
    await consoleSent(outline.locator("[aria-current=step]", { hasText: `${secondStep}. ` }).waitFor());
    for (const phone of phones) await phoneAt(phone, secondStep, total).waitFor();
    const strongest2 = phone2.getByRole("group", { name: `Did ${second.name} make the strongest case?` });
    await strongest2.getByRole("button", { name: "This made the strongest case" }).click();
    await strongest2.getByText("You said this viewpoint made the strongest case.").waitFor();
    await hostConsole.keyboard.press("ArrowRight");
    await shown(projectorAt(projector, secondStep + 1, total).waitFor());
    await hostConsole.keyboard.press("ArrowLeft");
    await shown(projectorAt(projector, secondStep, total).waitFor());
    await phoneAt(phone3, secondStep, total).waitFor();

    // Two questions from the room; the host hides one.
    const kept = `Who is arrested in a raid, and what happens to them? ${code}`;
    const hidden = `Is this seminar being recorded? ${code}`;
    for (const [phone, text] of [
      [phone2, kept],
      [phone3, hidden],
    ] as const) {
      await phone.getByLabel(/Your question/).fill(text);
      await phone.getByRole("button", { name: "Ask" }).click();
      await hostConsole.getByRole("listitem").filter({ hasText: text }).waitFor();
    }
    await hostConsole.getByRole("button", { name: `Hide: ${hidden}` }).click();
    await hostConsole.getByRole("button", { name: `Show: ${hidden}` }).waitFor();
    await phone3.getByText(hidden).waitFor({ state: "detached" });
    await phone3.getByText(kept).waitFor();

    // "?" lists the keys over the projector's screen; Escape closes it.
    await projector.keyboard.press("?");
    const keys = projector.getByRole("dialog", { name: "Keys" });
    await keys.waitFor();
    expect(await keys.textContent()).toContain("Next step");
    expect(await axeEach({ "projector with the keys": projector, "console with the outline": hostConsole })).toEqual([]);
    await projector.keyboard.press("Escape");
    await keys.waitFor({ state: "detached" });

    // After the discussion: one phone changes its answer, and only that phone is asked what moved it.
    await projector.keyboard.press("End");
    await shown(projectorAt(projector, total, total).waitFor());
    await projector.getByRole("heading", { level: 1, name: `${raids.title}: where does the room stand now?` }).waitFor();
    await answer(phone1, AFTER, "No");
    await answer(phone2, AFTER, "No");
    await answer(phone3, AFTER, "Unsure");
    const moved = phone1.getByRole("group", { name: MOVED });
    await moved.waitFor();
    // Each option names a viewpoint and one of its claims on this question, and "Something else".
    const claimsShown = viewpoints.flatMap((viewpoint) => viewpoint.claims.filter((claim) => claim.topic === raids.id));
    expect(await moved.getByRole("button").count()).toBe(claimsShown.length + 1);
    for (const phone of [phone2, phone3]) expect(await phone.getByRole("group", { name: MOVED }).count()).toBe(0);
    await answer(phone1, MOVED, `${second.name}: ${movingClaim.title}`);
    await projector.getByText("3 answered so far · 3 here now").waitFor();
    // Nothing is revealed yet: no results on the projector or the phones.
    expect(await projector.getByRole("table").count()).toBe(0);
    expect(await phone1.getByRole("heading", { name: "The room’s results" }).count()).toBe(0);

    // Revealed from the console: the chart on the projector.
    await hostConsole.getByRole("button", { name: "Reveal results" }).click();
    const stands = projector.getByRole("table", { name: "Where the room stands" });
    await shown(stands.waitFor());
    expect(await rowText(stands, "Yes")).toBe("Yes | 1 (33%) | 0 (0%) | −33 points");
    expect(await rowText(stands, "No")).toBe("No | 1 (33%) | 2 (67%) | +33 points");
    expect(await rowText(stands, "Unsure")).toBe("Unsure | 1 (33%) | 1 (33%) | ±0 points");
    expect(await stands.getByRole("columnheader").allTextContents()).toEqual(["Answer", "Before (3)", "After (3)", "Shift"]);
    // Who moved: the flows drawn, and the same as a table (before in rows, after in columns).
    await projector.getByRole("img", { name: /Before answers on the left joined to after answers/ }).waitFor();
    expect(await projector.locator("svg.flows path.band").count()).toBe(3);
    const transitions = projector.getByRole("table", { name: /Before \(rows\) and after \(columns\)/ });
    expect(await rowText(transitions, "Yes")).toBe("Yes | 0 | 1 | 0 | 0");
    expect(await rowText(transitions, "No")).toBe("No | 0 | 1 | 0 | 0");
    expect(await rowText(transitions, "Unsure")).toBe("Unsure | 0 | 0 | 0 | 1");
    expect(await projector.locator(".who-moved .hint").textContent()).toContain("3 people answered both · 0 before only · 0 after only · 0 toward yes, 1 toward no");
    // The strongest case: every viewpoint on the question, with its count.
    const strongest = projector.getByRole("list", { name: "Strongest case (2 votes)" });
    expect(await strongest.getByRole("listitem").count()).toBe(viewpoints.length);
    for (const viewpoint of viewpoints) {
      const votes = viewpoint === first || viewpoint === second ? "1 vote" : "0 votes";
      expect(await strongest.getByRole("listitem").filter({ hasText: viewpoint.name }).textContent()).toMatch(new RegExp(`^\\s*${viewpoint.name}:?\\s*${votes}\\s*$`));
    }
    // What moved people, by side.
    const whatMoved = projector.locator(".what-moved");
    expect(await whatMoved.getByRole("heading", { name: "What moved people (1 person said)" }).count()).toBe(1);
    const towardNo = whatMoved.locator(".moved-side", { hasText: "Toward no" }).getByRole("listitem");
    expect(await towardNo.count()).toBe(1);
    expect(await towardNo.textContent()).toMatch(new RegExp(`^\\s*${second.name}: ${movingClaim.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*:?\\s*1 person\\s*$`));

    // The results fill the projector without scrolling, at 1280×720 and 1920×1080.
    for (const viewport of [
      { width: 1280, height: 720 },
      { width: 1920, height: 1080 },
    ]) {
      await projector.setViewportSize(viewport);
      expect(await offScreen(projector, ".room-results"), `${viewport.width}×${viewport.height}`).toEqual([]);
    }
    await projector.setViewportSize(PROJECTOR.viewport!);

    // The phones see the results too, without scrolling sideways.
    for (const phone of phones) await phone.getByRole("heading", { name: "The room’s results" }).waitFor();
    const phoneResults = phone1.getByRole("region", { name: "The room’s results" });
    expect(await rowText(phoneResults.getByRole("table", { name: "Where the room stands" }), "No")).toBe("No | 1 (33%) | 2 (67%) | +33 points");
    expect(await sidewaysScroll(phone1)).toBeLessThanOrEqual(0);

    // → on the closing screen asks before everyone moves on; staying keeps the results; ← goes back and → returns.
    await projector.keyboard.press("ArrowRight");
    const next = projector.getByRole("dialog", { name: "Go on to the next question?" });
    await next.waitFor();
    const following = debate.topics[debate.topics.indexOf(raids) + 1]!;
    expect(await next.textContent()).toContain(`Everyone moves to “${following.title}”`);
    // One look at the results with the dialog over them.
    expect(await axeInBothSchemes(projector), "projector results and the next-question dialog").toEqual([]);
    await next.getByRole("button", { name: "Stay here" }).click();
    await next.waitFor({ state: "detached" });
    await projector.keyboard.press("ArrowLeft");
    await shown(projectorAt(projector, total - 1, total).waitFor());
    for (const phone of phones) await phoneAt(phone, total - 1, total).waitFor();
    await projector.keyboard.press("ArrowRight");
    await shown(stands.waitFor());
    await projectorAt(projector, total, total).waitFor();

    // End, after a confirmation: every screen says it has ended; the console offers the results and summary.
    await hostConsole.getByRole("link", { name: "End seminar…" }).click();
    await hostConsole.getByText("End the seminar now?").waitFor();
    await hostConsole.locator("html.js").waitFor({ state: "attached" });
    await hostConsole.getByRole("button", { name: "Yes, end the seminar" }).click();
    const ended = hostConsole.getByRole("region", { name: "This seminar has ended" });
    await consoleSent(ended.waitFor());
    for (const link of ["Printable summary", "results.csv", "results.json"]) await ended.getByRole("link", { name: link }).waitFor();
    // Nothing offers to go on: no steps, no next question, no join corner.
    expect(await hostConsole.getByRole("navigation", { name: "Steps of this question" }).count()).toBe(0);
    expect(await hostConsole.getByRole("button", { name: /Next|Move everyone/ }).count()).toBe(0);
    await projector.getByRole("heading", { level: 1, name: "This seminar has ended" }).waitFor();
    expect(await projector.getByRole("region", { name: "Join this seminar" }).count()).toBe(0);
    for (const phone of phones) {
      await phone.getByRole("heading", { level: 1, name: "This seminar has ended" }).waitFor();
      expect(await phone.getByRole("group").count()).toBe(0);
      expect(await phone.getByLabel(/Your question/).count()).toBe(0);
      await phone.getByRole("link", { name: "where you stand" }).waitFor();
      expect(await sidewaysScroll(phone)).toBeLessThanOrEqual(0);
    }
    expect(await axeEach({ "phone, ended": phone2, "projector, ended": projector, "console, ended": hostConsole })).toEqual([]);

    // The results, as files: a tidy table, and the paired answers in JSON.
    const csv = (await download(hostConsole, "results.csv")).trim().split(/\r?\n/);
    const firstClaim = first.claims.find((claim) => claim.topic === raids.id)!;
    expect(firstClaim).toBeTruthy();
    expect(csv).toEqual([
      "participant,question,before,after,strongest,moved",
      `P1,raids,yes,no,${first.id},${movingClaim.id}`,
      `P2,raids,no,no,${second.id},`,
      "P3,raids,unsure,unsure,,",
    ]);
    type Exported = {
      topics: {
        topic: string;
        after: { counts: Record<string, number> };
        paired: { n: number; transitions: Record<string, Record<string, number>>; towardYes: number; towardNo: number };
        moved: Record<string, number>;
      }[];
    };
    const json = JSON.parse(await download(hostConsole, "results.json")) as Exported;
    const exported = json.topics.find((topic) => topic.topic === "raids")!;
    expect(exported.after.counts).toMatchObject({ yes: 0, no: 2, unsure: 1 });
    expect(exported.paired).toMatchObject({ n: 3, towardYes: 0, towardNo: 1 });
    expect(exported.paired.transitions.yes!.no).toBe(1);
    expect(exported.moved[movingClaim.id]).toBe(1);

    // Undo: the seminar comes back on every screen, at the step it ended on.
    await hostConsole.getByRole("button", { name: /^Undo: reopen the seminar/ }).click();
    await consoleSent(hostConsole.getByRole("heading", { name: "Now showing" }).waitFor());
    await shown(stands.waitFor());
    await projectorAt(projector, total, total).waitFor();
    for (const phone of phones) {
      await phoneAt(phone, total, total).waitFor();
      await phone.getByRole("group", { name: AFTER }).waitFor();
    }

    // Concealed again, the results leave the projector and the phones.
    await hostConsole.getByRole("button", { name: "Conceal results" }).click();
    await stands.waitFor({ state: "detached" });
    await phone1.getByRole("heading", { name: "The room’s results" }).waitFor({ state: "detached" });

    // The printable summary lists the hidden question as hidden.
    await hostConsole.getByRole("link", { name: "Printable summary" }).click();
    await hostConsole.getByRole("heading", { level: 2, name: raids.title }).waitFor();
    const questions = hostConsole.getByRole("region", { name: "Questions from the room" });
    await questions.getByText(kept).waitFor();
    await questions.getByRole("heading", { name: "Hidden by the host (1)" }).waitFor();
    expect(await questions.getByRole("listitem").filter({ hasText: hidden }).textContent()).toContain("hidden from the room");
    expect(await axeInBothSchemes(hostConsole), "summary").toEqual([]);
    // The claim that moved someone goes to the brief, to be cited.
    await hostConsole.getByRole("link", { name: "Open this claim as a brief" }).click();
    await hostConsole.waitForURL((url) => url.pathname === "/brief" && url.searchParams.getAll("c").join() === movingClaim.id);
    await hostConsole.getByRole("heading", { name: movingClaim.title }).first().waitFor();
  }, 240_000);
});
