// Many files at once against the upload burst limit (issue 15.3): the queue meets a real 429 from the
// server's limiter, waits the Retry-After it was given, and every file reaches ready.
//
// Deterministic on any machine: the e2e stack runs the API with a small burst (UPLOAD_BURST uploads per
// 10 s window, see startStack's `uploadBurst`), and the flow fills the student's window from outside the
// browser right after a window opens, so the first files chosen meet a 429 however slowly the server
// answers. The 429s stay the server's own; only their Retry-After is raised to RETRY_AFTER_S on the way to
// the page (at the response stage, the upload itself untouched), above the queue's 10 s default, so a queue that ignored the header fails the wait check.
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { expectNoSeriousViolations } from "./checks.mjs";
import { assert, assertEqual } from "./harness.mjs";

/** Uploads per burst window on the e2e stack (wrangler.toml says 20 per 10 s). */
export const UPLOAD_BURST = 6;
/** The limiter's window (wrangler.toml's period; miniflare aligns the windows to the wall clock). */
const WINDOW_MS = 10_000;
/** What the page is told to wait after a 429: not the queue's own default of 10 s. */
const RETRY_AFTER_S = 12;
const FILES = 30;

/** Writes `count` small distinct text files for the picker; answers their paths. */
export async function semesterFiles(count) {
  const paths = [];
  for (let i = 1; i <= count; i++) {
    const file = path.join(tmpdir(), `studyai-e2e-lecture-${i}-${process.pid}.txt`);
    await writeFile(file, `Lecture ${i}. The citric acid cycle runs in the mitochondrial matrix (${Date.now()}).\n`);
    paths.push(file);
  }
  return paths;
}

/**
 * Fills the student's upload burst window from outside the browser: waits for a window to open, sends more
 * uploads than the burst at once, and answers once one was refused with enough of the window left for the
 * browser's first upload to land in it too (twice the time the filling took). Throws if it never fills.
 */
export async function fillUploadWindow(base, context) {
  const cookie = (await context.cookies(base)).map((c) => `${c.name}=${c.value}`).join("; ");
  const headers = { cookie, origin: base };
  const created = await fetch(`${base}/api/v1/notebooks`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({ title: "Burst filler" }),
  });
  assertEqual(created.status, 201, "filler notebook created");
  const notebookId = (await created.json()).id;
  const statuses = [];
  for (let round = 0; round < 5; round++) {
    await sleep(WINDOW_MS - (Date.now() % WINDOW_MS) + 50);
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: UPLOAD_BURST + 2 }, (_, i) => {
        const form = new FormData();
        const name = `filler-${round}-${i}.txt`;
        form.set("file", new File([`filler ${round}-${i} ${Date.now()}`], name, { type: "text/plain" }));
        return fetch(`${base}/api/v1/notebooks/${notebookId}/documents`, { method: "POST", headers, body: form });
      }),
    );
    statuses.push(answers.map((res) => res.status).join(","));
    const took = Date.now() - started;
    const left = WINDOW_MS - (Date.now() % WINDOW_MS);
    if (answers.some((res) => res.status === 429) && left > 2 * took) return;
  }
  throw new Error(`the upload burst window never filled (answers per round: ${statuses.join(" | ")})`);
}

/** Records every upload row's state changes in the page (row id, state, time), read back by `uploadStates`. */
async function recordUploadStates(page) {
  await page.evaluate(() => {
    const rows = new WeakMap();
    const seen = [];
    let next = 0;
    const note = (li) => {
      if (!rows.has(li)) rows.set(li, next++);
      seen.push({ row: rows.get(li), state: li.getAttribute("data-upload-state"), at: performance.now() });
    };
    new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === "attributes") note(record.target);
        for (const node of record.addedNodes) {
          if (!(node instanceof Element)) continue;
          for (const li of [node, ...node.querySelectorAll("li")]) if (li.matches("li[data-upload-state]")) note(li);
        }
      }
    }).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["data-upload-state"],
    });
    window.__uploadStates = seen;
  });
}

/** For each row that waited after a 429: how long it waited before it was sent again (ms). */
async function waitsBeforeRetry(page) {
  const seen = await page.evaluate(() => window.__uploadStates);
  const waits = [];
  const waitingSince = new Map();
  for (const { row, state, at } of seen) {
    if (state === "waiting" && !waitingSince.has(row)) waitingSince.set(row, at);
    if (state === "uploading" && waitingSince.has(row)) {
      waits.push(at - waitingSince.get(row));
      waitingSince.delete(row);
    }
  }
  return waits;
}

export async function uploadBurstFlows({ h, page, context, base, consoleErrors }) {
  await h.test(
    `choosing ${FILES} files at once shows the queue, meets the burst limit's 429, waits its Retry-After, all reach ready`,
    async () => {
      await page.goto(`${base}/notebooks`);
      await page.getByLabel("New notebook").fill("Semester uploads");
      await page.getByRole("button", { name: "Create", exact: true }).click();
      await page.waitForURL(/\/notebooks\/nb_/);
      const sources = page.getByRole("region", { name: "Sources" });
      const errorsBefore = consoleErrors.length;
      const files = await semesterFiles(FILES);
      // At the response stage (the upload itself goes through untouched), through the DevTools protocol.
      const cdp = await context.newCDPSession(page);
      let refused = 0;
      cdp.on("Fetch.requestPaused", async ({ requestId, request, responseStatusCode, responseHeaders }) => {
        if (request.method !== "POST" || responseStatusCode !== 429) {
          return cdp.send("Fetch.continueResponse", { requestId }).catch(() => {});
        }
        refused += 1;
        const headers = responseHeaders.filter((header) => header.name.toLowerCase() !== "retry-after");
        headers.push({ name: "retry-after", value: String(RETRY_AFTER_S) });
        return cdp
          .send("Fetch.continueResponse", { requestId, responseCode: 429, responseHeaders: headers })
          .catch(() => {});
      });
      await cdp.send("Fetch.enable", {
        patterns: [{ urlPattern: "*/api/v1/notebooks/*/documents", requestStage: "Response" }],
      });
      try {
        await recordUploadStates(page);
        await fillUploadWindow(base, context);
        await sources.locator('input[type="file"]').setInputFiles(files);
        await sources.locator("[data-upload-queue]").waitFor();
        await sources
          .locator("[data-upload-summary]")
          .getByText(new RegExp(`of ${FILES} files added`))
          .waitFor();
        // The window is full: the first files meet a 429, wait for Retry-After and go up on their own.
        await sources.locator('[data-upload-state="waiting"]').first().waitFor({ timeout: 20_000 });
        await sources
          .getByText(/the server asked us to slow down/)
          .first()
          .waitFor();
        await sources.locator("[data-upload-queue]").waitFor({ state: "detached", timeout: 240_000 });
      } finally {
        await cdp.send("Fetch.disable").catch(() => {});
        await cdp.detach().catch(() => {});
      }
      assert(refused >= 1, "the server's burst limiter refused at least one of the browser's uploads");
      const waits = await waitsBeforeRetry(page);
      assert(waits.length >= 1, "at least one file waited and was sent again");
      const shortest = Math.min(...waits);
      console.log(
        `      (${refused} uploads refused with 429; ${waits.length} retries, shortest wait ${Math.round(shortest)} ms)`,
      );
      assert(
        shortest >= RETRY_AFTER_S * 1000 - 250,
        `every refused file waited the ${RETRY_AFTER_S} s Retry-After before its next try (shortest ${Math.round(shortest)} ms of ${waits.length})`,
      );
      const rows = sources.getByRole("listitem").filter({ hasText: /lecture-\d+/ });
      for (let i = 1; i <= FILES; i++) {
        const row = rows.filter({ hasText: new RegExp(`lecture-${i}-\\d+`) });
        await row.getByText("Ready", { exact: true }).waitFor({ timeout: 60_000 });
      }
      assertEqual(await rows.count(), FILES, "every chosen file is a source");
      // Chromium logs each 429 the queue waited out as a failed load: expected here, not a script error.
      const unexpected = consoleErrors.splice(errorsBefore).filter((m) => !m.includes("status of 429"));
      consoleErrors.push(...unexpected);
      await expectNoSeriousViolations(page, "notebook with a finished upload queue");
    },
  );
}
