// Issue 19, "a 300-page scanned book stays within Workflow step limits": a book made here (300 pages, each
// one small JPEG scan drawn over the whole page, so every page is detected as scanned) goes through the real
// IngestDocument Workflow with the mock vision model at the OCR seam. The test walks the run's steps by the
// names the Workflow gives them and checks every result against Cloudflare's Workflows limits (checked in
// their docs, Limits page, June 2026): a non-stream step result ≤ 1 MiB, ≤ 1,024 steps on Workers Free and
// 10,000 by default on Paid, instance state ≤ 100 MB (Free) / 1 GB (Paid). CPU per step is measured by
// `npm run bench:ocr` (no timing is asserted here).

import { introspectWorkflowInstance, type WorkflowInstanceIntrospector } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { LanguageModelV4CallOptions } from "@ai-sdk/provider";
import { MockLanguageModelV4 } from "ai/test";
import { afterEach, describe, expect, it } from "vitest";
import { contentOfDocument } from "../../test/content-of";
import { deliver, keywordHits, stageDocument } from "../../test/ingest-helpers";
import { makePdf, type PdfImage } from "../../test/make-pdf";
import { scanImage } from "../../test/make-scan";
import { embedderFor } from "../embeddings/embedder";
import { OCR_PAGES_PER_STEP, PAGES_PER_STEP } from "../ingest/limits";
import { SCANNED_PAGES_PER_STEP } from "../ingest/scan-pages";
import { getConfig } from "../platform/config";
import { PLANS } from "../usage/plans";
import { overrideOcrReaderForTests } from "./ocr-reader";

/** The book. Every page is a scan, so every page goes through extraction's image path and the OCR steps. */
const BOOK_PAGES = 300;
const MAX_STEP_RESULT_BYTES = 2 ** 20;
const FREE_STEPS_PER_INSTANCE = 1_024;
const FREE_STATE_PER_INSTANCE_BYTES = 100 * 1024 * 1024;

afterEach(() => overrideOcrReaderForTests(undefined));

/** A JPEG carrying `studyai-page:N` in a comment segment (FF FE), so the mock model can tell which page it was sent. */
function tagJpeg(image: PdfImage, page: number): PdfImage {
  const tag = new TextEncoder().encode(`studyai-page:${page}`);
  const segment = new Uint8Array(4 + tag.length);
  segment.set([0xff, 0xfe, (tag.length + 2) >> 8, (tag.length + 2) & 0xff]);
  segment.set(tag, 4);
  const data = new Uint8Array(image.data.length + segment.length);
  data.set(image.data.subarray(0, 2));
  data.set(segment, 2);
  data.set(image.data.subarray(2), 2 + segment.length);
  return { ...image, data };
}

/** `pages` scanned pages: one tiny 10 dpi scan (word blocks and noise), tagged per page, covering each page. */
async function scannedBook(pages: number): Promise<Uint8Array> {
  const scan = await scanImage("jpeg", 10);
  return makePdf(Array.from({ length: pages }, (_, i) => ({ image: tagJpeg(scan, i + 1) })));
}

function pageOfImage(options: LanguageModelV4CallOptions): number {
  for (const message of options.prompt) {
    if (!Array.isArray(message.content)) continue;
    for (const part of message.content as Array<{ type: string; data?: { type: string; data?: unknown } }>) {
      if (part.type !== "file" || part.data?.type !== "data") continue;
      const data = part.data.data;
      const bytes = data instanceof Uint8Array ? data : Uint8Array.from(atob(String(data)), (c) => c.charCodeAt(0));
      const match = /studyai-page:(\d+)/.exec(new TextDecoder("latin1").decode(bytes.subarray(0, 64)));
      if (match) return Number(match[1]);
    }
  }
  throw new Error("the model was sent no tagged page image");
}

/** The mock vision model: reads the page number from the image it is sent and transcribes a page of it. */
function bookReader() {
  const pagesSent: number[] = [];
  const model = new MockLanguageModelV4({
    doGenerate: async (options: LanguageModelV4CallOptions) => {
      const page = pageOfImage(options);
      pagesSent.push(page);
      return {
        content: [
          {
            type: "text",
            text: `Chapter ${Math.ceil(page / 20)}. Light energy converts water and carbon dioxide into glucose. Marker bookpage${page}marker.`,
          },
        ],
        finishReason: { unified: "stop", raw: "stop" },
        usage: {
          inputTokens: { total: 1500, noCache: 1500, cacheRead: 0, cacheWrite: 0 },
          outputTokens: { total: 40, text: 40, reasoning: 0 },
        },
        warnings: [],
      };
    },
  });
  overrideOcrReaderForTests({ model, provider: "test", modelId: "mock-vision" });
  return pagesSent;
}

type Step = { name: string; bytes: number };

/** Each step's result as the engine stored it, by name; fails (instead of hanging) on a step that never ran. */
async function stepResult(instance: WorkflowInstanceIntrospector, name: string, steps: Step[]): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const missing = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`step "${name}" did not run`)), 5_000);
  });
  try {
    const result = await Promise.race([instance.waitForStepResult({ name }), missing]);
    steps.push({ name, bytes: new TextEncoder().encode(JSON.stringify(result) ?? "").length });
    return result;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Every step of the finished run, walked in the Workflow's order with the names it gives them (the extraction
 * steps follow each step's `next`, as the Workflow does). Sleeps between vector checks are counted as steps.
 */
async function walkSteps(instance: WorkflowInstanceIntrospector, pageCount: number) {
  const steps: Step[] = [];
  let sleeps = 0;
  const get = (name: string) => stepResult(instance, name, steps);
  for (const name of ["begin", "copy original off-site"]) await get(name);
  // The first extraction step also counts the pages (no separate parse for it); the others follow its `next`.
  const first = (await get("pdf: count and first pages")) as { pages: number; scanned: number; next: number };
  const extraction: Array<{ pages: number; scanned: number }> = [first];
  for (let from = first.next; from <= pageCount; ) {
    const to = Math.min(pageCount, from + PAGES_PER_STEP - 1);
    const result = (await get(`pdf: pages ${from}-${to}`)) as { pages: number; scanned: number; next: number };
    extraction.push(result);
    from = result.next;
  }
  const { pages: scans } = (await get("ocr: plan")) as { pages: number[] };
  const ocr: number[] = [];
  for (let i = 0; i < scans.length; i += OCR_PAGES_PER_STEP) {
    const group = scans.slice(i, i + OCR_PAGES_PER_STEP);
    ocr.push(((await get(`ocr pages ${group[0]}-${group.at(-1)}`)) as { read: number }).read);
  }
  await get("finish pages");
  const { chunkCount } = (await get("chunk")) as { chunkCount: number };
  const batch = embedderFor(env).maxBatch;
  for (let from = 0; from < chunkCount; from += batch) {
    await get(`embed chunks ${from}-${Math.min(chunkCount, from + batch) - 1}`);
  }
  for (let check = 1; (await get(`vectors searchable? ${check}`)) !== "visible"; check++) sleeps++;
  for (const name of ["ready", "notify channel", "concepts: plan"]) await get(name);
  for (let from = 1; from <= pageCount; from += 100) await get(`concepts: pages ${from}-${from + 99}`);
  await get("concepts: graph");
  return { steps, sleeps, extraction, ocr, scans };
}

const count = async (sql: string, ...binds: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...binds)
      .first<{ n: number }>()
  )?.n ?? 0;

describe("a scanned book", () => {
  it(`${BOOK_PAGES} scanned pages are read in bounded steps, each page's text on its page, usage counted (free plan)`, async () => {
    const pdf = await scannedBook(BOOK_PAGES);
    const pagesSent = bookReader();
    const staged = await stageDocument(pdf, "scanned-book.pdf");
    await using instance = await introspectWorkflowInstance(env.INGEST_WORKFLOW, staged.documentId);
    await deliver("ingest", [{ documentId: staged.documentId }]);
    await instance.waitForStatus("complete");
    expect(await instance.getOutput()).toBe("ready");

    const doc = await env.DB.prepare("SELECT status, page_count FROM document WHERE id = ?")
      .bind(staged.documentId)
      .first<{ status: string; page_count: number }>();
    expect(doc).toEqual({ status: "ready", page_count: BOOK_PAGES });

    // Every page read by the model once, its text stored on its own page number.
    const { results: pages } = await (await contentOfDocument(staged.documentId))
      .prepare("SELECT page_number, text, ocr FROM document_page WHERE document_id = ? ORDER BY page_number")
      .bind(staged.documentId)
      .all<{ page_number: number; text: string; ocr: string }>();
    expect(pages).toHaveLength(BOOK_PAGES);
    for (const [i, p] of pages.entries()) {
      expect(p).toMatchObject({ page_number: i + 1, ocr: "provider" });
      expect(p.text).toContain(`bookpage${i + 1}marker`);
    }
    expect([...pagesSent].sort((a, b) => a - b)).toEqual(pages.map((p) => p.page_number));
    // Chunked with their page: a page's marker is found in a chunk that spans that page.
    for (const page of [1, 150, BOOK_PAGES]) {
      expect(await keywordHits(staged.documentId, `bookpage${page}marker`)).toBeGreaterThan(0);
      const spans = await (await contentOfDocument(staged.documentId))
        .prepare("SELECT page_start AS s, page_end AS e FROM chunk WHERE document_id = ? AND text LIKE ?")
        .bind(staged.documentId, `%bookpage${page}marker%`)
        .all<{ s: number; e: number }>();
      expect(spans.results.length).toBeGreaterThan(0);
      for (const span of spans.results) expect(page >= span.s && page <= span.e).toBe(true);
    }

    // The steps: extraction ends a step after SCANNED_PAGES_PER_STEP scans, OCR takes OCR_PAGES_PER_STEP a step.
    const run = await walkSteps(instance, BOOK_PAGES);
    expect(run.extraction.reduce((n, s) => n + s.pages, 0)).toBe(BOOK_PAGES);
    expect(run.extraction.every((s) => s.scanned === s.pages && s.pages <= SCANNED_PAGES_PER_STEP)).toBe(true);
    expect(run.scans).toHaveLength(BOOK_PAGES);
    expect(run.ocr).toHaveLength(Math.ceil(BOOK_PAGES / OCR_PAGES_PER_STEP));
    expect(run.ocr.reduce((n, read) => n + read, 0)).toBe(BOOK_PAGES);
    // Each step returns counts and keys (pages live in D1, images in R2), far below the 1 MiB a result may be.
    const largest = run.steps.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    expect(largest.bytes).toBeLessThan(MAX_STEP_RESULT_BYTES / 64);
    for (const step of run.steps.filter((s) => s.name.startsWith("ocr pages") || s.name.startsWith("pdf: pages"))) {
      expect(step.bytes).toBeLessThan(100);
    }
    // The one result that grows with the book (where each page's JPEG is in the file, returned by the first
    // extraction step) stays small at the page limit.
    const located = run.steps.find((s) => s.name === "pdf: count and first pages")?.bytes ?? Number.POSITIVE_INFINITY;
    expect((located / BOOK_PAGES) * getConfig(env).maxPdfPages).toBeLessThan(MAX_STEP_RESULT_BYTES / 8);
    const total = run.steps.length + run.sleeps;
    expect(total).toBeLessThan(FREE_STEPS_PER_INSTANCE);
    expect(run.steps.reduce((n, s) => n + s.bytes, 0)).toBeLessThan(FREE_STATE_PER_INSTANCE_BYTES / 1000);
    console.log(
      `${BOOK_PAGES}-page scanned book: ${run.extraction.length} extraction steps, ${run.ocr.length} OCR steps, ` +
        `${total} steps in all; largest result ${largest.bytes} B (${largest.name}); PDF ${pdf.length} B`,
    );

    // Usage: 300 model calls recorded as kind `ocr`, and the month's scanned-page counter at 300.
    expect(await count("SELECT count(*) AS n FROM usage_event WHERE user_id = ? AND kind = 'ocr'", staged.userId)).toBe(
      BOOK_PAGES,
    );
    const used = "SELECT used AS n FROM quota_counter WHERE user_id = ? AND metric = 'ocr_pages'";
    expect(await count(used, staged.userId)).toBe(BOOK_PAGES);

    // Free's month is 300 scanned pages: the book takes all of it, so the next scan waits (`ocr-quota`) and
    // its document is still ready; no model call is made for it.
    expect(PLANS.free.ocrPagesPerMonth).toBe(BOOK_PAGES);
    const handout = await stageDocument(await scannedBook(2), "handout.pdf", staged.notebookId, staged);
    await using next = await introspectWorkflowInstance(env.INGEST_WORKFLOW, handout.documentId);
    await deliver("ingest", [{ documentId: handout.documentId }]);
    await next.waitForStatus("complete");
    const waiting = await (await contentOfDocument(handout.documentId))
      .prepare("SELECT ocr, ocr_reason AS reason FROM document_page WHERE document_id = ? ORDER BY page_number")
      .bind(handout.documentId)
      .all<{ ocr: string; reason: string }>();
    expect(waiting.results).toEqual([
      { ocr: "needs-ocr", reason: "ocr-quota" },
      { ocr: "needs-ocr", reason: "ocr-quota" },
    ]);
    expect(pagesSent).toHaveLength(BOOK_PAGES);
    expect(await count(used, staged.userId)).toBe(BOOK_PAGES);
  }, 240_000);

  it("the month's last scanned pages: only what is left is sent to the model, the rest waits (ocr-quota)", async () => {
    const pagesSent = bookReader();
    const staged = await stageDocument(await scannedBook(6), "chapter.pdf");
    // 298 of free's 300 pages used this month: two pages are left.
    const month = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1);
    await env.DB.prepare(
      "INSERT INTO quota_counter (user_id, metric, period_start, used) VALUES (?, 'ocr_pages', ?, ?)",
    )
      .bind(staged.userId, month, PLANS.free.ocrPagesPerMonth - 2)
      .run();
    await using instance = await introspectWorkflowInstance(env.INGEST_WORKFLOW, staged.documentId);
    await deliver("ingest", [{ documentId: staged.documentId }]);
    await instance.waitForStatus("complete");
    const { results } = await (await contentOfDocument(staged.documentId))
      .prepare("SELECT ocr, ocr_reason AS reason FROM document_page WHERE document_id = ? ORDER BY page_number")
      .bind(staged.documentId)
      .all<{ ocr: string; reason: string | null }>();
    expect(results.map((r) => r.ocr)).toEqual(["provider", "provider", ...Array(4).fill("needs-ocr")]);
    expect(results.slice(2).every((r) => r.reason === "ocr-quota")).toBe(true);
    expect(pagesSent.sort((a, b) => a - b)).toEqual([1, 2]);
    expect(
      await count("SELECT used AS n FROM quota_counter WHERE user_id = ? AND metric = 'ocr_pages'", staged.userId),
    ).toBe(PLANS.free.ocrPagesPerMonth);
  });
});
