/**
 * What a search reads from the notebook's content database (its object, or D1 for a notebook not yet moved):
 * the keyword ranking (FTS5 bm25 over the stemmed index) and the chunks behind ranked ids. Every chunk that
 * leaves here was read under the caller's notebook id (and document filter); search.ts keeps only those of
 * documents the registry has as ready.
 */
import { notebookMatch, toFtsMatch } from "./fts-query";

/** The part of a search's scope these reads use. */
export type ReadScope = { notebookId: string; documentIds?: readonly string[] };

/** A chunk as search reads it (the document's title is added from the registry). */
export type ChunkRow = {
  id: string;
  document_id: string;
  chunk_index: number;
  page_start: number;
  page_end: number;
  start_offset: number;
  end_offset: number;
  text: string;
  context: string | null;
};

/** A JSON array bound as one parameter: `IN (SELECT value FROM json_each(?))` has no parameter-count limit. */
const documentFilter = (scope: ReadScope, column: string, param: number) =>
  scope.documentIds?.length ? ` AND ${column} IN (SELECT value FROM json_each(?${param}))` : "";

const CHUNK_COLUMNS = `c.id, c.document_id, c.chunk_index, c.page_start, c.page_end, c.start_offset, c.end_offset,
      c.text, c.context`;

/**
 * The keyword statement: chunk ids of the notebook matching ?1 by bm25, best first, at most ?3 (?2 the
 * notebook, ?4 the document ids when filtered). The notebook is a token inside the index (migrations/0010),
 * so the MATCH itself is scoped and its cost follows the notebook's size, not the database's; bm25 weighs
 * the notebook column 0. The SQL notebook check stays as a second guard.
 */
const rankedSql = (scope: ReadScope) =>
  `SELECT chunk.id AS id, bm25(chunk_terms, 0.0, 1.0) AS score
    FROM chunk_terms JOIN chunk ON chunk.seq = chunk_terms.rowid
    WHERE chunk_terms MATCH ?1 AND chunk.notebook_id = ?2${documentFilter(scope, "chunk.document_id", 4)}
    ORDER BY score LIMIT ?3`;

function rankedBinds(scope: ReadScope, query: string, depth: number, require: readonly string[]) {
  const match = toFtsMatch(query);
  if (match === null) return null;
  const binds: unknown[] = [notebookMatch(scope.notebookId, match, require), scope.notebookId, depth];
  if (scope.documentIds?.length) binds.push(JSON.stringify(scope.documentIds));
  return binds;
}

/** Chunk ids of the notebook best matching `query` by bm25 over the stemmed index, best first. */
export async function keywordRanking(
  db: D1Database,
  scope: ReadScope,
  query: string,
  depth: number,
  require: readonly string[] = [],
): Promise<string[]> {
  const binds = rankedBinds(scope, query, depth, require);
  if (!binds) return [];
  const { results } = await db
    .prepare(rankedSql(scope))
    .bind(...binds)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

/**
 * keywordRanking with the chunks' rows, in one statement and one round trip: the ranking runs as it does
 * alone (sorting ids only, then LIMIT) and its ids drive a primary-key lookup of each chunk, so a search
 * whose keyword hits fill the page needs no second read (loadChunks) of the content database.
 */
export async function keywordHits(
  db: D1Database,
  scope: ReadScope,
  query: string,
  depth: number,
  require: readonly string[] = [],
): Promise<{ ids: string[]; rows: Map<string, ChunkRow> }> {
  const binds = rankedBinds(scope, query, depth, require);
  if (!binds) return { ids: [], rows: new Map() };
  const sql = `SELECT ${CHUNK_COLUMNS}
    FROM (${rankedSql(scope)}) AS ranked CROSS JOIN chunk c ON c.id = ranked.id
    ORDER BY ranked.score`;
  const { results } = await db
    .prepare(sql)
    .bind(...binds)
    .all<ChunkRow>();
  return { ids: results.map((r) => r.id), rows: new Map(results.map((r) => [r.id, r])) };
}

/** loadChunks' statement: ?1 the notebook, ?2 the ids as a JSON array, ?3 the document ids when filtered. */
export const chunkRowsSql = (scope: ReadScope) =>
  `SELECT ${CHUNK_COLUMNS}
    FROM json_each(?2) AS wanted CROSS JOIN chunk c ON c.id = wanted.value
    WHERE c.notebook_id = ?1${documentFilter(scope, "c.document_id", 3)}`;

/**
 * The chunks behind `ids`, read under the caller's notebook (and document filter) from the documents in
 * `ready` only (readyDocumentTitles: the registry's ready documents, id → title): the check every vector hit
 * must pass. Ids that fail it are dropped. Rows already read (`known`, from keywordHits) are not read again.
 * The ids drive the join (CROSS JOIN keeps SQLite from reordering it): one primary-key lookup per id. Written
 * as `c.notebook_id = ?1 AND c.id IN (…)`, the planner walked the notebook's whole chunk_notebook_idx instead
 * — 36–92 ms for 40 ids in a 20k-chunk notebook against 0.6 ms by id (node:sqlite on the bench corpus,
 * docs/performance.md), so the cost grew with the notebook. The notebook checks stay as filters.
 */
export async function loadChunks(
  content: D1Database,
  scope: ReadScope,
  ids: readonly string[],
  ready: ReadonlyMap<string, string>,
  known: ReadonlyMap<string, ChunkRow> = new Map(),
): Promise<Map<string, ChunkRow & { title: string }>> {
  const missing = ids.filter((id) => !known.has(id));
  let read: ChunkRow[] = [];
  if (missing.length) {
    const binds: unknown[] = [scope.notebookId, JSON.stringify(missing)];
    if (scope.documentIds?.length) binds.push(JSON.stringify(scope.documentIds));
    read = (
      await content
        .prepare(chunkRowsSql(scope))
        .bind(...binds)
        .all<ChunkRow>()
    ).results;
  }
  const rows = [...ids.flatMap((id) => known.get(id) ?? []), ...read];
  return new Map(
    rows.flatMap((row) => {
      const title = ready.get(row.document_id);
      return title === undefined ? [] : [[row.id, { ...row, title }] as const];
    }),
  );
}
