/**
 * The ReembedNotebook Workflow's step bodies. Each is idempotent: vectors are upserts under ids that carry the
 * target generation, the switch is one guarded UPDATE, deletes of absent ids change nothing.
 */
import { NonRetryableError } from "cloudflare:workflows";
import { eq } from "drizzle-orm";
import { contentDb } from "../content/content-db";
import { getDb, schema } from "../db";
import { type Embedder, embedderForModel } from "../embeddings/embedder";
import { embeddingRefusal } from "../embeddings/embedding-budget";
import { withContext } from "../ingest/index-steps";
import { recordEmbeddingCall } from "../models/calls";
import type { Logger } from "../platform/logger";
import { vectorId, vectorStoreOf } from "../vectors/vector-store";
import { judgeRecall, questionsOf, recallDepth, sampleChunkIds } from "./recall";
import { loadJob } from "./reembed.store";

const { notebook } = schema;

/** Chunk ids per delete step (Vectorize takes 1000 ids per call). */
export const DELETE_PAGE = 1000;

type ChunkRow = { id: string; document_id: string; chunk_index: number; text: string; context: string | null };

/** What the notebook's chunks are: a change (an upload, a deletion, an OCR page) alters it. */
async function chunkFingerprint(env: Env, notebookId: string): Promise<string> {
  const row = await (await contentDb(env, notebookId))
    .prepare(
      "SELECT count(*) AS n, coalesce(sum(seq), 0) AS s, coalesce(sum(length(text)), 0) AS l FROM chunk WHERE notebook_id = ?",
    )
    .bind(notebookId)
    .first<{ n: number; s: number; l: number }>();
  return `${row?.n ?? 0}:${row?.s ?? 0}:${row?.l ?? 0}`;
}

function embedderOf(env: Env, model: string): Embedder {
  const embedder = embedderForModel(env, model);
  if (!embedder) throw new NonRetryableError(`this deployment can no longer embed with ${model}`);
  return embedder;
}

async function ownerOf(env: Env, notebookId: string): Promise<string> {
  const row = await getDb(env.DB).select().from(notebook).where(eq(notebook.id, notebookId)).get();
  if (!row) throw new NonRetryableError("the notebook was deleted");
  return row.ownerId;
}

export type Prepared =
  | { ok: true; chunkCount: number; fingerprint: string; batch: number }
  | { ok: false; failure: string };

/** The job is still to do and the notebook still where it started; the chunk count and batch size to use. */
export async function prepareReembed(env: Env, jobId: string): Promise<Prepared> {
  const job = await loadJob(env, jobId);
  if (job.status !== "running") return { ok: false, failure: job.failure ?? `the job is already ${job.status}` };
  const nb = await getDb(env.DB).select().from(notebook).where(eq(notebook.id, job.notebookId)).get();
  if (!nb) return { ok: false, failure: "the notebook was deleted" };
  if (nb.embeddingModel !== job.fromModel || nb.vectorGeneration !== job.fromGeneration) {
    return { ok: false, failure: `the notebook moved to ${nb.embeddingModel} meanwhile` };
  }
  const fingerprint = await chunkFingerprint(env, nb.id);
  const chunkCount = Number(fingerprint.split(":")[0]);
  await env.DB.prepare("UPDATE reembed_job SET chunk_count = ?, updated_at = ? WHERE id = ?")
    .bind(chunkCount, Date.now(), jobId)
    .run();
  // EMBEDDING_BATCH_SIZE decides the texts per step, as in ingestion (embeddings/embedder.ts throughputFor).
  return { ok: true, chunkCount, fingerprint, batch: embedderOf(env, job.toModel).maxBatch };
}

async function chunkPage(env: Env, notebookId: string, offset: number, limit: number): Promise<ChunkRow[]> {
  const { results } = await (await contentDb(env, notebookId))
    .prepare(
      "SELECT id, document_id, chunk_index, text, context FROM chunk WHERE notebook_id = ? ORDER BY seq LIMIT ? OFFSET ?",
    )
    .bind(notebookId, limit, offset)
    .all<ChunkRow>();
  return results;
}

/** Embeds chunks `offset`.. with the target model and writes them into the target generation. */
export async function embedPage(env: Env, jobId: string, offset: number, limit: number, log: Logger) {
  const job = await loadJob(env, jobId);
  const embedder = embedderOf(env, job.toModel);
  const owner = await ownerOf(env, job.notebookId);
  // The owner pays for their notebook's embeddings, as at ingestion; a spent budget or the kill switch stops it.
  const refusal = await embeddingRefusal(env, embedder, owner);
  if (refusal) throw new NonRetryableError(`embedding refused: ${refusal.detail ?? refusal.title}`);
  const rows = await chunkPage(env, job.notebookId, offset, limit);
  const texts = rows.map((r) => withContext(r));
  const started = Date.now();
  const vectors = await embedder.embed(texts);
  const records = rows.map((r, i) => ({
    id: vectorId(r.document_id, r.chunk_index, job.toGeneration),
    values: vectors[i] ?? [],
    notebookId: job.notebookId,
    documentId: r.document_id,
    generation: job.toGeneration,
  }));
  const { mutationId } = await (await vectorStoreOf(env, await contentDb(env, job.notebookId), job.notebookId)).upsert(
    records,
  );
  await recordEmbeddingCall(env, log, embedder.model, {
    userId: owner,
    notebookId: job.notebookId,
    texts,
    latencyMs: Date.now() - started,
  });
  await env.DB.prepare("UPDATE reembed_job SET embedded = ?, updated_at = ? WHERE id = ?")
    .bind(offset + rows.length, Date.now(), jobId)
    .run();
  return { mutationId, sampleIds: records.slice(-1).map((r) => r.id) };
}

export async function newVectorsVisible(
  env: Env,
  jobId: string,
  mutationId: string | null,
  sampleIds: string[],
): Promise<boolean> {
  const job = await loadJob(env, jobId);
  return (await vectorStoreOf(env, await contentDb(env, job.notebookId), job.notebookId)).isVisible(
    { mutationId },
    sampleIds,
  );
}

/** Asks the notebook's own questions of both generations and records the figures on the job. */
export async function checkRecall(env: Env, jobId: string) {
  const job = await loadJob(env, jobId);
  const content = await contentDb(env, job.notebookId);
  const { results: ids } = await content
    .prepare("SELECT id FROM chunk WHERE notebook_id = ?")
    .bind(job.notebookId)
    .all<{ id: string }>();
  // The sample is drawn over ids only; just the sampled chunks' texts are read.
  const sample = sampleChunkIds(
    ids.map((r) => r.id),
    job.id,
  );
  const { results: texts } = await content
    .prepare("SELECT id, text FROM chunk WHERE notebook_id = ? AND id IN (SELECT value FROM json_each(?))")
    .bind(job.notebookId, JSON.stringify(sample))
    .all<{ id: string; text: string }>();
  const questions = questionsOf(sample, texts);
  const k = recallDepth(ids.length);
  const [oldVectors, newVectors] = await Promise.all([
    embedderOf(env, job.fromModel).embed(questions.map((q) => q.text)),
    embedderOf(env, job.toModel).embed(questions.map((q) => q.text)),
  ]);
  const store = await vectorStoreOf(env, content, job.notebookId);
  const rank = async (vector: number[] | undefined, generation: number) =>
    vector ? (await store.query(vector, { notebookId: job.notebookId, generation, topK: k })).map((m) => m.id) : [];
  const rankings = [];
  for (let i = 0; i < questions.length; i++) {
    rankings.push({
      old: await rank(oldVectors[i], job.fromGeneration),
      new: await rank(newVectors[i], job.toGeneration),
    });
  }
  const report = judgeRecall(questions, rankings, k);
  await env.DB.prepare("UPDATE reembed_job SET recall = ?, updated_at = ? WHERE id = ?")
    .bind(JSON.stringify(report), Date.now(), jobId)
    .run();
  return report;
}

/**
 * The switch: one guarded UPDATE moves the notebook's model and generation together (and bumps its content
 * version, so every cache keyed on it, the local vector matrices included, lets go), and marks the job in the
 * same batch. It loses, and nothing changes, when the notebook moved meanwhile or its chunks changed.
 */
export async function switchNotebook(
  env: Env,
  jobId: string,
  fingerprint: string,
): Promise<{ switched: true } | { switched: false; failure: string }> {
  const job = await loadJob(env, jobId);
  if (job.status === "switched") return { switched: true };
  if ((await chunkFingerprint(env, job.notebookId)) !== fingerprint) {
    return { switched: false, failure: "the notebook's documents changed during the re-embed; start it again" };
  }
  const now = Date.now();
  const [moved] = await env.DB.batch([
    env.DB.prepare(
      `UPDATE notebook SET embedding_model = ?1, vector_generation = ?2, content_version = content_version + 1,
         updated_at = ?3 WHERE id = ?4 AND embedding_model = ?5 AND vector_generation = ?6`,
    ).bind(job.toModel, job.toGeneration, now, job.notebookId, job.fromModel, job.fromGeneration),
    env.DB.prepare(
      `UPDATE reembed_job SET status = 'switched', updated_at = ?1, finished_at = ?1 WHERE id = ?2 AND status = 'running'
         AND EXISTS (SELECT 1 FROM notebook WHERE id = ?3 AND embedding_model = ?4 AND vector_generation = ?5)`,
    ).bind(now, jobId, job.notebookId, job.toModel, job.toGeneration),
  ]);
  if (moved?.meta.changes) return { switched: true };
  const nb = await getDb(env.DB).select().from(notebook).where(eq(notebook.id, job.notebookId)).get();
  return {
    switched: false,
    failure: nb
      ? `the notebook's model changed during the re-embed (now ${nb.embeddingModel}, generation ${nb.vectorGeneration}); nothing was switched`
      : "the notebook was deleted",
  };
}

/** Deletes one page of a generation's vectors (ids built from the chunk rows; absent ids are no-ops). */
export async function deleteGenerationPage(env: Env, jobId: string, generation: number, offset: number) {
  const job = await loadJob(env, jobId);
  const content = await contentDb(env, job.notebookId);
  const { results } = await content
    .prepare("SELECT document_id, chunk_index FROM chunk WHERE notebook_id = ? ORDER BY seq LIMIT ? OFFSET ?")
    .bind(job.notebookId, DELETE_PAGE, offset)
    .all<{ document_id: string; chunk_index: number }>();
  const ids = results.map((r) => vectorId(r.document_id, r.chunk_index, generation));
  if (ids.length) await (await vectorStoreOf(env, content, job.notebookId)).deleteByIds(ids);
  return { deleted: ids.length };
}
