/**
 * The MigrateContent Workflow (a notebook's content from the primary D1 to its own object; move-run.ts has the
 * steps). The class is exported from the api Worker's entry, so its steps — drizzle, the search statements, the
 * content handle — are imported on the first run in an isolate, not when the Worker starts (docs/performance.md).
 */
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import { lazyModule } from "../platform/lazy-module";
import type { ContentMoveParams } from "./content-move.store";
import type { ContentMoveResult } from "./move-run";

const moveRun = lazyModule(() => import("./move-run"));

export class MigrateContent extends WorkflowEntrypoint<Env, ContentMoveParams> {
  override async run(event: WorkflowEvent<ContentMoveParams>, step: WorkflowStep): Promise<ContentMoveResult> {
    const { ContentMoveRun } = await moveRun();
    return new ContentMoveRun(this.env).run(event, step);
  }
}
