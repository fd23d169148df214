/**
 * The registry's copy of what each notebook's object holds (migrations/0023_create_notebook_content_stats.sql):
 * the jobs that call an object anyway (the content backup, every object once a day; the sweep, the objects
 * touched in the last two hours) record its `stats()` here, and /metrics sums this table. So a scrape costs one
 * D1 aggregate whatever the number of objects, and calls none of them; the figures are at most a day old (an
 * hour or two for a notebook in use). Counting on every content write would be exact but adds a registry write
 * to every ingestion and purge path for a figure nobody needs to the second.
 */
import type { ContentTable } from "../content/content-schema";

export type ObjectStats = { rows: Partial<Record<ContentTable, number>>; bytes: number };

const sum = (rows: ObjectStats["rows"]) => Object.values(rows).reduce<number>((n, v) => n + (v ?? 0), 0);

/** The upsert for one notebook's figures (batch several: one D1 round trip per run, not per notebook). */
export function contentStatsStatement(
  db: D1Database,
  notebookId: string,
  stats: ObjectStats,
  now: number,
  swept = false,
) {
  const r = stats.rows;
  return db
    .prepare(
      `INSERT INTO notebook_content_stats (notebook_id, pages, chunks, vectors, concepts, rows, bytes, measured_at, swept_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9 WHERE EXISTS (SELECT 1 FROM notebook WHERE id = ?1)
       ON CONFLICT (notebook_id) DO UPDATE SET pages = excluded.pages, chunks = excluded.chunks,
         vectors = excluded.vectors, concepts = excluded.concepts, rows = excluded.rows, bytes = excluded.bytes,
         measured_at = excluded.measured_at, swept_at = coalesce(excluded.swept_at, swept_at)`,
    )
    .bind(
      notebookId,
      r.document_page ?? 0,
      r.chunk ?? 0,
      r.chunk_vector ?? 0,
      r.concept ?? 0,
      sum(r),
      stats.bytes,
      now,
      swept ? now : null,
    );
}

export async function recordContentStats(
  db: D1Database,
  measured: { notebookId: string; stats: ObjectStats }[],
  now = Date.now(),
  /** The sweep checked these objects for orphans (its rotation reads `swept_at`). */
  swept = false,
): Promise<void> {
  // D1 takes up to 100 bound parameters per statement, not per batch; batches stay small anyway.
  for (let i = 0; i < measured.length; i += 50) {
    const slice = measured.slice(i, i + 50);
    if (slice.length) await db.batch(slice.map((m) => contentStatsStatement(db, m.notebookId, m.stats, now, swept)));
  }
}

export type ContentTotals = {
  notebooks: number;
  pages: number;
  chunks: number;
  vectors: number;
  concepts: number;
  rows: number;
  bytes: number;
  /** Age of the oldest figure, in seconds (0 when nothing is recorded). */
  oldestSeconds: number;
};

/** Deployment-wide sums over the recorded figures (one aggregate; see the file's comment). */
export async function contentTotals(db: D1Database, now = Date.now()): Promise<ContentTotals> {
  const row = await db
    .prepare(
      `SELECT count(*) AS notebooks, coalesce(sum(pages), 0) AS pages, coalesce(sum(chunks), 0) AS chunks,
         coalesce(sum(vectors), 0) AS vectors, coalesce(sum(concepts), 0) AS concepts, coalesce(sum(rows), 0) AS rows,
         coalesce(sum(bytes), 0) AS bytes, min(measured_at) AS oldest
       FROM notebook_content_stats`,
    )
    .first<Omit<ContentTotals, "oldestSeconds"> & { oldest: number | null }>();
  const { oldest, ...totals } = row ?? {
    notebooks: 0,
    pages: 0,
    chunks: 0,
    vectors: 0,
    concepts: 0,
    rows: 0,
    bytes: 0,
    oldest: null,
  };
  return { ...totals, oldestSeconds: oldest === null ? 0 : Math.max(0, (now - oldest) / 1000) };
}
