#!/usr/bin/env node
// `npm run test:e2e`: builds the web app, starts both Workers on a free port with a fresh local D1, and
// drives Debian's Chromium through the student's flows; axe-core checks the main pages; screenshots of
// each main screen at phone and desktop widths go to artifacts/screenshots/. Always stops the servers.
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { launchBrowser, seriousViolations, VIEWPORTS } from "./browser.mjs";
import { checkConceptMap, checkMultiDocumentMap } from "./concept-map.mjs";
import { assert, assertEqual, createHarness } from "./harness.mjs";
import { ocrFlows } from "./ocr.mjs";
import {
  checkDocsOffline,
  checkPageHeaders,
  checkPartnerUpload,
  expectNoCspViolations,
  fillUploadWindow,
  recordCspViolations,
  semesterFiles,
} from "./security.mjs";
import { buildWeb, startStack } from "./stack.mjs";
import { workspaceFlows } from "./workspace.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const ARTIFACTS = path.join(ROOT, "artifacts");
const SHOTS = path.join(ARTIFACTS, "screenshots");
const NTSB_PDF = path.join(ROOT, "workers/api/test/fixtures/ntsb/20080102X00002.pdf");

const started = Date.now();
let stack;
let browser;
let exitCode = 1;

/** `fullPage: false` shoots what the viewport shows; `phoneSetup` runs at phone width first (choose a tab). */
async function shoot(page, name, { dark = false, fullPage = true, phoneSetup } = {}) {
  for (const scheme of dark ? ["light", "dark"] : ["light"]) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [label, size] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(size);
      if (label === "phone") await phoneSetup?.();
      await page.evaluate(() => document.fonts?.ready);
      const suffix = scheme === "dark" ? `-dark-${label}` : `-${label}`;
      await page.screenshot({ path: path.join(SHOTS, `${name}${suffix}.png`), fullPage });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize(VIEWPORTS.desktop);
}

async function expectNoSeriousViolations(page, label) {
  // Every page checked for accessibility is checked for CSP violations too (issue 13).
  await expectNoCspViolations(page, label);
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    const violations = await seriousViolations(page);
    assert(
      violations.length === 0,
      `axe found serious/critical violations on ${label} (${scheme}):\n${JSON.stringify(violations, null, 2)}`,
    );
  }
  await page.emulateMedia({ colorScheme: "light" });
}

/** Focus moves after the page updates: wait for it rather than racing it. */
async function expectFocus(page, predicate, arg, message) {
  try {
    await page.waitForFunction(predicate, arg, { timeout: 3_000 });
  } catch {
    const active = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
    throw new Error(`assertion failed: ${message} (focus is on ${active})`);
  }
}

const text = async (locator) => ((await locator.textContent()) ?? "").trim();

/** Whether this server has the answers API (the ask route is in its OpenAPI document). */
async function hasAskRoute(base) {
  try {
    const response = await fetch(`${base}/api/v1/openapi.json`);
    const paths = response.ok ? Object.keys((await response.json()).paths ?? {}) : [];
    return paths.some((p) => /^\/v1\/notebooks\/\{[^}]+\}\/ask$/.test(p));
  } catch {
    return false;
  }
}

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

try {
  await rm(SHOTS, { recursive: true, force: true });
  await rm(path.join(ARTIFACTS, "failures"), { recursive: true, force: true });
  await mkdir(SHOTS, { recursive: true });

  if (!process.env.E2E_SKIP_BUILD) {
    console.log("→ building the web app");
    buildWeb();
  }
  console.log("→ starting web + api Workers (fresh local D1)");
  stack = await startStack({ log: process.env.E2E_VERBOSE ? (t) => process.stdout.write(t) : undefined });
  const base = stack.baseUrl;
  console.log(`  up at ${base}`);
  const askAvailable = await hasAskRoute(base);
  console.log(`  ask API: ${askAvailable ? "present" : "absent (the ask → citation step will be skipped)"}`);

  browser = await launchBrowser();
  await recordCspViolations(browser.context);
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  const consoleErrors = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(`${message.text()} (${message.location()?.url ?? "?"})`);
  });
  page.on("pageerror", (error) => consoleErrors.push(String(error)));

  const h = createHarness({ artifacts: ARTIFACTS });
  h.usePage(page);
  const student = {
    name: "Ana Souza",
    email: `ana-${Date.now()}@example.test`,
    password: "correct horse battery staple",
  };
  let notebookUrl = "";

  console.log("→ browser flows");

  const only = process.env.E2E_ONLY;
  const signUpFresh = async () => {
    await page.goto(`${base}/sign-up`, { waitUntil: "networkidle" });
    await page.getByLabel("Your name").fill(student.name);
    await page.getByLabel("Email").fill(student.email);
    await page.getByLabel("Password").fill(student.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(`${base}/notebooks`);
  };
  if (!only) await mainFlows();

  if (!only || only === "workspace")
    await workspaceFlows({
      h,
      page,
      shoot,
      expectNoSeriousViolations,
      consoleErrors,
      signUp: async () => {
        if (only !== "workspace") return page.goto(`${base}/notebooks`);
        await signUpFresh();
      },
    });

  if (!only || only === "ocr") {
    await ocrFlows({
      h,
      page,
      base,
      shoot,
      signUp: async () => (only === "ocr" ? signUpFresh() : page.goto(`${base}/notebooks`)),
    });
  }

  async function mainFlows() {
    await h.test("landing page renders, negotiates the language and has no serious a11y violations", async () => {
      await page.goto(`${base}/`);
      assertEqual(await text(page.locator("h1")), "studyAI", "landing heading");
      assert(await page.getByText("All systems working").isVisible(), "service status is shown");
      await expectNoSeriousViolations(page, "landing");
      await shoot(page, "landing");
      const spanish = await (
        await fetch(`${base}/sign-in`, { headers: { "accept-language": "es-MX,es;q=0.9" } })
      ).text();
      assert(
        spanish.includes('<html lang="es">') && spanish.includes("Iniciar sesión"),
        "Accept-Language es → Spanish",
      );
    });

    await h.test(
      "pages carry a nonce CSP, frame-ancestors 'none', X-Frame-Options DENY, nosniff, Referrer-Policy",
      () => checkPageHeaders(base),
    );

    await h.test("a guessable password is refused with a message a student understands", async () => {
      await page.goto(`${base}/sign-up`);
      await page.getByLabel("Your name").fill("Ana");
      await page.getByLabel("Email").fill(`weak-${Date.now()}@example.test`);
      await page.getByLabel("Password").fill("12345678");
      await page.getByRole("button", { name: "Create account" }).click();
      await page.getByText("This password is too easy to guess.", { exact: false }).waitFor();
      assertEqual(await page.getByLabel("Password").getAttribute("aria-invalid"), "true", "password marked invalid");
      assertEqual(page.url(), `${base}/sign-up`, "still on sign-up: no account created");
    });

    await h.test("sign-up validates fields in place and moves focus to the first invalid one", async () => {
      await page.goto(`${base}/sign-up`);
      await page.getByLabel("Your name").fill("Ana");
      await page.getByLabel("Email").fill("not-an-email");
      await page.getByLabel("Password").fill("short");
      await page.getByRole("button", { name: "Create account" }).click();
      await page.getByText("Enter an email address like name@example.com.").waitFor();
      assertEqual(await page.getByLabel("Email").getAttribute("aria-invalid"), "true", "email marked invalid");
      assert(await page.getByText("Use at least 8 characters.").isVisible(), "password error shown");
      await expectFocus(
        page,
        () => document.activeElement?.getAttribute("name") === "email",
        null,
        "focus on the first invalid field",
      );
      await shoot(page, "sign-up-errors");
    });

    await h.test("sign up → signed in on an empty notebooks list, session only in an HttpOnly cookie", async () => {
      await page.goto(`${base}/sign-up`);
      await shoot(page, "sign-up");
      await page.getByLabel("Your name").fill(student.name);
      await page.getByLabel("Email").fill(student.email);
      await page.getByLabel("Password").fill(student.password);
      await page.getByRole("button", { name: "Create account" }).click();
      await page.waitForURL(`${base}/notebooks`);
      assertEqual(await text(page.locator("h1")), "Your notebooks", "notebooks heading");
      assert(await page.getByText("No notebooks yet").isVisible(), "empty state shown");
      await shoot(page, "notebooks-empty");

      const cookies = await browser.context.cookies(base);
      const session = cookies.find((c) => c.name.endsWith("better-auth.session_token"));
      assert(session, `session cookie set (got ${cookies.map((c) => c.name).join(", ")})`);
      assert(session.httpOnly, "session cookie is HttpOnly");
      assertEqual(session.sameSite, "Lax", "session cookie SameSite");
      assertEqual(session.path, "/", "session cookie Path");
      // SvelteKit keeps scroll positions in sessionStorage; no storage may hold the token or anything like it.
      const storage = await page.evaluate(() => ({
        stored: [localStorage, sessionStorage].flatMap((s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`)),
        cookie: document.cookie,
      }));
      const token = decodeURIComponent(session.value).split(".")[0];
      assert(
        !storage.stored.some((entry) => entry.includes(token) || /token|auth/i.test(entry)),
        `no token in web storage (found ${storage.stored.join("; ")})`,
      );
      assert(!storage.cookie.includes("session_token"), "session token not readable from script");
    });

    await h.test("create a notebook", async () => {
      await page.getByLabel("New notebook").fill("Aviation safety");
      await page.getByRole("button", { name: "Create", exact: true }).click();
      await page.getByRole("link", { name: "Aviation safety" }).waitFor();
      assert(await page.getByText("Notebook “Aviation safety” created.").isVisible(), "creation announced");
      assertEqual(await page.getByLabel("New notebook").inputValue(), "", "create field cleared");
      await page.getByLabel("New notebook").fill("Organic chemistry");
      await page.getByRole("button", { name: "Create", exact: true }).click();
      await page.getByRole("link", { name: "Organic chemistry" }).waitFor();
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
      notebookUrl = page.url();
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

    await h.test(
      "choosing 30 files at once shows the queue, waits out the upload burst limit, and all reach ready",
      async () => {
        await page.goto(`${base}/notebooks`);
        await page.getByRole("link", { name: "Organic chemistry" }).click();
        await page.waitForURL(/\/notebooks\/nb_/);
        const sources = page.getByRole("region", { name: "Sources" });
        const errorsBefore = consoleErrors.length;
        const files = await semesterFiles(30);
        await fillUploadWindow(base, browser.context);
        await sources.locator('input[type="file"]').setInputFiles(files);
        await sources.locator("[data-upload-queue]").waitFor();
        await sources
          .locator("[data-upload-summary]")
          .getByText(/of 30 files added/)
          .waitFor();
        // The burst window is full: the first files meet a 429, wait for Retry-After and go up on their own.
        await sources.locator('[data-upload-state="waiting"]').first().waitFor({ timeout: 20_000 });
        await sources
          .getByText(/the server asked us to slow down/)
          .first()
          .waitFor();
        await sources.locator("[data-upload-queue]").waitFor({ state: "detached", timeout: 60_000 });
        const rows = sources.getByRole("listitem").filter({ hasText: /lecture-\d+/ });
        for (let i = 1; i <= 30; i++) {
          const row = rows.filter({ hasText: new RegExp(`lecture-${i}-\\d+`) });
          await row.getByText("Ready", { exact: true }).waitFor({ timeout: 60_000 });
        }
        assertEqual(await rows.count(), 30, "every chosen file is a source");
        // Chromium logs each 429 the queue waited out as a failed load: expected here, not a script error.
        const unexpected = consoleErrors.splice(errorsBefore).filter((m) => !m.includes("status of 429"));
        consoleErrors.push(...unexpected);
        await expectNoSeriousViolations(page, "notebook with a finished upload queue");
      },
    );

    await h.test("a partner uploads multipart through the public /api URL with an API key and no Origin", () =>
      checkPartnerUpload(base),
    );

    await h.test("/api/docs renders offline from the app's own pinned assets, CSP clean", () =>
      checkDocsOffline(browser.context, base),
    );

    await h.test(
      "study panel: write a card → 1 due → Space flips → 3 rates Good → done, next due; no model: generation disabled",
      async () => {
        await page.goto(notebookUrl);
        const study = page.getByRole("region", { name: "Study" });
        const summary = study.locator("[data-due-summary]");
        assertEqual(await text(summary), "No cards due today", "nothing due before the first card");
        assert(
          await study.locator('[data-state="review-done"]').getByText("Nothing to review right now").isVisible(),
          "empty state",
        );
        assert(await study.getByText("Keyboard:").isVisible(), "shortcuts documented on screen");

        await study.getByLabel("Front (question)").fill("Who investigates civil aviation accidents in the US?");
        await study.getByLabel("Back (answer)").fill("The National Transportation Safety Board (NTSB)");
        await study.getByRole("button", { name: "Add card" }).click();
        await summary.getByText("1 card due today").waitFor();
        const card = study.locator("[data-card]");
        await card.getByText("Who investigates civil aviation accidents in the US?").waitFor();
        assertEqual(await card.locator("[data-back]").count(), 0, "back hidden before flipping");

        await study.locator("[data-front]").focus();
        await page.keyboard.press("Space");
        await card.locator("[data-back]").getByText("National Transportation Safety Board").waitFor();
        await expectFocus(
          page,
          () => document.activeElement?.hasAttribute("data-back"),
          undefined,
          "focus on the answer",
        );
        await expectNoSeriousViolations(page, "study (answer shown)");
        await shoot(page, "study-card", { dark: true });

        await page.keyboard.press("3");
        const done = study.locator('[data-state="review-done"]');
        await done.getByText("All done for now").waitFor();
        await expectFocus(
          page,
          () => document.activeElement?.getAttribute("data-state") === "review-done",
          undefined,
          "focus on the done state",
        );
        const nextDue = await text(done.locator("[data-next-due]"));
        assert(/^Next card due in \d+ minutes? \(.+\)$/.test(nextDue), `next due time shown (got "${nextDue}")`);
        assert(
          /due again in \d+ minutes?/.test(await text(study.locator("[data-last-review]"))),
          "last rating's next due shown",
        );

        // No language model locally: the server says so in /health/ready, so generation is offered disabled,
        // with the reason beside it, and no card or quiz is invented.
        await study
          .locator("[data-generate-blocked]")
          .getByText("No language model is configured on this server")
          .waitFor();
        assert(await study.getByRole("button", { name: "Generate flashcards" }).isDisabled(), "cards disabled");
        assert(await study.getByRole("button", { name: "Generate a quiz" }).isDisabled(), "quiz disabled");
        assert(await study.getByRole("button", { name: "Create study guide" }).isDisabled(), "guide disabled");
        assert(await study.getByText("No quizzes yet.").isVisible(), "no quiz invented");
        await expectNoSeriousViolations(page, "study");
        await shoot(page, "study", { dark: true });
      },
    );

    await h.test(
      "concept map: the report's mind map, tap → passages → source viewer at the page, list view, Ask about this",
      () => checkConceptMap(page, { notebookUrl, shoot, expectNoSeriousViolations }),
    );

    await h.test("concept map of a notebook of four reports: every report cited, several communities", () =>
      checkMultiDocumentMap(page, { base, shoot }),
    );

    await h.test("remove the source after confirming", async () => {
      await page.goto(notebookUrl);
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
      assertEqual(
        await page.getByRole("link", { name: "NTSB accident reports" }).count(),
        0,
        "still gone after reload",
      );
      assert(await page.getByRole("link", { name: "Organic chemistry" }).isVisible(), "the other notebook stays");
      const errorsBefore = consoleErrors.length;
      const gone = await page.goto(notebookUrl);
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

    await h.test("account page: usage against quotas", async () => {
      await page.goto(`${base}/account`);
      assert(await page.getByText(`Signed in as ${student.email}`).isVisible(), "account shows the email");
      const usage = page.getByRole("region", { name: "Usage and limits" });
      assert(await usage.getByText(/^Plan: (Free|Pro)$/).isVisible(), "plan shown");
      for (const quota of ["Questions", "Study tools generated", "Pages read"]) {
        assert(await usage.getByRole("meter", { name: quota }).isVisible(), `${quota} meter`);
      }
      assert(
        await usage
          .getByText(/^\d[\d,]* of \d[\d,]*$/)
          .first()
          .isVisible(),
        "used of limit",
      );
      await expectNoSeriousViolations(page, "account");
      await shoot(page, "account", { dark: true });
    });

    await h.test(
      "API keys: create with scopes (secret shown once, copy), it works, list, revoke after confirming",
      async () => {
        const keys = page.getByRole("region", { name: "API keys" });
        assert(await keys.getByText("No API keys yet.").isVisible(), "empty list");
        // Refused in place: no scope chosen.
        await keys.getByLabel("Key name").fill("School LMS");
        await keys.getByRole("checkbox", { name: /^Read/ }).uncheck();
        await keys.getByRole("button", { name: "Create key" }).click();
        await keys.getByText("Choose at least one permission.").waitFor();
        await keys.getByRole("checkbox", { name: /^Read/ }).check();
        await keys.getByRole("checkbox", { name: /^Ask/ }).check();
        await keys.getByRole("button", { name: "Create key" }).click();
        const secretBox = keys.locator("[data-secret]");
        await secretBox.getByText("Copy your new key now").waitFor();
        assert(await secretBox.getByText("This is the only time it is shown.").isVisible(), "shown-once warning");
        await expectFocus(
          page,
          () => document.activeElement?.hasAttribute("data-secret"),
          null,
          "focus on the new key",
        );
        const secret = await secretBox.getByLabel("New API key “School LMS”").inputValue();
        assert(/^sk_\w{20,}/.test(secret), `secret looks like a key (got ${secret.slice(0, 6)}…)`);
        await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
        await secretBox.getByRole("button", { name: "Copy key" }).click();
        await secretBox.getByText(/Copied to the clipboard\.|Copying didn't work/).waitFor();
        await expectNoSeriousViolations(page, "account with a new key");
        await shoot(page, "account-new-key");
        // The key is a real credential for the API.
        const withKey = await fetch(`${base}/api/v1/notebooks`, { headers: { authorization: `Bearer ${secret}` } });
        assertEqual(withKey.status, 200, "the new key reads notebooks");
        await secretBox.getByRole("button", { name: "I've saved it" }).click();
        await secretBox.waitFor({ state: "detached" });
        const item = keys.getByRole("listitem").filter({ hasText: "School LMS" });
        assert(await item.getByText(secret.slice(0, 8)).isVisible(), "listed by its prefix");
        await page.reload();
        assert(!(await page.content()).includes(secret), "the secret is never shown again");
        await item.getByRole("button", { name: "Revoke “School LMS”" }).click();
        const dialog = page.getByRole("dialog", { name: "Revoke this key?" });
        await dialog.getByRole("button", { name: "Cancel" }).click();
        await dialog.waitFor({ state: "hidden" });
        assert(await item.isVisible(), "cancel keeps the key");
        await item.getByRole("button", { name: "Revoke “School LMS”" }).click();
        await dialog.getByRole("button", { name: "Revoke key" }).click();
        await item.waitFor({ state: "detached" });
        await keys.getByText("Key “School LMS” revoked.").waitFor({ state: "attached" });
        const revoked = await fetch(`${base}/api/v1/notebooks`, { headers: { authorization: `Bearer ${secret}` } });
        assertEqual(revoked.status, 401, "a revoked key is refused");
        await page.reload();
        assert(await keys.getByText("No API keys yet.").isVisible(), "revoked for good");
      },
    );

    await h.test("sign out; signed-in pages then ask to sign in", async () => {
      await page.goto(`${base}/account`);
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL(`${base}/sign-in?signedOut=1`);
      assert(await page.getByText("You are signed out.").isVisible(), "signed-out notice");
      const cookies = await browser.context.cookies(base);
      assert(!cookies.some((c) => c.name.endsWith("session_token")), "session cookie removed");
      await page.goto(`${base}/notebooks`);
      await page.waitForURL(`${base}/sign-in?next=%2Fnotebooks`);
      assert(await page.getByText("Please sign in to continue.").isVisible(), "asked to sign in");
    });

    await h.test("sign in: a wrong password is explained, the right one returns to the page asked for", async () => {
      await expectNoSeriousViolations(page, "sign-in");
      await shoot(page, "sign-in");
      await page.getByLabel("Email").fill(student.email);
      await page.getByLabel("Password").fill("not the password");
      await page.getByRole("button", { name: "Sign in" }).click();
      const alert = page.getByRole("alert");
      await alert.getByText("That email and password don't match an account.").waitFor();
      await expectFocus(
        page,
        () => document.activeElement?.hasAttribute("data-form-error"),
        null,
        "focus on the error",
      );
      await page.getByLabel("Password").fill(student.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(`${base}/notebooks`);
      assert(await page.getByRole("link", { name: "Organic chemistry" }).isVisible(), "same account, same notebooks");
    });

    await h.test("switching the language to pt-BR shows Portuguese everywhere and sticks", async () => {
      await page.goto(`${base}/account`);
      await page.getByRole("main").getByRole("combobox", { name: "Language" }).selectOption("pt-BR");
      await page.getByRole("button", { name: "Save language" }).click();
      await page.getByRole("heading", { level: 1, name: "Conta" }).waitFor();
      assertEqual(await page.evaluate(() => document.documentElement.lang), "pt-BR", "<html lang>");
      assert(await page.getByText("Idioma salvo.").isVisible(), "saved, in Portuguese");
      await page.goto(`${base}/notebooks`);
      assertEqual(await text(page.locator("h1")), "Seus cadernos", "notebooks in Portuguese");
      assert(await page.getByRole("button", { name: "Criar", exact: true }).isVisible(), "buttons in Portuguese");
      await shoot(page, "notebooks-pt-BR");
      // The footer switcher (a plain form) goes back to English.
      await page.getByRole("contentinfo").getByRole("combobox").selectOption("en");
      await page.locator("footer").getByRole("button").click();
      await page.getByRole("heading", { level: 1, name: "Your notebooks" }).waitFor();
    });
  }

  await h.test("no script errors in the browser console", async () => {
    assertEqual(consoleErrors.length, 0, `console errors:\n${consoleErrors.join("\n")}`);
  });

  const { passed, failed } = h.summary();
  console.log(`\nscreenshots: ${path.relative(ROOT, SHOTS)}/  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  console.log(`E2E: ${passed} passed, ${failed} failed`);
  exitCode = failed === 0 ? 0 : 1;
} catch (error) {
  console.error(`\n✗ e2e run aborted: ${error?.stack ?? error}`);
  console.log("E2E: 0 passed, 1 failed");
  exitCode = 1;
} finally {
  await browser?.close();
  await stack?.stop();
}
process.exit(exitCode);
