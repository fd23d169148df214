/**
 * Content moves (a notebook's content from the primary D1 to its own object, docs/scale.md §5): starting one
 * (every check before anything is written, then the job and its audit row in one batch, then the Workflow),
 * reading them, and the upload guard while one runs.
 */
import { desc, eq } from "drizzle-orm";
import {
  type ContentMoveBatchDto,
  type ContentMoveJobDto,
  type ContentMoveReport,
  contentMove,
} from "../../../../schemas/content-move";
import { auditStatement } from "../admin/admin.store";
import { getDb, schema } from "../db";
import { newId } from "../platform/ids";
import { conflict, notFound, Problem } from "../platform/problem";
import { assertNotReembedding } from "../reembed/reembed.store";

export type ContentMoveRow = typeof contentMove.$inferSelect;
export type ContentMoveParams = { jobId: string };
export type Progress = Record<string, { copied: number; cursor: (string | number)[] | null }>;

export function toContentMoveDto(row: ContentMoveRow, auditId?: string): ContentMoveJobDto {
  const progress = JSON.parse(row.progress) as Progress;
  return {
    id: row.id,
    notebookId: row.notebookId,
    status: row.status,
    phase: row.phase,
    reason: row.reason,
    failure: row.failure,
    copied: Object.fromEntries(Object.entries(progress).map(([table, p]) => [table, p.copied])),
    report: row.report ? (JSON.parse(row.report) as ContentMoveReport) : null,
    d1RowsDeleted: row.d1RowsDeleted,
    ...(auditId ? { auditId } : {}),
    createdAt: row.createdAt.toISOString(),
    switchedAt: row.switchedAt ? row.switchedAt.toISOString() : null,
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
  };
}

export async function loadMove(env: Env, jobId: string): Promise<ContentMoveRow> {
  const row = await getDb(env.DB).select().from(contentMove).where(eq(contentMove.id, jobId)).get();
  if (!row) throw notFound(`Content move ${jobId}`);
  return row;
}

/** The notebook's latest content move, or a 404. */
export async function latestMove(env: Env, notebookId: string): Promise<ContentMoveRow> {
  const row = await getDb(env.DB)
    .select()
    .from(contentMove)
    .where(eq(contentMove.notebookId, notebookId))
    .orderBy(desc(contentMove.createdAt), desc(contentMove.id))
    .get();
  if (!row) throw notFound(`A content move of notebook ${notebookId}`);
  return row;
}

/**
 * Uploads wait while the notebook's content moves: a document ingested into D1 during the copy would be
 * missing from the object after the switch. Refused before anything is stored, with when to come back.
 */
export async function assertNotMoving(env: Env, notebookId: string): Promise<void> {
  const row = await env.DB.prepare("SELECT content_layout AS layout FROM notebook WHERE id = ?")
    .bind(notebookId)
    .first<{ layout: string }>();
  if (row?.layout !== "migrating") return;
  throw new Problem({
    status: 409,
    type: "content-move-in-progress",
    title: "Notebook is being moved",
    detail:
      "This notebook's content is moving to its own database; new files wait until that finishes (usually a few minutes). Reading, searching and asking work meanwhile. Nothing was stored: add the file again shortly.",
    headers: { "retry-after": "60" },
  });
}

/** How long after its last status change a document's ingestion Workflow may still be writing (concepts). */
const INGEST_TAIL_MS = 24 * 60 * 60 * 1000;
const ACTIVE = new Set(["queued", "running", "waiting", "paused", "waitingForPause"]);

async function ingestStatus(env: Env, documentId: string): Promise<string | null> {
  try {
    return (await (await env.INGEST_WORKFLOW.get(documentId)).status()).status;
  } catch {
    return null;
  }
}

/** Why the notebook cannot start moving now, or null (checked at the start and again in the Workflow). */
export async function moveRefusal(env: Env, notebookId: string): Promise<string | null> {
  const busy = await env.DB.prepare(
    "SELECT id FROM document WHERE notebook_id = ? AND status IN ('queued', 'processing') LIMIT 1",
  )
    .bind(notebookId)
    .first();
  if (busy) return "Documents of this notebook are still being processed: move it once they are ready.";
  // `ready` comes before the concept map: a document's ingestion Workflow still writes its concepts after it.
  const { results: recent } = await env.DB.prepare(
    "SELECT id FROM document WHERE notebook_id = ? AND updated_at > ? ORDER BY updated_at DESC LIMIT 20",
  )
    .bind(notebookId, Date.now() - INGEST_TAIL_MS)
    .all<{ id: string }>();
  for (const { id } of recent) {
    if (ACTIVE.has((await ingestStatus(env, id)) ?? "")) {
      return "A document of this notebook is still having its concept map built: move it once that has finished.";
    }
  }
  try {
    await assertNotReembedding(env, notebookId);
  } catch (err) {
    if (err instanceof Problem && err.status === 409) {
      return "A re-embed of this notebook is running: move it once that has finished.";
    }
    throw err;
  }
  return null;
}

type StartInput = { notebookId: string; reason: string; actor: string; requestId?: string | undefined };

/** Checks everything a move needs, writes the job with its audit row, and starts the Workflow. */
export async function startContentMove(env: Env, input: StartInput): Promise<ContentMoveJobDto> {
  const nb = await getDb(env.DB).select().from(schema.notebook).where(eq(schema.notebook.id, input.notebookId)).get();
  if (!nb) throw notFound(`Notebook ${input.notebookId}`);
  if (nb.contentLayout === "object") throw conflict("This notebook's content is already in its own database.");
  if (nb.contentLayout === "migrating") {
    throw conflict("This notebook's content is already moving: follow it with GET on the same path.");
  }
  const refusal = await moveRefusal(env, nb.id);
  if (refusal) throw conflict(refusal);

  const now = Date.now();
  const jobId = newId("cmv", now);
  const auditId = newId("aud", now);
  try {
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO content_move (id, notebook_id, status, phase, reason, actor, created_at, updated_at)
         VALUES (?, ?, 'running', 'mark', ?, ?, ?, ?)`,
      ).bind(jobId, nb.id, input.reason, input.actor, now, now),
      auditStatement(env.DB, {
        id: auditId,
        at: now,
        actor: input.actor,
        action: "notebook.content-move",
        targetUserId: nb.ownerId,
        detail: { notebookId: nb.id, jobId, reason: input.reason },
        requestId: input.requestId,
      }),
    ]);
  } catch (err) {
    if (/UNIQUE/i.test(String((err as Error)?.message ?? err))) {
      throw conflict("A move of this notebook is already running: follow it with GET on the same path.");
    }
    throw err;
  }
  try {
    await env.MIGRATE_CONTENT_WORKFLOW.create({ id: jobId, params: { jobId } satisfies ContentMoveParams });
  } catch (err) {
    await failMoveJob(env, jobId, `the Workflow could not be started: ${String((err as Error)?.message ?? err)}`);
    throw err;
  }
  return toContentMoveDto(await loadMove(env, jobId), auditId);
}

/** Ends a running job as failed, with why (only a running one: a replayed step never turns `switched` back). */
export async function failMoveJob(env: Env, jobId: string, failure: string) {
  const now = Date.now();
  await env.DB.prepare(
    "UPDATE content_move SET status = 'failed', failure = ?, updated_at = ?, finished_at = ? WHERE id = ? AND status = 'running'",
  )
    .bind(failure, now, now, jobId)
    .run();
}

/**
 * The bulk mode: starts a move for each of the next `limit` notebooks still in D1 after `after` (id order); a
 * notebook refused now (a 409: documents processing, a re-embed) is skipped with why and stays in D1.
 */
export async function startPendingMoves(
  env: Env,
  input: { reason: string; after?: string | undefined; limit: number; actor: string; requestId?: string | undefined },
): Promise<ContentMoveBatchDto> {
  const { results } = await env.DB.prepare(
    "SELECT id FROM notebook WHERE content_layout = 'd1' AND id > ? ORDER BY id LIMIT ?",
  )
    .bind(input.after ?? "", input.limit)
    .all<{ id: string }>();
  const batch: ContentMoveBatchDto = { started: [], skipped: [], next: null };
  for (const { id } of results) {
    try {
      const job = await startContentMove(env, { ...input, notebookId: id });
      batch.started.push({ notebookId: id, jobId: job.id });
    } catch (err) {
      if (!(err instanceof Problem) || err.status !== 409) throw err;
      batch.skipped.push({ notebookId: id, reason: err.detail ?? err.title });
    }
  }
  batch.next = results.length === input.limit ? (results.at(-1)?.id ?? null) : null;
  return batch;
}
