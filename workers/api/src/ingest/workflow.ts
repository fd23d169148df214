/**
 * IngestDocument: one instance per document (instance id = document id). Steps, each idempotent and each
 * re-checking that the document still exists: begin → copy the original off-site → extract (PDF a page
 * range per step, the first also counting and checking the file) → finish pages → chunk (+ keyword rows) →
 * embed and upsert in batches → wait until the vectors are searchable → ready.
 * A problem with the file ends the document `rejected` (the instance with NonRetryableError, no retry); a
 * temporary problem that outlives the step retries leaves it `failed`, retryable with POST …/retry.
 */
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep, type WorkflowStepConfig } from "cloudflare:workers";
import { NonRetryableError } from "cloudflare:workflows";
import { noticeDocumentSettled } from "../channels/documents-in";
import { extractConcepts } from "../concepts/concept-steps";
import { getDb } from "../db";
import {
  DocumentGone,
  documentExists,
  loadDocument,
  markFailed,
  markReady,
  markRejected,
  setProgress,
} from "../documents/lifecycle";
import { deterministicRejection } from "../documents/rejection";
import { embedderFor } from "../embeddings/embedder";
import { ocrPages, planOcr } from "../ocr/ocr-steps";
import { timedStage } from "../operations/analytics";
import { copyOriginalOffsite } from "../operations/offsite";
import { createLogger, errorFields } from "../platform/logger";
import { beginIngestion } from "./begin";
import { extractFirstPdfPages, extractPdfRange, extractWhole, finishPages } from "./extract-steps";
import { chunkDocument, embedBatch, vectorsVisible } from "./index-steps";
import { OCR_PAGES_PER_STEP, PAGES_PER_STEP } from "./limits";

export type IngestParams = { documentId: string };
/** `done`: there was nothing to do (already ready or rejected); `gone`: deleted while it ran. */
export type IngestResult = "ready" | "done" | "gone";

const VISIBILITY_CHECKS = 10;

/** Transient causes (D1, R2, the embedding provider) get five tries with exponential backoff. */
const STEP: WorkflowStepConfig = {
  retries: { limit: 5, delay: "2 seconds", backoff: "exponential" },
  timeout: "5 minutes",
};

/** What a step returns instead of its value when the document is gone (its own result otherwise). */
const GONE = { documentGone: true } as const;
const isGone = (result: unknown): result is typeof GONE =>
  typeof result === "object" && result !== null && "documentGone" in result;
const stageOutcome = (result: unknown) => (isGone(result) ? "gone" : "ok");

/** True when a write failed because the document (and so the foreign key target) is gone. */
async function failedBecauseGone(env: Env, documentId: string, err: unknown): Promise<boolean> {
  if (err instanceof DocumentGone) return true;
  return (
    /FOREIGN KEY/i.test(String((err as Error)?.message ?? err)) || !(await documentExists(getDb(env.DB), documentId))
  );
}

/**
 * Runs a step body inside the step. A vanished document ends the step with GONE instead of a retry
 * (the caller throws DocumentGone outside the step); a problem with the file itself (`FileRejected`, or
 * text too large for storage) ends the document `rejected` with its reason and the instance with
 * `NonRetryableError`: the same input fails the same way, so no retry.
 */
async function guarded<T>(env: Env, documentId: string, body: () => Promise<T>): Promise<T | typeof GONE> {
  try {
    return await body();
  } catch (err) {
    if (await failedBecauseGone(env, documentId, err)) return GONE;
    const rejection = deterministicRejection(err);
    if (!rejection) throw err;
    await markRejected(getDb(env.DB), documentId, rejection.code, rejection.reason);
    // Only the default name makes the engine stop retrying (it matches `name === "NonRetryableError"`).
    throw new NonRetryableError(`FileRejected: ${rejection.reason}`);
  }
}

export class IngestDocument extends WorkflowEntrypoint<Env, IngestParams> {
  override async run(event: WorkflowEvent<IngestParams>, step: WorkflowStep): Promise<IngestResult> {
    const { documentId } = event.payload;
    const env = this.env;
    // One logger per run, carrying the document (= instance) id on every line.
    const log = createLogger({ service: "studyai-ingest", component: "ingest-workflow", documentId });
    // One mechanism for "the document is gone": a step's body throws DocumentGone (or a write fails for
    // want of the row), `run` rethrows it here, outside the step, and the catch below ends the run once.
    // The cast only bridges `step.do`'s generic Serializable bound: every step returns a small plain value.
    const run = async <T>(name: string, body: () => Promise<T>): Promise<T> => {
      // Each attempt of a step is timed into Analytics Engine (a replayed step's cached result is not).
      const attempt = () => timedStage(env, name, () => guarded(env, documentId, body), stageOutcome);
      const result = (await step.do(name, STEP, attempt as () => Promise<never>)) as T | typeof GONE;
      if (isGone(result)) throw new DocumentGone(documentId);
      return result;
    };
    try {
      const begun = await run("begin", () => beginIngestion(env, documentId));
      if (begun.finished) return "done";
      await run("copy original off-site", () => copyOriginalOffsite(env, documentId));

      if (begun.sourceType === "pdf") {
        // The first step opens and checks the file, counts its pages and extracts the first of them.
        const first = await run("pdf: count and first pages", () => extractFirstPdfPages(env, documentId));
        const { pageCount, jpegStreams } = first;
        // A step ends early after its share of scanned pages: the next one starts where it stopped.
        for (let from = first.next; from <= pageCount; ) {
          const to = Math.min(pageCount, from + PAGES_PER_STEP - 1);
          const range = { from, to, pageCount, jpegStreams };
          ({ next: from } = await run(`pdf: pages ${from}-${to}`, () => extractPdfRange(env, documentId, range)));
        }
        // Scanned pages: read by the vision model a few per step, or left `needs-ocr` without one.
        const { pages: scans } = await run("ocr: plan", () => planOcr(env, documentId));
        for (let i = 0; i < scans.length; i += OCR_PAGES_PER_STEP) {
          const group = scans.slice(i, i + OCR_PAGES_PER_STEP);
          const progress = { done: i, total: scans.length };
          await run(`ocr pages ${group[0]}-${group.at(-1)}`, () => ocrPages(env, documentId, group, progress, log));
        }
      } else {
        await run("extract text", () => extractWhole(env, documentId));
      }
      await run("finish pages", () => finishPages(env, documentId));

      const { chunkCount } = await run("chunk", () => chunkDocument(env, documentId, begun.model));

      const batch = embedderFor(env).maxBatch;
      let mutationId: string | null = null;
      for (let from = 0; from < chunkCount; from += batch) {
        const to = Math.min(chunkCount, from + batch);
        const embedded = await run(`embed chunks ${from}-${to - 1}`, () =>
          embedBatch(env, documentId, from, to, chunkCount, log),
        );
        mutationId = embedded.mutationId ?? mutationId;
      }

      // A document of scanned pages still waiting for OCR may have no chunk yet: nothing to wait for.
      if (chunkCount > 0) await this.waitUntilSearchable(step, run, documentId, mutationId, chunkCount);

      await run("ready", async () => {
        const db = getDb(env.DB);
        const row = await loadDocument(db, documentId);
        if (!(await markReady(db, documentId, row.notebookId))) {
          throw new Error(`document ${documentId} is ${row.status}, not processing: not marked ready`);
        }
        return { ready: true };
      });
      // A document sent by message: its contact hears it is ready (channels/documents-in.ts; never throws).
      await step.do("notify channel", STEP, async () => {
        await noticeDocumentSettled(env, documentId, log);
        return { notified: true };
      });
      // The concept map follows readiness (search first), stamped with the content version `ready` made.
      await extractConcepts(run, env, documentId, log);
      return "ready";
    } catch (err) {
      if (err instanceof DocumentGone) return "gone";
      log.error("ingestion failed", errorFields(err));
      // Rejected documents keep their reason: markFailed only touches queued and processing rows.
      await step.do("record failure", STEP, async () => {
        await markFailed(
          getDb(env.DB),
          documentId,
          "Processing stopped because of a temporary problem on our side (storage or the embedding service). Nothing is wrong with your file: retry it.",
        );
        return { outcome: "done" as const };
      });
      // Rejected or failed: a contact who sent it by message hears why.
      await step.do("notify channel of the outcome", STEP, async () => {
        await noticeDocumentSettled(env, documentId, log);
        return { notified: true };
      });
      throw err;
    }
  }

  /**
   * `ready` means searchable: Vectorize applies writes asynchronously, so wait (bounded) for our last one.
   * A document deleted meanwhile ends the run through DocumentGone, like any other step.
   */
  private async waitUntilSearchable(
    step: WorkflowStep,
    run: <T>(name: string, body: () => Promise<T>) => Promise<T>,
    documentId: string,
    mutationId: string | null,
    chunkCount: number,
  ): Promise<void> {
    for (let check = 1; check <= VISIBILITY_CHECKS; check++) {
      const visible = await run(`vectors searchable? ${check}`, async () => {
        const db = getDb(this.env.DB);
        await loadDocument(db, documentId);
        if (check === 1) await setProgress(db, documentId, "indexing", chunkCount, chunkCount);
        return (await vectorsVisible(this.env, documentId, mutationId, chunkCount)) ? "visible" : "pending";
      });
      if (visible === "visible") return;
      await step.sleep(`wait for the vector index ${check}`, `${Math.min(2 ** check, 60)} seconds`);
    }
    throw new Error(`vectors of ${documentId} were not searchable after ${VISIBILITY_CHECKS} checks`);
  }
}
