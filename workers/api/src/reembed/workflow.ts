/**
 * ReembedNotebook: one instance per re-embed job (instance id = job id). Moves a notebook to another embedding
 * model without a moment where its search reads a mix: prepare → embed every chunk with the target model into
 * the next vector generation, a batch per step → wait until those vectors are searchable → recall check on
 * the notebook's own questions → one guarded switch → delete the old generation. Any failure before the
 * switch keeps the old model and vectors, deletes the new ones and records why.
 */
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep, type WorkflowStepConfig } from "cloudflare:workers";
import { lazyModule } from "../platform/lazy-module";
import { createLogger, errorFields, type Logger } from "../platform/logger";
import type { ReembedParams } from "./reembed.store";

// The job's store and steps (D1 tables, the embedders and the AI SDK's schemas) are imported by the first run
// in an isolate, not when the api Worker starts: this class is exported from its entry (docs/performance.md).
type Store = typeof import("./reembed.store");
type Steps = typeof import("./reembed-steps");
// The modules are kept, not the promise of them (platform/lazy-module.ts).
const load = lazyModule(
  (): Promise<[Store, Steps]> => Promise.all([import("./reembed.store"), import("./reembed-steps")]),
);

export type ReembedResult = "switched" | "failed";

/** Like ingestion: transient causes (D1, the embedding provider, Vectorize) get five tries with backoff. */
const STEP: WorkflowStepConfig = {
  retries: { limit: 5, delay: "2 seconds", backoff: "exponential" },
  timeout: "5 minutes",
};
const VISIBILITY_CHECKS = 10;

const percent = (x: number) => `${Math.round(x * 100)}%`;

export class ReembedNotebook extends WorkflowEntrypoint<Env, ReembedParams> {
  override async run(event: WorkflowEvent<ReembedParams>, step: WorkflowStep): Promise<ReembedResult> {
    const { jobId } = event.payload;
    const log = createLogger({ service: "studyai-api", component: "reembed-workflow", jobId });
    const [{ failJob }, steps] = await load();
    try {
      return await this.move(jobId, step, log, steps, failJob);
    } catch (err) {
      // A running job holds the notebook's uploads back: whatever stopped the run, the job must end.
      log.error("re-embed run failed", errorFields(err));
      await step.do("record the stop", STEP, async () => {
        await failJob(this.env, jobId, `stopped: ${String((err as Error)?.message ?? err)}`);
        return { recorded: true };
      });
      throw err;
    }
  }

  private async move(
    jobId: string,
    step: WorkflowStep,
    log: Logger,
    steps: Steps,
    failJob: Store["failJob"],
  ): Promise<ReembedResult> {
    const env = this.env;
    const { checkRecall, DELETE_PAGE, deleteGenerationPage, embedPage, prepareReembed, switchNotebook } = steps;
    const [{ loadJob }] = await load();
    const prepared = await step.do("prepare", STEP, () => prepareReembed(env, jobId));
    if (!prepared.ok) {
      await step.do("record refusal", STEP, async () => {
        await failJob(env, jobId, prepared.failure);
        return { recorded: true };
      });
      return "failed";
    }
    const { chunkCount, fingerprint, batch } = prepared;
    const { fromGeneration, toGeneration } = await step.do("generations", STEP, async () => {
      const job = await loadJob(env, jobId);
      return { fromGeneration: job.fromGeneration, toGeneration: job.toGeneration };
    });

    let failure: string | null = null;
    let recallFigures: unknown = null;
    try {
      let last: { mutationId: string | null; sampleIds: string[] } = { mutationId: null, sampleIds: [] };
      for (let from = 0; from < chunkCount; from += batch) {
        const to = Math.min(chunkCount, from + batch);
        last = await step.do(`embed chunks ${from}-${to - 1}`, STEP, () => embedPage(env, jobId, from, to - from, log));
      }
      await this.waitUntilSearchable(step, jobId, last, steps.newVectorsVisible);
      const recall = await step.do("recall check", STEP, () => checkRecall(env, jobId));
      recallFigures = recall;
      if (!recall.passed) {
        failure = `recall check failed: the new model found the source chunk of ${percent(recall.hitNew)} of ${recall.questions} questions in its top ${recall.k}, the old one ${percent(recall.hitOld)} (needs at least ${percent(recall.minRatio)} of the old)`;
      } else {
        const switched = await step.do("switch", STEP, () => switchNotebook(env, jobId, fingerprint));
        if (!switched.switched) failure = switched.failure;
      }
    } catch (err) {
      log.error("re-embed stopped", errorFields(err));
      failure = `stopped before the switch: ${String((err as Error)?.message ?? err)}`;
    }

    // Pass: the old generation goes. Fail: the job ends first (uploads may resume), then the new one goes and
    // the notebook keeps what it had.
    if (failure) {
      const reason = failure;
      await step.do("record failure", STEP, async () => {
        await failJob(env, jobId, reason);
        return { recorded: true };
      });
      log.warn("re-embed kept the old model", { reason, recall: recallFigures });
    }
    const discard = failure ? toGeneration : fromGeneration;
    // Over the chunks as they are now (documents may have come or gone meanwhile), until a short page.
    for (let offset = 0; ; offset += DELETE_PAGE) {
      const { deleted } = await step.do(`delete generation ${discard} vectors from ${offset}`, STEP, () =>
        deleteGenerationPage(env, jobId, discard, offset),
      );
      if (deleted < DELETE_PAGE) break;
    }
    if (failure) return "failed";
    log.info("re-embed switched", { chunkCount, recall: recallFigures });
    return "switched";
  }

  /** Vectorize applies writes asynchronously: the recall check must read the new vectors, so wait (bounded). */
  private async waitUntilSearchable(
    step: WorkflowStep,
    jobId: string,
    last: { mutationId: string | null; sampleIds: string[] },
    newVectorsVisible: Steps["newVectorsVisible"],
  ) {
    for (let check = 1; check <= VISIBILITY_CHECKS; check++) {
      const visible = await step.do(`new vectors searchable? ${check}`, STEP, () =>
        newVectorsVisible(this.env, jobId, last.mutationId, last.sampleIds),
      );
      if (visible) return;
      await step.sleep(`wait for the vector index ${check}`, `${Math.min(2 ** check, 60)} seconds`);
    }
    throw new Error(`the new vectors were not searchable after ${VISIBILITY_CHECKS} checks`);
  }
}
