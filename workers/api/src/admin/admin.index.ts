import * as contentMoveRoutes from "../content-move/content-move.routes";
import { latestMove, startContentMove, startPendingMoves, toContentMoveDto } from "../content-move/content-move.store";
import { restoreContentAudited, restoreContentRoute } from "../operations/content-restore.routes";
import { createRouter } from "../platform/create-router";
import * as reembedRoutes from "../reembed/reembed.routes";
import { latestJob, startReembed, toReembedJobDto } from "../reembed/reembed.store";
import * as routes from "./admin.routes";
import { assignPlan, listAudit } from "./admin.store";

/** Operator routes under /v1/admin, behind ADMIN_TOKEN (require-admin.ts); every change is audited in D1. */
export const adminRouter = createRouter()
  .openapi(routes.assignPlan, async (c) => {
    const { userId } = c.req.valid("param");
    const { plan, reason } = c.req.valid("json");
    const result = await assignPlan(c.env.DB, {
      userId,
      plan,
      reason,
      actor: c.get("adminActor") ?? "admin:?",
      requestId: c.get("requestId"),
    });
    c.get("log").info("plan assigned", { ...result, actor: c.get("adminActor") });
    return c.json(result, 200);
  })
  .openapi(routes.listAudit, async (c) => {
    const { limit } = c.req.valid("query");
    return c.json({ items: await listAudit(c.env.DB, limit) }, 200);
  })
  .openapi(reembedRoutes.startReembed, async (c) => {
    const { notebookId } = c.req.valid("param");
    const { model, reason } = c.req.valid("json");
    const job = await startReembed(c.env, {
      notebookId,
      model,
      reason,
      actor: c.get("adminActor") ?? "admin:?",
      requestId: c.get("requestId"),
    });
    c.get("log").info("re-embed started", { jobId: job.id, notebookId, from: job.fromModel, to: job.toModel });
    return c.json(job, 202);
  })
  .openapi(reembedRoutes.getReembed, async (c) => {
    const { notebookId } = c.req.valid("param");
    return c.json(toReembedJobDto(await latestJob(c.env, notebookId)), 200);
  })
  .openapi(contentMoveRoutes.startContentMove, async (c) => {
    const { notebookId } = c.req.valid("param");
    const { reason } = c.req.valid("json");
    const job = await startContentMove(c.env, {
      notebookId,
      reason,
      actor: c.get("adminActor") ?? "admin:?",
      requestId: c.get("requestId"),
    });
    c.get("log").info("content move started", { jobId: job.id, notebookId });
    return c.json(job, 202);
  })
  .openapi(contentMoveRoutes.getContentMove, async (c) => {
    const { notebookId } = c.req.valid("param");
    return c.json(toContentMoveDto(await latestMove(c.env, notebookId)), 200);
  })
  .openapi(contentMoveRoutes.startContentMoves, async (c) => {
    const { reason, after, limit } = c.req.valid("json");
    const batch = await startPendingMoves(c.env, {
      reason,
      after,
      limit,
      actor: c.get("adminActor") ?? "admin:?",
      requestId: c.get("requestId"),
    });
    c.get("log").info("content moves started", { started: batch.started.length, skipped: batch.skipped.length });
    return c.json(batch, 200);
  })
  .openapi(restoreContentRoute, async (c) => {
    const { backupId } = c.req.valid("param");
    const report = await restoreContentAudited(c.env, {
      ...c.req.valid("json"),
      backupId,
      actor: c.get("adminActor") ?? "admin:?",
      requestId: c.get("requestId"),
    });
    c.get("log").info("content restored", { ...report, skippedDeleted: report.skippedDeleted.length });
    return c.json(report, 200);
  });
