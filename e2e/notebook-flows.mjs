// Notebooks (issues 3, 4, 5): create, rename, open; upload a report, watch it reach ready, ask, open the
// cited page; later remove the source, delete a notebook, and do both without JavaScript.
import path from "node:path";
import { expectFocus, expectNoSeriousViolations, shoot, text } from "./checks.mjs";
import { assert, assertEqual } from "./harness.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const NTSB_PDF = path.join(ROOT, "workers/api/test/fixtures/ntsb/20080102X00002.pdf");

/** Ask about the ready NTSB report, watch the answer stream in, open a citation: the viewer shows its page. */
async function askAndOpenCitation(page, chat) {
  await chat.getByLabel("Your question").fill("What did the pilot report about the landing?");
  await chat.getByRole("button", { name: "Ask", exact: true }).click();
  const answer = chat.locator('article[data-role="assistant"]').last();
  await answer.waitFor({ timeout: 60_000 });
  const chip = answer.locator("button[data-cite]").first();
  await chip.waitFor({ timeout: 60_000 });
  await chat.getByRole("status").getByText("Answer ready.").waitFor({ timeout: 60_000 });
  const name = (await chip.getAttribute("aria-label")) ?? "";
  assert(/^Source \d+: .+, pages? \d+/.test(name), `citation chip has an accessible name (got "${name}")`);
  if (await answer.locator('[data-mode="extractive"]').count()) {
    assert(await answer.getByText("Extractive: quoted from your sources").isVisible(), "extractive badge shown");
  }
  assertEqual(await chat.getByRole("log").getAttribute("aria-live"), "polite", "answers are announced politely");
  await shoot(page, "notebook-answer", { dark: true });
  await chip.click();
  const page1 = Number(name.match(/pages? (\d+)/)?.[1]);
  const viewer = page.getByRole("dialog", { name: new RegExp(`page ${page1}$`) });
  await viewer.waitFor();
  await viewer.locator("mark, .textLayer .quote").first().waitFor({ timeout: 30_000 });
  assert(await viewer.getByText("Cited passage").isVisible(), "the quote is shown");
  // A PDF is drawn by pdf.js, loaded only now.
  await viewer.locator(`[data-pdf-page="${page1}"] canvas`).waitFor({ timeout: 30_000 });
  await viewer.locator(".textLayer .quote").first().waitFor({ timeout: 10_000 });
  const drawn = await viewer.evaluate((dialog) => ({
    canvas: dialog.querySelector("canvas")?.getBoundingClientRect().width ?? 0,
    host: dialog.querySelector("[data-pdf-page]")?.getBoundingClientRect().width ?? 0,
  }));
  assert(Math.abs(drawn.canvas - drawn.host) < 4, `the page is drawn at the viewer's width (${JSON.stringify(drawn)})`);
  await expectNoSeriousViolations(page, "source viewer");
  await shoot(page, "source-viewer");
  await page.keyboard.press("Escape");
  await viewer.waitFor({ state: "hidden" });
  // The conversation is kept: it is listed, and opens again.
  const toggle = chat.locator("[data-conversations-toggle]");
  await toggle.click();
  const thread = chat.getByRole("navigation", { name: "Conversations" }).getByRole("button", { name: /landing/ });
  await thread.waitFor();
  await chat.getByRole("button", { name: /New conversation/ }).click();
  await chat.getByText("Ask about your sources").waitFor();
  if (!(await thread.isVisible())) await toggle.click();
  await thread.click();
  // Reopened from GET /v1/threads/{id}: the stored answer renders like the streamed one, chips included.
  await chat.locator('article[data-role="assistant"] button[data-cite]').first().waitFor();
  const log = chat.getByRole("log");
  assert(await log.getByText("What did the pilot report about the landing?").isVisible(), "stored question shown");
  // Opening a conversation folds the list away; unfold it to see which one is current.
  await toggle.click();
  assertEqual(await thread.getAttribute("aria-current"), "true", "the open conversation is marked current");
  await toggle.click();
  // A follow-up stays in the same conversation (the thread id goes along with the question).
  const threads = chat.locator("#conversation-list li");
  const before = await threads.count();
  assert(before >= 1, "the conversation is listed");
  await chat.getByLabel("Your question").fill("And what were the weather conditions?");
  await chat.getByLabel("Your question").press("Enter");
  await chat.getByRole("log").getByText("And what were the weather conditions?").waitFor();
  await chat.getByRole("status").getByText("Answer ready.").waitFor({ timeout: 60_000 });
  assertEqual(await chat.locator('article[data-role="assistant"]').count(), 2, "two answers in the conversation");
  assertEqual(await threads.count(), before, "no new conversation for a follow-up");
}

/** Create two notebooks, rename one, open it, upload a report → ready → ask → the cited page. */
export async function notebookFlows(ctx) {
  const { h, page, base, askAvailable, state } = ctx;
  await h.test("create a notebook: it opens at once, on its Sources; both are listed", async () => {
    for (const title of ["Aviation safety", "Organic chemistry"]) {
      await page.goto(`${base}/notebooks`);
      await page.getByLabel("New notebook").fill(title);
      await page.getByRole("button", { name: "Create", exact: true }).click();
      await page.waitForURL(/\/notebooks\/nb_\w+\?panel=sources$/);
      assertEqual(await text(page.locator("h1")), title, "the new notebook is open");
      assert(await page.getByRole("region", { name: "Sources" }).isVisible(), "its sources are in view");
    }
    await page.goto(`${base}/notebooks`);
    await page.getByRole("link", { name: "Aviation safety" }).waitFor();
    await page.getByRole("link", { name: "Organic chemistry" }).waitFor();
    assertEqual(await page.getByLabel("New notebook").inputValue(), "", "create field empty");
  });

  await h.test("rename a notebook inline, focus returns to it", async () => {
    const actions = page.getByRole("group", { name: "Actions for “Aviation safety”" });
    await actions.getByRole("button", { name: "Rename" }).click();
    const field = page.getByLabel("New title");
    const fieldId = await field.getAttribute("id");
    await expectFocus(page, (id) => document.activeElement?.id === id, fieldId, "rename field focused");
    await field.fill("NTSB accident reports");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("link", { name: "NTSB accident reports" }).waitFor();
    assert(await page.getByText("Notebook renamed to “NTSB accident reports”.").isVisible(), "rename announced");
    await expectFocus(
      page,
      () => document.activeElement?.textContent?.trim() === "NTSB accident reports",
      null,
      "focus on the renamed notebook",
    );
    await page.reload();
    assert(await page.getByRole("link", { name: "NTSB accident reports" }).isVisible(), "rename persisted");
    await expectNoSeriousViolations(page, "notebooks list");
    await shoot(page, "notebooks", { dark: true });
  });

  await h.test("open the notebook: sources panel and chat panel; upload → ready → ask → cited page", async () => {
    await page.getByRole("link", { name: "NTSB accident reports" }).click();
    await page.waitForURL(/\/notebooks\/nb_/);
    state.notebookUrl = page.url();
    assertEqual(await text(page.locator("h1")), "NTSB accident reports", "notebook heading");
    const sources = page.getByRole("region", { name: "Sources" });
    await sources.waitFor();
    const chat = page.getByRole("region", { name: "Ask" });
    assert(await chat.isVisible(), "chat panel is present");
    if (!askAvailable) {
      assert(
        await chat.getByText("Questions are not available on this server yet").isVisible(),
        "chat says calmly that this server cannot answer yet",
      );
    }
    if (await sources.locator('[data-state="sources-unavailable"]').count()) {
      // This server has no documents API yet (issue 4): the panel says so calmly.
      assert(await page.getByText("Sources are not available yet").isVisible(), "unavailable state shown");
      console.log("      (documents API not on this server: upload flow skipped)");
    } else {
      // Upload an NTSB report and watch it reach `ready` (progress is polled while it is processing).
      await sources.locator('input[type="file"]').setInputFiles(NTSB_PDF);
      const row = sources.getByRole("listitem").filter({ hasText: "20080102X00002" });
      await row.waitFor();
      await row.getByText("Ready", { exact: true }).waitFor({ timeout: 90_000 });
      await sources.getByRole("status").getByText("is ready.").waitFor();
      assert(await row.getByText(/Pages: \d+/).isVisible(), "page count shown once ready");
      if (askAvailable) await askAndOpenCitation(page, chat);
      else console.log("      (ask API not on this server: ask → citation → viewer skipped; runs once /ask exists)");
    }
    await expectNoSeriousViolations(page, "notebook page");
    await shoot(page, "notebook", { dark: true });
  });
}

/** Remove the source, delete a notebook (modal dialog), and both again without JavaScript. */
export async function cleanupFlows(ctx) {
  const { h, page, base, consoleErrors, state } = ctx;
  await h.test("remove the source after confirming", async () => {
    await page.goto(state.notebookUrl);
    const sources = page.getByRole("region", { name: "Sources" });
    await sources.waitFor();
    if (!(await sources.locator('[data-state="sources-unavailable"]').count())) {
      const row = sources.getByRole("listitem").filter({ hasText: "20080102X00002" });
      await row.getByRole("button", { name: /Remove/ }).click();
      const dialog = page.getByRole("dialog", { name: "Remove this source?" });
      await dialog.getByRole("button", { name: "Remove source" }).click();
      await row.waitFor({ state: "detached" });
      await page.reload();
      assertEqual(await sources.getByRole("listitem").count(), 0, "source removed for good");
    }
  });

  await h.test("delete a notebook after confirming in a modal dialog", async () => {
    await page.goto(`${base}/notebooks`);
    const actions = page.getByRole("group", { name: "Actions for “NTSB accident reports”" });
    await actions.getByRole("button", { name: "Delete" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete this notebook?" });
    await dialog.waitFor();
    assert(await dialog.getByText("“NTSB accident reports” and all of its sources").isVisible(), "dialog names it");
    assert(await page.evaluate(() => document.querySelector("dialog")?.matches(":modal")), "dialog is modal");
    await expectNoSeriousViolations(page, "delete dialog");
    await shoot(page, "notebooks-delete-dialog");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    assert(await page.getByRole("link", { name: "NTSB accident reports" }).isVisible(), "cancel keeps it");

    await actions.getByRole("button", { name: "Delete" }).click();
    await dialog.getByRole("button", { name: "Delete notebook" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText("Notebook “NTSB accident reports” deleted.").waitFor();
    assertEqual(await page.getByRole("link", { name: "NTSB accident reports" }).count(), 0, "notebook gone");
    await page.reload();
    assertEqual(await page.getByRole("link", { name: "NTSB accident reports" }).count(), 0, "still gone after reload");
    assert(await page.getByRole("link", { name: "Organic chemistry" }).isVisible(), "the other notebook stays");
    const errorsBefore = consoleErrors.length;
    const gone = await page.goto(state.notebookUrl);
    assertEqual(gone?.status(), 404, "deleted notebook page answers 404");
    assert(await page.getByText("Page not found").isVisible(), "404 page is designed");
    // Chromium logs the deliberate 404 document load as a console error: not a script error.
    consoleErrors.splice(errorsBefore);
  });

  await h.test(
    "without JavaScript the forms still work: create, then delete with the server-rendered dialog",
    async () => {
      const errorsBefore = consoleErrors.length;
      await page.route("**/_app/immutable/**/*.js", (route) => route.abort());
      try {
        await page.goto(`${base}/notebooks`);
        await page.getByLabel("New notebook").fill("Plain HTML notebook");
        await page.getByRole("button", { name: "Create", exact: true }).click();
        await page.waitForURL(/\/notebooks\/nb_/);
        await page.goto(`${base}/notebooks`);
        await page.getByRole("link", { name: "Plain HTML notebook" }).waitFor();
        const actions = page.getByRole("group", { name: "Actions for “Plain HTML notebook”" });
        await actions.getByRole("button", { name: "Delete" }).click();
        await page.waitForURL(/\?delete=nb_/);
        const dialog = page.getByRole("dialog", { name: "Delete this notebook?" });
        await dialog.getByRole("button", { name: "Delete notebook" }).click();
        await page.waitForLoadState();
        await page.goto(`${base}/notebooks`);
        assertEqual(await page.getByRole("link", { name: "Plain HTML notebook" }).count(), 0, "deleted without JS");
      } finally {
        await page.unroute("**/_app/immutable/**/*.js");
        // The blocked scripts are logged as failed loads: expected here, not script errors.
        consoleErrors.splice(errorsBefore);
      }
    },
  );
}
