/**
 * Indexing steps of the ingestion Workflow: pages → chunks (with their raw FTS5 rows, written by triggers,
 * and their stemmed keyword rows, all in the same transaction) → embeddings in batches → vectors upserted under deterministic ids.
 * Each step is idempotent: chunks are replaced as a whole, vectors are upserts.
 */

import { NonRetryableError } from "cloudflare:workflows";
import { and, asc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { contentOf } from "../content/content-db";
import { getDb, schema } from "../db";
import {
  DocumentGone,
  documentExists,
  guardContentWrite,
  loadDocument,
  markFailed,
  setProgress,
} from "../documents/lifecycle";
import { FileRejected, reasons } from "../documents/rejection";
import { embedderFor } from "../embeddings/embedder";
import { embeddingRefusal } from "../embeddings/embedding-budget";
import { recordEmbeddingCall } from "../models/calls";
import type { Logger } from "../platform/logger";
import { indexText } from "../retrieval/normalize";
import { vectorId, vectorStoreOf } from "../vectors/vector-store";
import { chunkPages } from "./chunking";

const { chunk, chunkKeyword, document, documentPage, notebook } = schema;

/** The vector generation the notebook's searches read, so new chunks are written where they are searched. */
export async function vectorGenerationOf(db: ReturnType<typeof getDb>, notebookId: string): Promise<number> {
  const row = await db
    .select({ generation: notebook.vectorGeneration })
    .from(notebook)
    .where(eq(notebook.id, notebookId))
    .get();
  return row?.generation ?? 0;
}

/** D1 allows 100 bound parameters per statement; a chunk row has 13. */
const CHUNK_ROWS_PER_INSERT = 7;

/** Stemmed keyword rows per statement: one chunk id parameter each, their terms in one JSON parameter. */
const KEYWORD_ROWS_PER_INSERT = 40;

/** The stemmed keyword rows (`indexText`) of chunks inserted earlier in the same batch, found by chunk id. */
function insertKeywordRows(
  db: ReturnType<typeof getDb>,
  rows: Array<{ id: string; text: string; context: string | null }>,
) {
  const terms = JSON.stringify(Object.fromEntries(rows.map((r) => [r.id, indexText(withContext(r))])));
  return db.insert(chunkKeyword).select(
    db
      .select({
        seq: chunk.seq,
        terms: sql<string>`json_extract(${terms}, '$."' || ${chunk.id} || '"')`.as("terms"),
        // Filled by the chunk_terms insert trigger (migration 0010) from the chunk's notebook.
        notebook: sql<string>`''`.as("notebook"),
      })
      .from(chunk)
      .where(
        inArray(
          chunk.id,
          rows.map((r) => r.id),
        ),
      ),
  );
}

const VISIBLE = /[^\p{Cf}\p{Z}\p{Cc}]/u;

/** What the keyword index and the embedder read: the chunk's heading and table header, then its text. */
export function withContext(c: { text: string; context: string | null }): string {
  return c.context ? `${c.context}\n\n${c.text}` : c.text;
}

async function awaitsOcr(db: ReturnType<typeof getDb>, documentId: string): Promise<boolean> {
  const row = await db
    .select({ page: documentPage.pageNumber })
    .from(documentPage)
    .where(and(eq(documentPage.documentId, documentId), eq(documentPage.ocr, "needs-ocr")))
    .get();
  return Boolean(row);
}

/**
 * The statements that insert `chunks` (their index offset by `base`) with their stemmed keyword rows: used
 * when a document is chunked, and when a page read later (browser OCR) adds its chunks after the others.
 */
export function chunkInserts(
  db: ReturnType<typeof getDb>,
  target: { documentId: string; notebookId: string; model: string },
  chunks: ReturnType<typeof chunkPages>,
  base = 0,
) {
  const rows = chunks.map((c) => ({
    id: vectorId(target.documentId, base + c.index),
    documentId: target.documentId,
    notebookId: target.notebookId,
    chunkIndex: base + c.index,
    pageStart: c.pageStart,
    pageEnd: c.pageEnd,
    startOffset: c.startOffset,
    endOffset: c.endOffset,
    text: c.text,
    context: c.context,
    tokenCount: c.tokenCount,
    embeddingModel: target.model,
  }));
  const inserts = [];
  for (let i = 0; i < rows.length; i += CHUNK_ROWS_PER_INSERT) {
    inserts.push(db.insert(chunk).values(rows.slice(i, i + CHUNK_ROWS_PER_INSERT)));
  }
  const keywordInserts = [];
  for (let i = 0; i < rows.length; i += KEYWORD_ROWS_PER_INSERT) {
    keywordInserts.push(insertKeywordRows(db, rows.slice(i, i + KEYWORD_ROWS_PER_INSERT)));
  }
  return [...inserts, ...keywordInserts];
}

/** Chunks the stored pages and replaces the document's chunks (and so its keyword rows) in one transaction. */
export async function chunkDocument(env: Env, documentId: string, model: string): Promise<{ chunkCount: number }> {
  const db = getDb(env.DB);
  const row = await loadDocument(db, documentId);
  const content = await contentOf(env, row.notebookId);
  const pages = await content.db
    .select({ page: documentPage.pageNumber, text: documentPage.text })
    .from(documentPage)
    .where(eq(documentPage.documentId, documentId))
    .orderBy(asc(documentPage.pageNumber));
  let chunks = chunkPages(pages);
  // Text made only of zero-width, bidi and other invisible characters is empty to a reader (and to search);
  // a document whose pages are all scans waiting for OCR is not empty, it has no chunk yet.
  if (!chunks.some((c) => VISIBLE.test(c.text))) {
    if (!(await awaitsOcr(content.db, documentId))) throw new FileRejected("empty", reasons.empty);
    chunks = [];
  }
  const inserts = chunkInserts(content.db, { documentId, notebookId: row.notebookId, model }, chunks);
  // The chunks and their keyword rows in one transaction of the content database, then the registry.
  await guardContentWrite(env, row, () =>
    content.db.batch([content.db.delete(chunk).where(eq(chunk.documentId, documentId)), ...inserts]),
  );
  await db.batch([
    db.update(document).set({ chunkCount: chunks.length, embeddingModel: model }).where(eq(document.id, documentId)),
    setProgress(db, documentId, "embedding", 0, chunks.length),
  ]);
  // A previous run that made more chunks (another chunker version) must not leave vectors behind.
  if (row.chunkCount > chunks.length) {
    const generation = await vectorGenerationOf(db, row.notebookId);
    const stale = Array.from({ length: row.chunkCount - chunks.length }, (_, i) =>
      vectorId(documentId, chunks.length + i, generation),
    );
    await (await vectorStoreOf(env, content.raw, row.notebookId)).deleteByIds(stale);
  }
  return { chunkCount: chunks.length };
}

/** Embeds chunks `from`..`to - 1` and upserts their vectors. Returns Vectorize's mutation id, if any. */
export async function embedBatch(
  env: Env,
  documentId: string,
  from: number,
  to: number,
  total: number,
  log: Logger,
): Promise<{ mutationId: string | null }> {
  const db = getDb(env.DB);
  const row = await loadDocument(db, documentId);
  const content = await contentOf(env, row.notebookId);
  const texts = await content.db
    .select({ index: chunk.chunkIndex, text: chunk.text, context: chunk.context })
    .from(chunk)
    .where(and(eq(chunk.documentId, documentId), gte(chunk.chunkIndex, from), lt(chunk.chunkIndex, to)))
    .orderBy(asc(chunk.chunkIndex));
  const embedder = embedderFor(env);
  // A deploy that switched EMBEDDING_PROVIDER mid-ingestion must not mix two models in one document.
  if (row.embeddingModel && row.embeddingModel !== embedder.model) {
    throw new NonRetryableError(`chunks were made for ${row.embeddingModel}, the embedder is now ${embedder.model}`);
  }
  // The owner pays for their document's embeddings: past their allowance (or the deployment's budget)
  // the document stops `failed`, retryable once the month turns or the plan changes; no step retries.
  const refusal = await embeddingRefusal(env, embedder, row.ownerId);
  if (refusal) {
    await markFailed(
      db,
      documentId,
      refusal.detail ?? refusal.title,
      (refusal.type.split("/").pop() ?? "").replace(/-/g, "_"),
    );
    throw new NonRetryableError(`embedding refused: ${refusal.detail}`);
  }
  const started = Date.now();
  const vectors = await embedder.embed(texts.map(withContext));
  const latencyMs = Date.now() - started;
  const generation = await vectorGenerationOf(db, row.notebookId);
  const records = texts.map((t, i) => ({
    id: vectorId(documentId, t.index, generation),
    values: vectors[i] ?? [],
    notebookId: row.notebookId,
    documentId,
    generation,
  }));
  const store = await vectorStoreOf(env, content.raw, row.notebookId);
  let mutationId: string | null = null;
  try {
    ({ mutationId } = await store.upsert(records));
  } catch (err) {
    if (await documentExists(db, documentId)) throw err;
    throw new DocumentGone(documentId);
  }
  // Deleted while we were writing: take back what we just wrote, so nothing is orphaned.
  if (!(await documentExists(db, documentId))) {
    await store.deleteByIds(records.map((r) => r.id));
    throw new DocumentGone(documentId);
  }
  await setProgress(db, documentId, "embedding", to, total);
  await recordEmbeddingCall(env, log, embedder.model, {
    userId: row.ownerId,
    notebookId: row.notebookId,
    texts: texts.map(withContext),
    latencyMs,
  });
  return { mutationId };
}

/** True once the vectors written under `mutationId` answer queries (Vectorize applies writes asynchronously). */
export async function vectorsVisible(env: Env, documentId: string, mutationId: string | null, chunkCount: number) {
  const db = getDb(env.DB);
  const { notebookId } = await loadDocument(db, documentId);
  const generation = await vectorGenerationOf(db, notebookId);
  const sample = [vectorId(documentId, 0, generation), vectorId(documentId, chunkCount - 1, generation)];
  const content = await contentOf(env, notebookId);
  return (await vectorStoreOf(env, content.raw, notebookId)).isVisible({ mutationId }, [...new Set(sample)]);
}
