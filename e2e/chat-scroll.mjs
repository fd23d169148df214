// The conversation keeps its newest answer in view, as chat apps do (session 11): while it arrives, as the log
// overflows, when an earlier conversation is reopened, on a phone after visiting another tab; and a student who
// scrolled up to read keeps their place. Beside the other panels the log scrolls; on a phone the page does
// (the composer is sticky at the screen's bottom). A table in an answer keeps its figures whole on a phone and
// scrolls sideways. `E2E_ONLY=chat-scroll` runs these alone.
import path from "node:path";
import { VIEWPORTS } from "./browser.mjs";
import { SHOTS } from "./checks.mjs";
import { assert, assertEqual } from "./harness.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const REPORTS = ["20080102X00002", "20071229X02007"].map((id) =>
  path.join(ROOT, "workers/api/test/fixtures/ntsb", `${id}.pdf`),
);
const QUESTIONS = [
  "What was the probable cause of the accident?",
  "What were the weather conditions at the time?",
  "What damage did the airplane sustain?",
  "What was the pilot's flight experience?",
];

/**
 * How far the newest message's bottom edge is below what the student sees (≤ 0: in view): the log's own edge
 * beside the other panels, the composer's top on a phone. With `{ atMost }` or `{ over }`: whether it is.
 */
function newestBelowView(test) {
  const log = document.querySelector('[role="log"]');
  const last = log?.querySelector("article:last-of-type");
  if (!log || !last) return null;
  const scrolls = /auto|scroll/.test(getComputedStyle(log).overflowY);
  const composer = document.querySelector("#chat-question")?.closest("form");
  const edge = scrolls
    ? log.getBoundingClientRect().bottom
    : Math.min(innerHeight, composer?.getBoundingClientRect().top ?? innerHeight);
  const below = Math.round(last.getBoundingClientRect().bottom - edge);
  if (test?.atMost !== undefined) return below <= test.atMost;
  if (test?.over !== undefined) return below > test.over;
  return below;
}

export async function chatScrollFlows({ h, page, signUp }) {
  const chat = page.getByRole("region", { name: "Ask" });
  const tabs = page.getByRole("tablist", { name: "Notebook panels" });
  const ready = () =>
    chat.locator('[role="status"]').getByText("Answer ready.").waitFor({ state: "attached", timeout: 60_000 });
  let notebookUrl = "";

  async function ask(question) {
    await chat.getByLabel("Your question").fill(question);
    await chat.getByRole("button", { name: "Ask", exact: true }).click();
    await ready();
  }

  async function expectNewestInView(label) {
    try {
      await page.waitForFunction(newestBelowView, { atMost: 1 }, { timeout: 3_000, polling: 100 });
    } catch {
      throw new Error(
        `assertion failed: ${label}: the newest answer ends ${await page.evaluate(newestBelowView)} px below the view`,
      );
    }
  }

  /** Asks while the answer is held back 1.5 s, scrolling up to read meanwhile: the place is kept. */
  async function askWhileReading(question, at) {
    await page.route("**/ask", async (route) => {
      const response = await route.fetch();
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.fulfill({ response });
    });
    try {
      await chat.getByLabel("Your question").fill(question);
      await chat.getByRole("button", { name: "Ask", exact: true }).click();
      await expectNewestInView("the question just asked is in view");
      await page.mouse.move(at.x, at.y);
      await page.mouse.wheel(0, -600);
      await page.waitForFunction(newestBelowView, { over: 300 }, { timeout: 3_000 });
      const before = await page.evaluate(() => [document.querySelector('[role="log"]').scrollTop, scrollY]);
      await ready();
      await page.waitForTimeout(300); // the answer's last lines (Drew on, Save as note) render after it ends
      const after = await page.evaluate(() => [document.querySelector('[role="log"]').scrollTop, scrollY]);
      assertEqual(after.join(), before.join(), "the reader's place is kept while the answer arrives");
      const below = await page.evaluate(newestBelowView);
      assert(below > 300, `the answer arrived below, out of the way (${below} px)`);
    } finally {
      await page.unroute("**/ask");
    }
  }

  await h.test("chat scroll: two NTSB reports uploaded; each answer ends in view as the log overflows", async () => {
    await signUp();
    await page.setViewportSize(VIEWPORTS.desktop);
    await page.getByLabel("New notebook").fill("Chat scroll");
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await page.waitForURL(/\/notebooks\/nb_/);
    notebookUrl = page.url().split("?")[0];
    const sources = page.getByRole("region", { name: "Sources" });
    await sources.locator('input[type="file"]').setInputFiles(REPORTS);
    for (const file of REPORTS) {
      const row = sources.getByRole("listitem").filter({ hasText: path.basename(file, ".pdf") });
      await row.getByText("Ready", { exact: true }).waitFor({ timeout: 120_000 });
    }
    const pageScroll = () => page.evaluate(() => document.scrollingElement.scrollHeight - innerHeight);
    const pageBefore = await pageScroll();
    for (const question of QUESTIONS) {
      await ask(question);
      await expectNewestInView(`after “${question}”`);
    }
    const overflow = await chat.getByRole("log").evaluate((log) => log.scrollHeight - log.clientHeight);
    assert(overflow > 300, `the log overflows (${overflow} px more than it shows)`);
    // The answers' visually hidden headings once stretched the page below the panels by the log's length.
    const pageAfter = await pageScroll();
    assert(
      pageAfter <= pageBefore + 2,
      `the page does not grow with the conversation (${pageBefore} → ${pageAfter} px)`,
    );
  });

  await h.test("chat scroll: a student who scrolled up to read keeps their place (desktop)", async () => {
    await askWhileReading("Was there a fire?", { x: 620, y: 420 });
    await ask("Where did the accident happen?");
    await expectNewestInView("asking again brings the newest answer back into view");
  });

  await h.test("chat scroll: an earlier conversation reopens at its newest answer; so does the notebook", async () => {
    await chat.getByRole("button", { name: /New conversation/ }).click();
    const top = await chat.getByRole("log").evaluate((log) => log.scrollTop);
    assertEqual(top, 0, "an empty conversation shows the notebook's first look from its top");
    await ask("What was the airplane's registration?");
    const toggle = chat.locator("[data-conversations-toggle]");
    await toggle.click();
    await chat
      .getByRole("navigation", { name: "Conversations" })
      .getByRole("button", { name: new RegExp(`^${QUESTIONS[0].replace("?", "\\?")}`) })
      .click();
    await chat.locator('article[data-role="assistant"]').nth(5).waitFor();
    await expectNewestInView("reopened from the list");
    await ask("How many people were on board?"); // now the notebook's latest conversation
    await page.reload();
    await chat.locator('article[data-role="assistant"]').nth(6).waitFor();
    await expectNewestInView("the notebook reopened");
    await page.screenshot({ path: path.join(SHOTS, "chat-scroll-desktop.png") });
  });

  await h.test(
    "chat scroll: phone 390×844, the page scrolls to the newest answer, also back from another tab",
    async () => {
      await page.setViewportSize(VIEWPORTS.phone);
      await page.goto(notebookUrl);
      await chat.locator('article[data-role="assistant"]').nth(6).waitFor();
      await expectNewestInView("the notebook opened on a phone");
      const scroller = await page.evaluate(() => ({
        log: getComputedStyle(document.querySelector('[role="log"]')).overflowY,
        page: document.scrollingElement.scrollTop > 0,
      }));
      assertEqual(`${scroller.log} ${scroller.page}`, "visible true", "on a phone the page scrolls, not the log");
      await ask("What time did the accident occur?");
      await expectNewestInView("answered on a phone");
      await tabs.getByRole("tab", { name: "Sources" }).click();
      await tabs.getByRole("tab", { name: /^Study/ }).click();
      await page.evaluate(() => window.scrollTo(0, 150));
      await tabs.getByRole("tab", { name: "Chat" }).click();
      await expectNewestInView("back on the Chat tab");
      await page.screenshot({ path: path.join(SHOTS, "chat-scroll-phone.png") });
      await askWhileReading("Was there a fire after the impact?", { x: 195, y: 400 });
      const reading = await page.evaluate(newestBelowView);
      await tabs.getByRole("tab", { name: "Sources" }).click();
      await tabs.getByRole("tab", { name: "Chat" }).click();
      await page.waitForTimeout(300);
      const back = await page.evaluate(newestBelowView);
      assert(Math.abs(back - reading) <= 2, `the reading place is kept across tabs (${reading} → ${back} px)`);
      await page.setViewportSize(VIEWPORTS.desktop);
    },
  );

  await h.test("an answer's table on a phone: its figures stay whole and the table scrolls sideways", async () => {
    await page.setViewportSize(VIEWPORTS.phone);
    await page.goto(notebookUrl);
    await tabs.getByRole("tab", { name: "Sources" }).click();
    const sources = page.getByRole("region", { name: "Sources" });
    await sources.getByText("Paste text").click();
    await sources.getByLabel("Title", { exact: true }).fill("Federal revenue 2019");
    await sources.getByLabel("Text", { exact: true }).fill(REVENUE_TABLE);
    await sources.getByRole("button", { name: "Add text" }).click();
    const row = sources.getByRole("listitem").filter({ hasText: "Federal revenue 2019" });
    await row.getByText("Ready", { exact: true }).waitFor({ timeout: 60_000 });
    await tabs.getByRole("tab", { name: "Chat" }).click();
    await ask("What are the capital revenues of the Treasury?");
    const table = chat.locator('article[data-role="assistant"]').last().locator("table");
    await table.waitFor();
    // Once every cell could break anywhere: nine-digit figures came out two digits a line.
    const cells = await table.evaluate((t) =>
      [...t.querySelectorAll("td, th")].map((cell) => {
        const lineHeight = Number.parseFloat(getComputedStyle(cell).lineHeight) || 20;
        const range = document.createRange();
        range.selectNodeContents(cell);
        return { text: cell.textContent.trim(), lines: Math.round(range.getBoundingClientRect().height / lineHeight) };
      }),
    );
    const broken = cells.filter((c) => /^[\d.,]+$/.test(c.text) && c.lines > 1);
    assertEqual(broken.map((c) => `${c.text} (${c.lines} lines)`).join(", "), "", "every figure on one line");
    assert(
      cells.some((c) => /^[\d.,]{9,}$/.test(c.text)),
      `the table shows the figures (${cells.length} cells)`,
    );
    const sideways = await table.evaluate((t) => t.scrollWidth - t.clientWidth);
    assert(sideways > 0, `the table is wider than the phone and scrolls inside the answer (${sideways} px)`);
    await page.screenshot({ path: path.join(SHOTS, "answer-table-phone.png") });
    await page.setViewportSize(VIEWPORTS.desktop);
  });
}

const REVENUE_TABLE = `# Federal revenue 2019

The table shows the revenues forecast in the 2019 budget, by source.

| Item | Treasury (A) | Other sources (B) | Total C = (A+B) | Share of GDP |
|---|---|---|---|---|
| Current revenues | 1,525,347,213,822 | 172,009,144,455 | 1,697,356,358,277 | 23.41 |
| Capital revenues | 1,326,853,345,734 | 12,420,110,010 | 1,339,273,455,744 | 18.47 |
| Total revenues | 2,852,200,559,556 | 184,429,254,465 | 3,036,629,814,021 | 41.88 |
`;
