/**
 * Vectors whose chunk no longer exists (a chunker change that made fewer chunks, an interrupted purge).
 * The exact D1 store can be checked row by row. Vectorize cannot be listed from a Worker, so there the
 * purge path and the embed step's post-write check are what prevent orphans (see ingest/index-steps.ts).
 */
export async function sweepOrphanVectors(db: D1Database, scope: { notebookId?: string } = {}): Promise<number> {
  const result = await db
    .prepare(
      // A later generation's id is the chunk id plus `@g` (vectors/vector-store.ts vectorId).
      `DELETE FROM chunk_vector WHERE (CASE WHEN instr(id, '@') > 0 THEN substr(id, 1, instr(id, '@') - 1) ELSE id END) NOT IN (SELECT id FROM chunk)${scope.notebookId ? " AND (notebook_id = ?1 OR notebook_id LIKE ?1 || '@%')" : ""}`,
    )
    .bind(...(scope.notebookId ? [scope.notebookId] : []))
    .run();
  return result.meta.changes ?? 0;
}
