/**
 * MigrateContent: one instance per content move (instance id = job id). Moves a notebook's content from the
 * primary D1 into its own object with reads never stopping: mark 'migrating' (reads and writes stay on D1;
 * uploads wait) → copy table by table in key pages of ≤ 500 rows, a page per step, each recording its cursor →
 * verify every table (rows and sha256 on both sides; a mismatching table is cleared and copied once more) and
 * one keyword search → switch to 'object' in one guarded UPDATE (content_version and every table's D1 count
 * as the checks saw them) → after a grace period, D1 rechecked against the checks, then the notebook's rows
 * deleted from D1 in bounded pages. Any failure before the switch puts the notebook back to 'd1',
 * clears the object's partial copy and records why; D1 is untouched until after the switch.
 */
import type { WorkflowEvent, WorkflowStep, WorkflowStepConfig } from "cloudflare:workers";
import type { ContentMoveReport, TableCheck } from "../../../../schemas/content-move";
import { notebookObject } from "../content/content-db";
import { CONTENT_TABLES } from "../content/content-schema";
import { createLogger, errorFields, type Logger } from "../platform/logger";
import type { ContentMoveParams } from "./content-move.store";
import {
  type Copied,
  clearPartialCopy,
  copyPage,
  deleteD1Page,
  describeMismatch,
  failMove,
  finishMove,
  keepD1Rows,
  keywordCheck,
  markMigrating,
  recheckD1,
  recordReport,
  startVerify,
  switchLayout,
  verifyTable,
} from "./move-steps";
import { type Key, PAGE_ROWS, recopySet } from "./move-tables";

export type ContentMoveResult = "switched" | "failed";

/** Transient causes (D1, the object) get five tries with backoff, like ingestion and the re-embed. */
const STEP: WorkflowStepConfig = {
  retries: { limit: 5, delay: "2 seconds", backoff: "exponential" },
  timeout: "5 minutes",
};
/** Between the switch and the D1 deletes: requests that read the layout just before the switch finish on D1. */
export const GRACE = "1 minute";

/** One run of the MigrateContent Workflow (workflow.ts imports it on the first run in an isolate). */
export class ContentMoveRun {
  constructor(private readonly env: Env) {}

  async run(event: WorkflowEvent<ContentMoveParams>, step: WorkflowStep): Promise<ContentMoveResult> {
    const { jobId } = event.payload;
    const log = createLogger({ service: "studyai-api", component: "content-move-workflow", jobId });
    try {
      return await this.move(jobId, step, log);
    } catch (err) {
      // A running move holds the notebook's uploads back: whatever stopped the run, the job must end.
      log.error("content move run failed", errorFields(err));
      await step.do("record the stop", STEP, async () => {
        await failMove(this.env, jobId, `stopped: ${String((err as Error)?.message ?? err)}`);
        return { recorded: true };
      });
      throw err;
    }
  }

  private async move(jobId: string, step: WorkflowStep, log: Logger): Promise<ContentMoveResult> {
    const env = this.env;
    const marked = await step.do("mark migrating", STEP, () => markMigrating(env, jobId));
    if (!marked.ok) {
      const reason = marked.failure;
      await step.do("record refusal", STEP, async () => {
        await failMove(env, jobId, reason);
        return { recorded: true };
      });
      return "failed";
    }
    const { notebookId } = marked;

    let failure: string | null = null;
    let checked: TableCheck[] = [];
    try {
      for (const table of CONTENT_TABLES) await this.copyTable(step, jobId, notebookId, table, "copy");
      // The notebook's content_version when the checks start: the switch requires it unchanged.
      const { contentVersion } = await step.do("phase verify", STEP, () => startVerify(env, jobId, notebookId));
      const checks = new Map<string, TableCheck>();
      for (const table of CONTENT_TABLES) {
        checks.set(table, await step.do(`verify ${table}`, STEP, () => verifyTable(env, notebookId, table)));
      }
      const mismatched = [...checks.values()].filter((c) => !c.match).map((c) => c.table);
      const recopied = recopySet(mismatched);
      if (recopied.length) {
        log.warn("content move: tables differ, copying them again", { mismatched, recopied });
        await step.do("clear for the recopy", STEP, async () => ({
          cleared: await notebookObject(env, notebookId).stub.clearContent(recopied),
        }));
        for (const table of recopied) await this.copyTable(step, jobId, notebookId, table, "recopy");
        for (const table of recopied) {
          checks.set(table, await step.do(`verify again ${table}`, STEP, () => verifyTable(env, notebookId, table)));
        }
      }
      const keyword = await step.do("keyword check", STEP, () => keywordCheck(env, notebookId));
      const tables = CONTENT_TABLES.map((t) => checks.get(t) as TableCheck);
      checked = tables;
      const passed = tables.every((c) => c.match) && (keyword === null || keyword.same);
      const report: ContentMoveReport = { tables, keyword, recopied, passed };
      await step.do("record the report", STEP, async () => {
        await recordReport(env, jobId, report);
        return { recorded: true };
      });
      log.info("content move verified", { notebookId, passed, recopied, keyword, tables: summary(tables) });
      if (!passed) {
        const differ = describeMismatch(tables);
        failure = differ
          ? `verification failed after copying again: ${differ}`
          : `verification failed: the keyword search for "${keyword?.query}" found ${keyword?.d1} chunks in D1 and ${keyword?.object} in the object`;
      } else {
        const switched = await step.do("switch", STEP, () =>
          switchLayout(env, jobId, notebookId, contentVersion, tables),
        );
        if (!switched.switched) failure = switched.failure;
      }
    } catch (err) {
      log.error("content move stopped", errorFields(err));
      failure = `stopped before the switch: ${String((err as Error)?.message ?? err)}`;
    }

    if (failure) {
      const reason = failure;
      await step.do("record failure", STEP, async () => {
        await failMove(env, jobId, reason);
        return { recorded: true };
      });
      await step.do("clear the partial copy", STEP, () => clearPartialCopy(env, notebookId));
      log.warn("content move kept the notebook in D1", { notebookId, reason });
      return "failed";
    }

    await step.sleep("grace before the D1 deletes", GRACE);
    const changed: string[] = [];
    for (const check of checked) {
      const again = await step.do(`recheck D1 ${check.table}`, STEP, () => recheckD1(env, notebookId, check));
      if (!again.same) changed.push(check.table);
    }
    if (changed.length) {
      await step.do("keep the D1 rows", STEP, () => keepD1Rows(env, jobId, changed));
      log.warn("content move: D1 changed after the checks, its rows are kept", { notebookId, changed });
      return "switched";
    }
    // Dependents first; chunk_keyword (and the FTS rows) also go with their chunks.
    for (const table of [...CONTENT_TABLES].reverse()) {
      for (let page = 1; ; page++) {
        const { deleted } = await step.do(`delete ${table} from D1, page ${page}`, STEP, () =>
          deleteD1Page(env, jobId, notebookId, table),
        );
        if (deleted < PAGE_ROWS) break;
      }
    }
    await step.do("finish", STEP, () => finishMove(env, jobId));
    log.info("content move switched", { notebookId });
    return "switched";
  }

  /** One table, a page per step from the last recorded key (a retried step starts where its page did). */
  private async copyTable(step: WorkflowStep, jobId: string, notebookId: string, table: string, pass: string) {
    let cursor: Key | null = null;
    let copied = 0;
    for (let page = 1; ; page++) {
      const after: Key | null = cursor;
      const before = copied;
      const result: Copied = await step.do(`${pass} ${table}, page ${page}`, STEP, () =>
        copyPage(this.env, jobId, notebookId, table, after, before),
      );
      cursor = result.cursor;
      copied = result.copied;
      if (result.done) return copied;
    }
  }
}

function summary(tables: TableCheck[]) {
  return Object.fromEntries(
    tables.map((c) => [c.table, `${c.d1.rows}/${c.object.rows} ${c.d1.sha256.slice(0, 12)} ${c.match ? "=" : "≠"}`]),
  );
}
