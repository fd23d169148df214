#!/usr/bin/env node
// `npm run test:e2e`: builds the web app, starts both Workers on a free port with a fresh local D1, and
// drives Debian's Chromium through the student's flows; axe-core checks the main pages; screenshots of
// each main screen at phone and desktop widths go to artifacts/screenshots/. Always stops the servers.
//
// The flows live in their own modules, in groups run in this order. `E2E_ONLY=notes,overview` runs only the
// groups named (comma-separated; `main` names the first nine). The groups of `main` build on each other
// (study and concepts use the notebook the notebooks group made); the others stand alone.
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { accountFlows } from "./account-flows.mjs";
import { sessionFlows, signUpFlows } from "./auth-flows.mjs";
import { launchBrowser } from "./browser.mjs";
import { chatScrollFlows } from "./chat-scroll.mjs";
import { ARTIFACTS, expectNoSeriousViolations, hasAskRoute, SHOTS, shoot } from "./checks.mjs";
import { checkConceptMap, checkMultiDocumentMap } from "./concept-map.mjs";
import { assertEqual, createHarness } from "./harness.mjs";
import { cleanupFlows, notebookFlows } from "./notebook-flows.mjs";
import { notesFlows, overviewFlows } from "./notes.mjs";
import { ocrFlows } from "./ocr.mjs";
import { checkDocsOffline, checkPartnerUpload, recordCspViolations } from "./security.mjs";
import { buildWeb, startStack } from "./stack.mjs";
import { studyFlows } from "./study-flows.mjs";
import { UPLOAD_BURST, uploadBurstFlows } from "./upload-burst.mjs";
import { workspaceFlows } from "./workspace.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const MAIN = ["auth", "notebooks", "uploads", "security", "study", "concepts", "cleanup", "account", "session"];

/** Which groups run: all of them, or those E2E_ONLY names. */
function selectedGroups(only = process.env.E2E_ONLY) {
  if (!only) return null;
  const names = only.split(",").flatMap((n) => (n.trim() === "main" ? MAIN : [n.trim()]));
  return new Set(names.filter(Boolean));
}

const started = Date.now();
let stack;
let browser;
let exitCode = 1;

try {
  await rm(SHOTS, { recursive: true, force: true });
  await rm(path.join(ARTIFACTS, "failures"), { recursive: true, force: true });
  await mkdir(SHOTS, { recursive: true });

  if (!process.env.E2E_SKIP_BUILD) {
    console.log("→ building the web app");
    buildWeb();
  }
  console.log("→ starting web + api + ingest Workers (fresh local D1)");
  stack = await startStack({
    log: process.env.E2E_VERBOSE ? (t) => process.stdout.write(t) : undefined,
    // E2E_PORT: a fixed port (several checkouts on one machine); otherwise a free one.
    port: process.env.E2E_PORT ? Number(process.env.E2E_PORT) : undefined,
    uploadBurst: UPLOAD_BURST,
  });
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
  const ctx = {
    h,
    page,
    context: browser.context,
    base,
    askAvailable,
    consoleErrors,
    shoot,
    expectNoSeriousViolations,
    student: { name: "Ana Souza", email: `ana-${Date.now()}@example.test`, password: "correct horse battery staple" },
    /** Set by the sign-up flow; `signIn` signs the student up when that group did not run. */
    signedIn: false,
    state: { notebookUrl: "" },
    async signIn() {
      if (ctx.signedIn) return page.goto(`${base}/notebooks`);
      await page.goto(`${base}/sign-up`, { waitUntil: "networkidle" });
      await page.getByLabel("Your name").fill(ctx.student.name);
      await page.getByLabel("Email").fill(ctx.student.email);
      await page.getByLabel("Password").fill(ctx.student.password);
      await page.getByRole("button", { name: "Create account" }).click();
      await page.waitForURL(`${base}/notebooks`);
      ctx.signedIn = true;
    },
  };

  const groups = [
    ["auth", () => signUpFlows(ctx)],
    ["notebooks", () => notebookFlows(ctx)],
    [
      "uploads",
      async () => {
        await ctx.signIn();
        await uploadBurstFlows(ctx);
      },
    ],
    [
      "security",
      async () => {
        await h.test("a partner uploads multipart through the public /api URL with an API key and no Origin", () =>
          checkPartnerUpload(base),
        );
        await h.test("/api/docs renders offline from the app's own pinned assets, CSP clean", () =>
          checkDocsOffline(browser.context, base),
        );
      },
    ],
    ["study", () => studyFlows(ctx)],
    [
      "concepts",
      async () => {
        await h.test(
          "concept map: the report's mind map, tap → passages → source viewer at the page, list view, Ask about this",
          () => checkConceptMap(page, { notebookUrl: ctx.state.notebookUrl, shoot, expectNoSeriousViolations }),
        );
        await h.test("concept map of a notebook of four reports: every report cited, several communities", () =>
          checkMultiDocumentMap(page, { base, shoot }),
        );
      },
    ],
    ["cleanup", () => cleanupFlows(ctx)],
    ["account", () => accountFlows(ctx)],
    ["session", () => sessionFlows(ctx)],
    ["workspace", () => workspaceFlows({ ...ctx, signUp: () => ctx.signIn() })],
    ["chat-scroll", () => chatScrollFlows({ ...ctx, signUp: () => ctx.signIn() })],
    ["ocr", () => ocrFlows({ h, page, base, shoot, signUp: () => ctx.signIn() })],
    ["notes", () => notesFlows(ctx)],
    ["overview", () => overviewFlows(ctx)],
  ];
  const selected = selectedGroups();
  console.log(`→ browser flows${selected ? ` (${[...selected].join(", ")})` : ""}`);
  for (const [name, run] of groups) if (!selected || selected.has(name)) await run();

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
