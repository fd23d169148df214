/**
 * The OCR steps of the ingestion Workflow, between extraction and the page clean-up: the scanned pages
 * (`needs-ocr` with a kept image) are read by the configured vision model a few at a time; without a model
 * they keep `needs-ocr` with the reason the student reads, and the document goes on to `ready` for its text
 * pages. Every model call is recorded as usage (kind `ocr`), under the AI budget guard and the plan's
 * monthly scanned-page quota; a page the model could not read stays `needs-ocr`, never a lost document.
 */
import { generateText } from "ai";
import { and, asc, eq, inArray } from "drizzle-orm";
import { contentOf } from "../content/content-db";
import { type Db, getDb, schema } from "../db";
import { objectPrefix } from "../documents/documents.store";
import { loadDocument, setProgress } from "../documents/lifecycle";
import { pageImageKey } from "../ingest/page-image-key";
import { normalizePageText } from "../ingest/page-text";
import { recordModelCall } from "../models/calls";
import { getConfig } from "../platform/config";
import type { Logger } from "../platform/logger";
import { Problem } from "../platform/problem";
import { aiGuard } from "../usage/budget";
import { planOf } from "../usage/plans";
import { consumeQuota, quotaUsed } from "../usage/quotas";
import { type OcrReader, ocrReaderFor } from "./ocr-reader";
import type { OcrReason } from "./ocr-reasons";

const { documentPage } = schema;

/** Pages of an OCR step (OCR_PAGES_PER_STEP, ingest/limits.ts) sent to the model at once. */
const PAGES_IN_FLIGHT = 4;
/** A dense page is ~1,500 tokens of text; the cap bounds the cost and the stored page (far below 100k chars). */
const MAX_OUTPUT_TOKENS = 4096;

export const OCR_PROMPT =
  "Transcribe all the text in this scanned page exactly as written, in its original language (do not translate). " +
  "Keep paragraph breaks as blank lines; write tables as Markdown tables. Output only the page's text, with no " +
  "comments. If the page has no text, output nothing.";

/** The scanned pages still to read (with their image kept), or none when no model reads scans here. */
export async function planOcr(env: Env, documentId: string): Promise<{ pages: number[] }> {
  const db = getDb(env.DB);
  const { notebookId } = await loadDocument(db, documentId);
  const content = (await contentOf(env, notebookId)).db;
  const waiting = await content
    .select({ page: documentPage.pageNumber, imageType: documentPage.imageType, reason: documentPage.ocrReason })
    .from(documentPage)
    .where(and(eq(documentPage.documentId, documentId), eq(documentPage.ocr, "needs-ocr")))
    .orderBy(asc(documentPage.pageNumber));
  const readable = waiting.filter((p) => p.imageType).map((p) => p.page);
  if (ocrReaderFor(env) && getConfig(env).ops.switches.generation) return { pages: readable };
  await markReason(content, documentId, readable, "no-provider");
  return { pages: [] };
}

async function markReason(content: Db, documentId: string, pages: number[], reason: OcrReason) {
  if (!pages.length) return;
  await content
    .update(documentPage)
    .set({ ocrReason: reason })
    .where(
      and(
        eq(documentPage.documentId, documentId),
        eq(documentPage.ocr, "needs-ocr"),
        inArray(documentPage.pageNumber, pages),
      ),
    );
}

type Row = Awaited<ReturnType<typeof loadDocument>>;

/** Reads one page with the model: its text, or the reason it stays `needs-ocr`. */
async function readPage(env: Env, log: Logger, reader: OcrReader, row: Row, page: number): Promise<OcrReason | null> {
  const object = await env.FILES.get(pageImageKey(objectPrefix(row.notebookId, row.id), page));
  if (!object) return "not-read-yet";
  const mediaType = object.httpMetadata?.contentType ?? "image/png";
  const image = new Uint8Array(await object.arrayBuffer());
  const started = Date.now();
  let result: Awaited<ReturnType<typeof generateText>>;
  try {
    result = await generateText({
      model: reader.model,
      maxOutputTokens: MAX_OUTPUT_TOKENS,
      maxRetries: 1,
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: OCR_PROMPT },
            { type: "file", data: image, mediaType },
          ],
        },
      ],
    });
  } catch (err) {
    log.warn("ocr call failed", {
      page,
      model: reader.modelId,
      error: err instanceof Error ? err.message : String(err),
    });
    return "provider-failed";
  }
  await recordModelCall(env, log, {
    userId: row.ownerId,
    notebookId: row.notebookId,
    kind: "ocr",
    provider: reader.provider,
    model: reader.modelId,
    inputTokens: result.usage.inputTokens ?? 0,
    outputTokens: result.usage.outputTokens ?? 0,
    latencyMs: Date.now() - started,
  });
  const text = normalizePageText(result.text);
  if (!text) return "nothing-recognised";
  const content = (await contentOf(env, row.notebookId)).db;
  await content
    .update(documentPage)
    .set({ text, ocr: "provider", ocrReason: null, ocrWords: null })
    .where(and(eq(documentPage.documentId, row.id), eq(documentPage.pageNumber, page)));
  return null;
}

/** One OCR step: `pages` read by the model, each under the budget guard and the monthly page quota. */
export async function ocrPages(
  env: Env,
  documentId: string,
  pages: number[],
  progress: { done: number; total: number },
  log: Logger,
): Promise<{ read: number }> {
  const db = getDb(env.DB);
  const row = await loadDocument(db, documentId);
  const reader = ocrReaderFor(env);
  const content = (await contentOf(env, row.notebookId)).db;
  const current = await content
    .select({ page: documentPage.pageNumber, ocr: documentPage.ocr })
    .from(documentPage)
    .where(and(eq(documentPage.documentId, documentId), inArray(documentPage.pageNumber, pages)));
  // A retried step skips what an earlier attempt already read.
  const todo = current.filter((p) => p.ocr === "needs-ocr").map((p) => p.page);
  if (!reader) {
    await markReason(content, documentId, todo, "no-provider");
    return { read: 0 };
  }
  const guard = await aiGuard(env.DB, getConfig(env).aiBudget, row.ownerId);
  if (guard.level === "exhausted") {
    await markReason(content, documentId, todo, "ai-budget");
    return { read: 0 };
  }
  const { limits } = await planOf(env.DB, row.ownerId);
  let read = 0;
  // Only as many pages as the month has left are sent to the model: a call is spend even past the quota.
  let left = limits.ocrPagesPerMonth - (await quotaUsed(env.DB, row.ownerId, "ocr_pages", "month", new Date()));
  for (let i = 0; i < todo.length; i += PAGES_IN_FLIGHT) {
    const group = todo.slice(i, i + PAGES_IN_FLIGHT);
    const allowed = group.slice(0, Math.max(0, left));
    await markReason(content, documentId, group.slice(allowed.length), "ocr-quota");
    const outcomes = await Promise.all(allowed.map((page) => readPage(env, log, reader, row, page)));
    for (const [j, reason] of outcomes.entries()) {
      const page = allowed[j] as number;
      if (reason) {
        await markReason(content, documentId, [page], reason);
        continue;
      }
      read++;
      left--;
      // Counted once read (a retried step skips read pages, so nothing is counted twice).
      try {
        await consumeQuota(env.DB, {
          userId: row.ownerId,
          metric: "ocr_pages",
          period: "month",
          limit: limits.ocrPagesPerMonth,
        });
      } catch (err) {
        if (!(err instanceof Problem)) throw err;
        left = 0;
      }
    }
  }
  await setProgress(db, documentId, "extracting", progress.done + pages.length, progress.total);
  return { read };
}
