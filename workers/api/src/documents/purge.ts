/**
 * Deleting documents and notebooks completely. D1 cascades remove pages, chunks, keyword rows and local
 * vectors with the document row; R2 objects and Vectorize vectors live outside D1 and are removed here.
 * Safe while ingestion runs: the row goes first, so every later Workflow step finds the document gone
 * and removes whatever it was writing (see ingest/workflow.ts).
 */
import { eq, sql } from "drizzle-orm";
import { removeOrphanConcepts } from "../concepts/concepts.store";
import type { Db } from "../db";
import { schema } from "../db";
import { errorFields, type Logger } from "../platform/logger";
import { vectorId, vectorStoreFor } from "../vectors/vector-store";
import { type DocumentRow, objectPrefix } from "./documents.store";
import { removeDocument } from "./lifecycle";

const { document, notebook } = schema;

type DocumentRef = { id: string; chunkCount: number };

/** How many vector ids a document may own: the larger of its recorded and its stored chunk count. */
async function withVectorCounts(db: Db, where: ReturnType<typeof eq>): Promise<DocumentRef[]> {
  const rows = await db
    .select({
      id: document.id,
      recorded: document.chunkCount,
      stored: sql<number>`(SELECT coalesce(max(chunk_index) + 1, 0) FROM chunk WHERE chunk.document_id = ${document.id})`,
    })
    .from(document)
    .where(where);
  return rows.map((r) => ({ id: r.id, chunkCount: Math.max(r.recorded, Number(r.stored)) }));
}

/**
 * The vector generations a notebook's vectors may be in: the one searched and the next (a re-embed writing
 * it, reembed/). Read before the rows go.
 */
async function liveGenerations(db: Db, notebookId: string): Promise<number[]> {
  const row = await db
    .select({ generation: notebook.vectorGeneration })
    .from(notebook)
    .where(eq(notebook.id, notebookId))
    .get();
  const generation = row?.generation ?? 0;
  return [generation, generation + 1];
}

/** Removes R2 objects under `prefix` (the off-site copies too) and the documents' vectors in `generations`. */
export async function purgeStoredArtifacts(
  env: Env,
  prefix: string,
  documents: DocumentRef[],
  generations: number[] = [0],
) {
  const ids = documents.flatMap((d) =>
    generations.flatMap((g) => Array.from({ length: d.chunkCount }, (_, i) => vectorId(d.id, i, g))),
  );
  if (ids.length) await vectorStoreFor(env).deleteByIds(ids);
  // The off-site copies of the originals too (operations/offsite.ts): nothing of a deleted file is kept.
  for (const bucket of [env.FILES, env.BACKUP_BUCKET]) await deleteUnderPrefix(bucket, prefix);
}

async function deleteUnderPrefix(bucket: R2Bucket, prefix: string) {
  let cursor: string | undefined;
  do {
    const listing = await bucket.list({ prefix, cursor, limit: 1000 });
    if (listing.objects.length) await bucket.delete(listing.objects.map((o) => o.key));
    cursor = listing.truncated ? listing.cursor : undefined;
  } while (cursor);
}

export async function deleteDocument(env: Env, db: Db, row: DocumentRow, log: Logger) {
  const refs = await withVectorCounts(db, eq(document.id, row.id));
  const generations = await liveGenerations(db, row.notebookId);
  await removeDocument(db, row);
  // Its concept mentions went with the row (cascade); concepts nothing mentions any more go now.
  await removeOrphanConcepts(db, row.notebookId);
  try {
    await purgeStoredArtifacts(env, objectPrefix(row.notebookId, row.id), refs, generations);
  } catch (err) {
    log.error("document purge incomplete", { documentId: row.id, ...errorFields(err) });
    throw err;
  }
}

/** Deletes a notebook (already checked to be the caller's) with all its documents' objects and vectors. */
export async function deleteNotebookContents(env: Env, db: Db, notebookId: string, deleteRow: () => Promise<void>) {
  const refs = await withVectorCounts(db, eq(document.notebookId, notebookId));
  const generations = await liveGenerations(db, notebookId);
  await deleteRow();
  await purgeStoredArtifacts(env, objectPrefix(notebookId), refs, generations);
}
