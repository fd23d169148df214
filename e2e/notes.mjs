// Notes and the first look (issue 15.4, 15.5), each group standing alone (`E2E_ONLY=notes,overview`):
// an answer saved as a note with its citations, a note written by hand, edited, deleted, turned into a
// source that reaches ready; the overview fetched once on load and again as sources become ready, and a
// suggested question sent from it answered with citations. Desktop and phone, axe on each view.
import { VIEWPORTS } from "./browser.mjs";
import { expectNoSeriousViolations } from "./checks.mjs";
import { assert, assertEqual } from "./harness.mjs";
import { shootDocs } from "./workspace.mjs";

const PHOTOSYNTHESIS = {
  title: "Photosynthesis notes",
  text: "Photosynthesis converts light energy into chemical energy. It takes place in the chloroplasts of plant cells. The Calvin cycle fixes carbon dioxide into glucose in the stroma. Chlorophyll absorbs mostly blue and red light.",
};
const TECTONICS = {
  title: "Plate tectonics",
  text: "Plate tectonics explains how the lithosphere is divided into plates that move over the asthenosphere. At convergent boundaries one plate sinks beneath another in a subduction zone, which builds volcanoes and mountain ranges.",
};

const regions = (page) => ({
  sources: page.getByRole("region", { name: "Sources" }),
  chat: page.getByRole("region", { name: "Ask" }),
  study: page.getByRole("region", { name: "Study", exact: true }),
});

async function newNotebook(ctx, title) {
  const { page, base } = ctx;
  await ctx.signIn();
  await page.setViewportSize(VIEWPORTS.desktop);
  await page.goto(`${base}/notebooks`);
  await page.getByLabel("New notebook").fill(title);
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await page.waitForURL(/\/notebooks\/nb_/);
  return page.url().split("?")[0];
}

async function pasteSource(page, source) {
  const { sources } = regions(page);
  await sources.getByText("Paste text").click();
  await sources.getByLabel("Title", { exact: true }).fill(source.title);
  await sources.getByLabel("Text", { exact: true }).fill(source.text);
  await sources.getByRole("button", { name: "Add text" }).click();
  const row = sources.getByRole("listitem").filter({ hasText: source.title });
  await row.waitFor();
  await sources.getByText("Paste text").click(); // folds the form again
  return row;
}

async function ask(page, question, { cited = true } = {}) {
  const { chat } = regions(page);
  const answers = chat.locator('article[data-role="assistant"]');
  const before = await answers.count();
  await chat.getByLabel("Your question").fill(question);
  await chat.getByRole("button", { name: "Ask", exact: true }).click();
  if (cited) await answers.nth(before).locator("button[data-cite]").first().waitFor({ timeout: 60_000 });
  else await answers.nth(before).waitFor({ timeout: 60_000 });
  await chat.locator('[role="status"]').getByText("Answer ready.").waitFor({ state: "attached", timeout: 60_000 });
  return answers.nth(before);
}

/** Counts the page's GETs of the notebook's overview from now on. */
function countOverviewFetches(page) {
  const seen = [];
  const listener = (request) => {
    if (request.method() === "GET" && /\/api\/v1\/notebooks\/[^/]+\/overview$/.test(request.url())) seen.push(1);
  };
  page.on("request", listener);
  return {
    get count() {
      return seen.length;
    },
    stop: () => page.off("request", listener),
  };
}

export async function notesFlows(ctx) {
  const { h, page } = ctx;
  let notebookUrl = "";

  await h.test("15.5 save an answer as a note: it keeps the answer's citations", async () => {
    notebookUrl = await newNotebook(ctx, "Notes tour");
    const row = await pasteSource(page, PHOTOSYNTHESIS);
    await row.getByText("Ready", { exact: true }).waitFor({ timeout: 60_000 });
    const answer = await ask(page, "Where does photosynthesis take place?");
    const cited = await answer.locator("button[data-cite]").count();
    await answer.locator('[data-action="save-note"]').click();
    await answer.getByText("Saved to notes").waitFor();
    const { study } = regions(page);
    const notes = study.locator('[data-panel="notes"]');
    const note = notes.locator("[data-note-id]").first();
    await note.waitFor();
    await note.getByText(/^Sources cited \(\d+\)$/).waitFor();
    const listed = Number((await note.getByText(/^Sources cited/).textContent())?.match(/\d+/)?.[0]);
    assert(listed >= 1 && listed <= cited, `the note lists the answer's citations (${listed} of ${cited} chips)`);
    assert(/chloroplast/i.test((await note.textContent()) ?? ""), "the note holds the answer's text");
    await page.reload();
    await notes.locator("[data-note-id]").first().waitFor();
    assertEqual(await notes.locator("[data-note-id]").count(), 1, "the saved note is kept");
  });

  await h.test("an answer the sources do not cover offers no note to save", async () => {
    const answer = await ask(page, "What is the capital of Mongolia?", { cited: false });
    await answer.locator('[data-mode="not-covered"]').waitFor();
    assertEqual(await answer.locator('[data-action="save-note"]').count(), 0, "no save-note button");
  });

  await h.test("15.5 write a note by hand, edit it, delete another after confirming", async () => {
    const notes = regions(page).study.locator('[data-panel="notes"]');
    for (const [title, body] of [
      ["Exam plan", "Revise the **Calvin cycle** on Monday."],
      ["Scratch", "To be deleted."],
    ]) {
      await notes.getByRole("button", { name: /New note/ }).click();
      await notes.getByLabel(/^Title/).fill(title);
      await notes.getByLabel("Note", { exact: true }).fill(body);
      await notes.getByRole("button", { name: "Save note" }).click();
      await notes.getByRole("heading", { name: title }).waitFor();
    }
    const plan = notes.locator("[data-note-id]").filter({ has: page.getByRole("heading", { name: "Exam plan" }) });
    assertEqual(await plan.locator("strong").textContent(), "Calvin cycle", "Markdown is rendered");
    await plan.getByRole("button", { name: "Edit “Exam plan”" }).click();
    await plan.getByLabel("Note", { exact: true }).fill("Revise the Calvin cycle on Tuesday.");
    await plan.getByRole("button", { name: "Save note" }).click();
    await plan.getByText("Revise the Calvin cycle on Tuesday.").waitFor();
    await notes.getByRole("button", { name: "Delete “Scratch”" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete this note?" });
    await dialog.locator('[data-action="confirm-delete-note"]').click();
    await dialog.waitFor({ state: "hidden" });
    await notes.getByRole("heading", { name: "Scratch" }).waitFor({ state: "detached" });
    await page.reload();
    await notes.getByText("Revise the Calvin cycle on Tuesday.").waitFor();
    assertEqual(await notes.getByRole("heading", { name: "Scratch" }).count(), 0, "deleted for good");
    await expectNoSeriousViolations(page, "notes (desktop)");
  });

  await h.test("15.5 a note becomes a source of the notebook and reaches ready", async () => {
    const { sources, study } = regions(page);
    const notes = study.locator('[data-panel="notes"]');
    await notes.getByRole("button", { name: "Add to sources: “Exam plan”" }).click();
    const plan = notes.locator("[data-note-id]").filter({ has: page.getByRole("heading", { name: "Exam plan" }) });
    await plan.locator('[data-state="is-source"]').waitFor();
    const row = sources.getByRole("listitem").filter({ hasText: "Exam plan" });
    await row.getByText("Ready", { exact: true }).waitFor({ timeout: 60_000 });
    assertEqual(await sources.locator("li[aria-busy]").count(), 2, "the note is the notebook's second source");
    await page.setViewportSize(VIEWPORTS.phone);
    await page.goto(`${notebookUrl}?panel=study`);
    await notes.getByText("Revise the Calvin cycle on Tuesday.").waitFor();
    await expectNoSeriousViolations(page, "notes (phone, Study tab)");
    await page.setViewportSize(VIEWPORTS.desktop);
  });
}

export async function overviewFlows(ctx) {
  const { h, page } = ctx;
  let notebookUrl = "";

  await h.test(
    "15.4 the first look: fetched once on load, again as sources become ready; a suggested question is answered with citations",
    async () => {
      const fetches = countOverviewFetches(page);
      try {
        notebookUrl = await newNotebook(ctx, "First look tour");
        const { chat } = regions(page);
        const overview = chat.locator('[data-panel="overview"]');
        await overview.locator('[data-state="overview-empty"]').waitFor();
        await page.waitForLoadState("networkidle");
        assertEqual(fetches.count, 1, "one overview fetch when the notebook opens");

        const first = await pasteSource(page, PHOTOSYNTHESIS);
        await first.getByText("Ready", { exact: true }).waitFor({ timeout: 60_000 });
        await overview.getByText(PHOTOSYNTHESIS.title).waitFor({ timeout: 15_000 });
        assertEqual(fetches.count, 2, "fetched again once the source is ready (not while it was processing)");
        const second = await pasteSource(page, TECTONICS);
        await second.getByText("Ready", { exact: true }).waitFor({ timeout: 60_000 });
        await overview.getByText(TECTONICS.title).waitFor({ timeout: 15_000 });
        assertEqual(fetches.count, 3, "and again when the second one is");

        const suggested = overview.locator('[data-action="ask-suggested"]');
        const offered = await suggested.count();
        assert(offered >= 3 && offered <= 5, `3–5 suggested questions (${offered})`);
        await expectNoSeriousViolations(page, "first look (desktop)");
        await shootDocs(page, ctx.shoot, "overview");

        await page.reload();
        await suggested.first().waitFor();
        await page.waitForLoadState("networkidle");
        assertEqual(fetches.count, 4, "a reload fetches it once");

        const question = ((await suggested.first().textContent()) ?? "").trim();
        // The composer's example is a question these sources answer, not another notebook's.
        assertEqual(
          await chat.locator("#chat-question").getAttribute("placeholder"),
          `e.g. ${question}`,
          "the question box's example is the first suggested question",
        );
        await suggested.first().click();
        const log = chat.getByRole("log");
        await log.locator('article[data-role="user"]').getByText(question, { exact: true }).waitFor();
        const answer = log.locator('article[data-role="assistant"]').first();
        await answer.locator("button[data-cite]").first().waitFor({ timeout: 60_000 });
        await chat
          .locator('[role="status"]')
          .getByText("Answer ready.")
          .waitFor({ state: "attached", timeout: 60_000 });
        assert(
          /Drew on:\s+\S/.test((await answer.locator("[data-drew-on]").textContent()) ?? ""),
          "the answer names its sources",
        );
      } finally {
        fetches.stop();
      }
    },
  );

  await h.test("15.4 the first look on a phone (Chat tab), axe-clean", async () => {
    await page.setViewportSize(VIEWPORTS.phone);
    const { chat } = regions(page);
    await page.goto(notebookUrl);
    await chat.getByRole("button", { name: /New conversation/ }).click();
    const overview = chat.locator('[data-panel="overview"]');
    await overview.locator('[data-action="ask-suggested"]').first().waitFor();
    await overview.scrollIntoViewIfNeeded();
    await expectNoSeriousViolations(page, "first look (phone)");
    await page.setViewportSize(VIEWPORTS.desktop);
  });
}
