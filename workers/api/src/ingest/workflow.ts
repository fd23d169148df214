/**
 * IngestDocument: one instance per document (instance id = document id). Steps, each idempotent and each
 * re-checking that the document still exists: begin → extract (PDF a page range per step) → finish pages
 * → chunk (+ keyword rows) → embed and upsert in batches → wait until the vectors are searchable → ready.
 * A problem with the file ends the document `rejected` (the instance with NonRetryableError, no retry); a
 * temporary problem that outlives the step retries leaves it `failed`, retryable with POST …/retry.
 */
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep, type WorkflowStepConfig } from "cloudflare:workers";
import { NonRetryableError } from "cloudflare:workflows";
import { extractConcepts } from "../concepts/concept-steps";
import { getDb } from "../db";
import { embedderFor } from "../embeddings/embedder";
import { createLogger, errorFields } from "../platform/logger";
import { beginIngestion } from "./begin";
import {
  DocumentGone,
  documentExists,
  failedBecauseGone,
  loadDocument,
  markFailed,
  markReady,
  markRejected,
  type StepOutcome,
  setProgress,
} from "./document-state";
import { extractPdfRange, extractWhole, finishPages, inspectPdf } from "./extract-steps";
import { chunkDocument, embedBatch, vectorsVisible } from "./index-steps";
import { PAGES_PER_STEP } from "./limits";
import { deterministicRejection } from "./rejection";

export type IngestParams = { documentId: string };
export type IngestResult = Exclude<StepOutcome, "continue"> | "ready";

const VISIBILITY_CHECKS = 10;

/** Transient causes (D1, R2, the embedding provider) get five tries with exponential backoff. */
const STEP: WorkflowStepConfig = {
  retries: { limit: 5, delay: "2 seconds", backoff: "exponential" },
  timeout: "5 minutes",
};

const log = createLogger({ service: "studyai-api", component: "ingest-workflow" });

/**
 * Runs a step body. A vanished document turns into the "gone" outcome instead of a retry; a problem with
 * the file itself (`FileRejected`, or text too large for storage) ends the document `rejected` with its
 * reason and the instance with `NonRetryableError`: the same input fails the same way, so no retry.
 */
async function guarded<T extends { outcome: StepOutcome }>(env: Env, documentId: string, body: () => Promise<T>) {
  try {
    return await body();
  } catch (err) {
    const db = getDb(env.DB);
    if (await failedBecauseGone(db, documentId, err)) return { outcome: "gone" } as T;
    const rejection = deterministicRejection(err);
    if (!rejection) throw err;
    await markRejected(db, documentId, rejection.code, rejection.reason);
    // Only the default name makes the engine stop retrying (it matches `name === "NonRetryableError"`).
    throw new NonRetryableError(`FileRejected: ${rejection.reason}`);
  }
}

export class IngestDocument extends WorkflowEntrypoint<Env, IngestParams> {
  override async run(event: WorkflowEvent<IngestParams>, step: WorkflowStep): Promise<IngestResult> {
    const { documentId } = event.payload;
    const env = this.env;
    // Every step returns a small plain object; the cast only bridges `step.do`'s generic Serializable bound.
    const run = <T extends { outcome: StepOutcome }>(name: string, body: () => Promise<T>) =>
      step.do(name, STEP, () => guarded(env, documentId, body) as Promise<never>) as Promise<T>;
    try {
      const begun = await run("begin", () => beginIngestion(env, documentId));
      if (begun.outcome !== "continue") return begun.outcome;

      let pageCount: number;
      if (begun.sourceType === "pdf") {
        const inspected = await run("pdf: count pages", () => inspectPdf(env, documentId));
        if (inspected.outcome !== "continue") return inspected.outcome;
        pageCount = inspected.pageCount;
        for (let from = 1; from <= pageCount; from += PAGES_PER_STEP) {
          const to = Math.min(pageCount, from + PAGES_PER_STEP - 1);
          const range = await run(`pdf: pages ${from}-${to}`, () =>
            extractPdfRange(env, documentId, from, to, pageCount),
          );
          if (range.outcome !== "continue") return range.outcome;
        }
      } else {
        const whole = await run("extract text", () => extractWhole(env, documentId));
        if (whole.outcome !== "continue") return whole.outcome;
      }
      const finished = await run("finish pages", () => finishPages(env, documentId));
      if (finished.outcome !== "continue") return finished.outcome;

      const chunked = await run("chunk", () => chunkDocument(env, documentId, begun.model));
      if (chunked.outcome !== "continue") return chunked.outcome;

      const batch = embedderFor(env).maxBatch;
      let mutationId: string | null = null;
      for (let from = 0; from < chunked.chunkCount; from += batch) {
        const to = Math.min(chunked.chunkCount, from + batch);
        const embedded = await run(`embed chunks ${from}-${to - 1}`, () =>
          embedBatch(env, documentId, from, to, chunked.chunkCount),
        );
        if (embedded.outcome !== "continue") return embedded.outcome;
        mutationId = embedded.mutationId ?? mutationId;
      }

      if (!(await this.waitUntilSearchable(step, documentId, mutationId, chunked.chunkCount))) return "gone";

      const ready = await run("ready", async () => {
        const row = await loadDocument(getDb(env.DB), documentId);
        return { outcome: (await markReady(getDb(env.DB), documentId, row.notebookId)) ? "continue" : "gone" } as const;
      });
      if (ready.outcome !== "continue") return ready.outcome;
      // The concept map follows readiness (search first), stamped with the content version `ready` made.
      await extractConcepts(run, env, documentId);
      return "ready";
    } catch (err) {
      if (err instanceof DocumentGone) return "gone";
      log.error("ingestion failed", { documentId, ...errorFields(err) });
      // Rejected documents keep their reason: markFailed only touches queued and processing rows.
      await step.do("record failure", STEP, async () => {
        await markFailed(
          getDb(env.DB),
          documentId,
          "Processing stopped because of a temporary problem on our side (storage or the embedding service). Nothing is wrong with your file: retry it.",
        );
        return { outcome: "done" as const };
      });
      throw err;
    }
  }

  /**
   * `ready` means searchable: Vectorize applies writes asynchronously, so wait (bounded) for our last one.
   * False when the document was deleted meanwhile.
   */
  private async waitUntilSearchable(
    step: WorkflowStep,
    documentId: string,
    mutationId: string | null,
    chunkCount: number,
  ): Promise<boolean> {
    for (let check = 1; check <= VISIBILITY_CHECKS; check++) {
      const visible = await step.do(`vectors searchable? ${check}`, STEP, async () => {
        const db = getDb(this.env.DB);
        if (!(await documentExists(db, documentId))) return "gone";
        if (check === 1) await setProgress(db, documentId, "indexing", chunkCount, chunkCount);
        return (await vectorsVisible(this.env, documentId, mutationId, chunkCount)) ? "visible" : "pending";
      });
      if (visible !== "pending") return visible === "visible";
      await step.sleep(`wait for the vector index ${check}`, `${Math.min(2 ** check, 60)} seconds`);
    }
    throw new Error(`vectors of ${documentId} were not searchable after ${VISIBILITY_CHECKS} checks`);
  }
}
