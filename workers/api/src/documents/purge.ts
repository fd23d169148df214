/**
 * Deleting documents and notebooks completely. The registry row goes first; then the content: in the
 * notebook's own object (content/notebook-content.ts) `removeDocument` takes the document's pages, chunks,
 * keyword rows, local vectors and concept mentions, and a deleted notebook's object is wiped (with a
 * tombstone); for a notebook still in D1 the cascades do it. R2 objects and Vectorize vectors live outside
 * both and are removed here.
 * Safe while ingestion runs: the row goes first, so every later Workflow step finds the document gone
 * and removes whatever it was writing (see ingest/workflow.ts).
 */
import { eq } from "drizzle-orm";
import { removeOrphanConcepts } from "../concepts/concepts.store";
import { ContentDatabase, contentDb, removeDocumentContent } from "../content/content-db";
import type { Db } from "../db";
import { getDb, schema } from "../db";
import { errorFields, type Logger } from "../platform/logger";
import { vectorId, vectorStoreFor } from "../vectors/vector-store";
import { type DocumentRow, objectPrefix } from "./documents.store";
import { removeDocument } from "./lifecycle";

const { document, notebook } = schema;

type DocumentRef = { id: string; chunkCount: number };

/** How many vector ids a document may own: the larger of its recorded and its stored chunk count. */
async function withVectorCounts(
  db: Db,
  content: D1Database,
  notebookId: string,
  where: ReturnType<typeof eq>,
): Promise<DocumentRef[]> {
  const rows = await db.select({ id: document.id, recorded: document.chunkCount }).from(document).where(where);
  if (!rows.length) return [];
  const { results: stored } = await content
    .prepare(
      `SELECT document_id AS id, max(chunk_index) + 1 AS n FROM chunk
       WHERE notebook_id = ?1 AND document_id IN (SELECT value FROM json_each(?2)) GROUP BY document_id`,
    )
    .bind(notebookId, JSON.stringify(rows.map((r) => r.id)))
    .all<{ id: string; n: number }>();
  const counts = new Map(stored.map((r) => [r.id, Number(r.n)]));
  return rows.map((r) => ({ id: r.id, chunkCount: Math.max(r.recorded, counts.get(r.id) ?? 0) }));
}

/** Where a notebook's vectors are: the Vectorize index and the generations a purge must cover. */
type VectorPlace = { index: number; generations: number[] };

/**
 * The notebook's vector index (notebook.vector_index) and the generations its vectors may be in: the one
 * searched and the next (a re-embed writing it, reembed/). Read before the rows go.
 */
async function vectorPlace(db: Db, notebookId: string): Promise<VectorPlace> {
  const row = await db
    .select({ generation: notebook.vectorGeneration, index: notebook.vectorIndex })
    .from(notebook)
    .where(eq(notebook.id, notebookId))
    .get();
  const generation = row?.generation ?? 0;
  return { index: row?.index ?? 0, generations: [generation, generation + 1] };
}

/** Removes R2 objects under `prefix` (the off-site copies too) and the documents' vectors at `place`. */
export async function purgeStoredArtifacts(
  env: Env,
  prefix: string,
  documents: DocumentRef[],
  place: VectorPlace,
  content: D1Database,
) {
  const ids = documents.flatMap((d) =>
    place.generations.flatMap((g) => Array.from({ length: d.chunkCount }, (_, i) => vectorId(d.id, i, g))),
  );
  if (ids.length) await vectorStoreFor(env, content, place.index).deleteByIds(ids);
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
  const content = await contentDb(env, row.notebookId);
  const refs = await withVectorCounts(db, content, row.notebookId, eq(document.id, row.id));
  const place = await vectorPlace(db, row.notebookId);
  await removeDocument(db, row);
  // Its content: the object's rows now (in D1 they went with the row, by cascade).
  await removeDocumentContent(env, row.notebookId, row.id);
  // Concepts nothing mentions any more go now.
  await removeOrphanConcepts(getDb(content), row.notebookId);
  try {
    await purgeStoredArtifacts(env, objectPrefix(row.notebookId, row.id), refs, place, content);
  } catch (err) {
    log.error("document purge incomplete", { documentId: row.id, ...errorFields(err) });
    throw err;
  }
}

/** Deletes a notebook (already checked to be the caller's) with all its documents' objects and vectors. */
export async function deleteNotebookContents(env: Env, db: Db, notebookId: string, deleteRow: () => Promise<void>) {
  const content = await contentDb(env, notebookId);
  const refs = await withVectorCounts(db, content, notebookId, eq(document.notebookId, notebookId));
  const place = await vectorPlace(db, notebookId);
  await deleteRow();
  // Vectors first (the local store is in the object), then the object itself, for good.
  await purgeStoredArtifacts(env, objectPrefix(notebookId), refs, place, content);
  if (content instanceof ContentDatabase) await content.stub.wipe();
}
