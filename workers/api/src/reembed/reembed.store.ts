/**
 * Re-embed jobs: starting one (every check before anything is written, then the job and its audit row in one
 * batch, then the Workflow), reading them, and the upload guard while one runs.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import { type RecallReport, type ReembedJobDto, reembedJob } from "../../../../schemas/reembed";
import { auditStatement } from "../admin/admin.store";
import { contentDb } from "../content/content-db";
import { getDb, schema } from "../db";
import { embedderForModel } from "../embeddings/embedder";
import { newId } from "../platform/ids";
import { conflict, invalidInput, notFound, Problem } from "../platform/problem";
import { vectorStoreFor } from "../vectors/vector-store";

const { document, notebook } = schema;

export type ReembedJobRow = typeof reembedJob.$inferSelect;
export type ReembedParams = { jobId: string };

export function toReembedJobDto(row: ReembedJobRow, auditId?: string): ReembedJobDto {
  return {
    id: row.id,
    notebookId: row.notebookId,
    fromModel: row.fromModel,
    toModel: row.toModel,
    status: row.status,
    reason: row.reason,
    failure: row.failure,
    chunkCount: row.chunkCount,
    embedded: row.embedded,
    recall: row.recall ? (JSON.parse(row.recall) as RecallReport) : null,
    ...(auditId ? { auditId } : {}),
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
  };
}

export async function loadJob(env: Env, jobId: string): Promise<ReembedJobRow> {
  const row = await getDb(env.DB).select().from(reembedJob).where(eq(reembedJob.id, jobId)).get();
  if (!row) throw notFound(`Re-embed job ${jobId}`);
  return row;
}

/** The notebook's latest re-embed job, or a 404. */
export async function latestJob(env: Env, notebookId: string): Promise<ReembedJobRow> {
  const row = await getDb(env.DB)
    .select()
    .from(reembedJob)
    .where(eq(reembedJob.notebookId, notebookId))
    .orderBy(desc(reembedJob.createdAt), desc(reembedJob.id))
    .get();
  if (!row) throw notFound(`A re-embed of notebook ${notebookId}`);
  return row;
}

/**
 * Uploads wait while a re-embed runs: a chunk embedded now with the old model only would be missing from the
 * new vectors after the switch. Refused before anything is stored, with when to come back.
 */
export async function assertNotReembedding(env: Env, notebookId: string): Promise<void> {
  const running = await getDb(env.DB)
    .select({ id: reembedJob.id, toModel: reembedJob.toModel })
    .from(reembedJob)
    .where(and(eq(reembedJob.notebookId, notebookId), eq(reembedJob.status, "running")))
    .get();
  if (!running) return;
  throw new Problem({
    status: 409,
    type: "reembed-in-progress",
    title: "Notebook is being re-indexed",
    detail: `This notebook is moving to the embedding model ${running.toModel}; new files wait until that finishes (usually a few minutes). Nothing was stored: add the file again shortly.`,
    headers: { "retry-after": "60" },
  });
}

type StartInput = { notebookId: string; model: string; reason: string; actor: string; requestId?: string };

/** Checks everything a re-embed needs, writes the job with its audit row, and starts the Workflow. */
export async function startReembed(env: Env, input: StartInput): Promise<ReembedJobDto> {
  const db = getDb(env.DB);
  const nb = await db.select().from(notebook).where(eq(notebook.id, input.notebookId)).get();
  if (!nb) throw notFound(`Notebook ${input.notebookId}`);
  const from = nb.embeddingModel;
  if (!from)
    throw conflict(
      "This notebook has nothing indexed yet: its first upload records the model, so there is nothing to move.",
    );
  if (from === input.model) throw conflict(`This notebook is already embedded with ${from}.`);
  const target = embedderForModel(env, input.model);
  if (!target) {
    throw invalidInput([
      {
        path: "model",
        message: `this deployment cannot embed with ${input.model} (unknown, or its provider is not configured)`,
      },
    ]);
  }
  if (!embedderForModel(env, from)) {
    throw conflict(
      `The notebook's current model ${from} cannot be reached from this deployment, so the recall check has nothing to compare against: configure its provider for the move.`,
    );
  }
  if (!(await vectorStoreFor(env, await contentDb(env, nb.id), nb.vectorIndex).acceptsDimensions(target.dimensions))) {
    throw conflict(
      `${input.model} makes ${target.dimensions}-dimensional vectors and the vector index holds another size: create an index of that size for it.`,
    );
  }
  const busy = await db
    .select({ id: document.id })
    .from(document)
    .where(and(eq(document.notebookId, nb.id), inArray(document.status, ["queued", "processing"])))
    .get();
  if (busy)
    throw conflict("Documents of this notebook are still being processed: start the re-embed once they are ready.");

  const now = Date.now();
  const jobId = newId("rej", now);
  const auditId = newId("aud", now);
  try {
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO reembed_job (id, notebook_id, from_model, to_model, from_generation, to_generation, status, reason,
           actor, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?)`,
      ).bind(
        jobId,
        nb.id,
        from,
        input.model,
        nb.vectorGeneration,
        nb.vectorGeneration + 1,
        input.reason,
        input.actor,
        now,
        now,
      ),
      auditStatement(env.DB, {
        id: auditId,
        at: now,
        actor: input.actor,
        action: "notebook.reembed",
        targetUserId: nb.ownerId,
        detail: { notebookId: nb.id, jobId, from, to: input.model, reason: input.reason },
        requestId: input.requestId,
      }),
    ]);
  } catch (err) {
    if (/UNIQUE/i.test(String((err as Error)?.message ?? err))) {
      throw conflict("A re-embed of this notebook is already running: follow it with GET on the same path.");
    }
    throw err;
  }
  try {
    await env.REEMBED_WORKFLOW.create({ id: jobId, params: { jobId } satisfies ReembedParams });
  } catch (err) {
    await failJob(env, jobId, `the Workflow could not be started: ${String((err as Error)?.message ?? err)}`);
    throw err;
  }
  return toReembedJobDto(await loadJob(env, jobId), auditId);
}

/**
 * Ends a running job as failed, with why. Only a running one: `switched` is written by the switch itself, in
 * the same batch as the notebook, and a replayed step must never turn it back.
 */
export async function failJob(env: Env, jobId: string, failure: string) {
  const now = Date.now();
  await env.DB.prepare(
    "UPDATE reembed_job SET status = 'failed', failure = ?, updated_at = ?, finished_at = ? WHERE id = ? AND status = 'running'",
  )
    .bind(failure, now, now, jobId)
    .run();
}
