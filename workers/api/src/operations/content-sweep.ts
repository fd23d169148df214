/**
 * "Nothing orphaned in any shard" (issue 21): the hourly sweep's part inside the notebooks' own databases.
 * For the notebooks whose content lives in their object and whose registry row moved in the last two hours
 * (`notebook.updated_at` moves on every document added, removed or ready: documents/lifecycle.ts), newest
 * first and at most NOTEBOOKS_PER_RUN a run, plus ROTATION_PER_RUN others, those the sweep checked longest
 * ago (`notebook_content_stats.swept_at`, never first), so an untouched notebook is checked too: the object's
 * document ids are compared with the registry's
 * documents of that notebook, and the rows of every document the registry no longer has are removed
 * (`removeDocument`: an interrupted purge, a Workflow step that wrote after the delete); then local vectors
 * without their chunk are deleted inside the object (orphan-vectors.ts, the same SQL as in D1). The windows of
 * two hourly runs overlap, so a notebook touched once is checked twice. Each visited object's `stats()` goes
 * to the registry (content-stats.ts). About 6 calls per notebook (240 a run), so a run stays inside the invocation's
 * subrequest limit.
 */
import { notebookObject } from "../content/content-db";
import { isGoneError } from "./content-backup";
import { type ObjectStats, recordContentStats } from "./content-stats";
import { sweepOrphanVectors } from "./orphan-vectors";

export const CONTENT_SWEEP_WINDOW_MS = 2 * 60 * 60 * 1000;
export const NOTEBOOKS_PER_RUN = 30;
export const ROTATION_PER_RUN = 10;
const IDS_PER_QUERY = 90;

export type ContentSweep = { notebooks: number; orphanDocuments: number; orphanVectors: number };

async function registryDocuments(db: D1Database, notebookId: string, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const slice = ids.slice(i, i + IDS_PER_QUERY);
    const { results } = await db
      .prepare(`SELECT id FROM document WHERE notebook_id = ? AND id IN (${slice.map(() => "?").join(", ")})`)
      .bind(notebookId, ...slice)
      .all<{ id: string }>();
    for (const row of results) found.add(row.id);
  }
  return found;
}

/** One notebook's object: its orphan documents and vectors removed, its figures measured (null: deleted). */
export async function sweepNotebookObject(
  env: Env,
  notebookId: string,
): Promise<{ orphanDocuments: number; orphanVectors: number; stats: ObjectStats } | null> {
  const object = notebookObject(env, notebookId);
  // Asked first: a call that fails on the tombstone is logged by the runtime as an uncaught error.
  if (await object.stub.isGone()) return null;
  try {
    const ids = (await object.stub.documentIds()) as string[];
    const alive = await registryDocuments(env.DB, notebookId, ids);
    const orphans = ids.filter((id) => !alive.has(id));
    for (const id of orphans) await object.stub.removeDocument(id);
    const orphanVectors = await sweepOrphanVectors(object as unknown as D1Database);
    const stats = (await object.stub.stats()) as ObjectStats;
    return { orphanDocuments: orphans.length, orphanVectors, stats };
  } catch (err) {
    if (isGoneError(err)) return null;
    throw err;
  }
}

/** Recently touched notebooks, newest first, then the rotation's (see the file's comment), each once. */
async function notebooksToSweep(db: D1Database, now: number): Promise<string[]> {
  const [recent, rotation] = await db.batch<{ id: string }>([
    db
      .prepare(
        `SELECT id FROM notebook WHERE content_layout = 'object' AND updated_at >= ?
         ORDER BY updated_at DESC LIMIT ${NOTEBOOKS_PER_RUN}`,
      )
      .bind(now - CONTENT_SWEEP_WINDOW_MS),
    db.prepare(
      `SELECT n.id FROM notebook n LEFT JOIN notebook_content_stats s ON s.notebook_id = n.id
       WHERE n.content_layout = 'object' ORDER BY s.swept_at IS NOT NULL, s.swept_at LIMIT ${ROTATION_PER_RUN}`,
    ),
  ]);
  return [...new Set([...(recent?.results ?? []), ...(rotation?.results ?? [])].map((r) => r.id))];
}

/**
 * The objects of recently touched notebooks (see the file's comment). `notebookId` sweeps that one notebook
 * whenever it was touched (an operator re-checking it, a test).
 */
export async function sweepContentObjects(
  env: Env,
  now: number,
  scope: { notebookId?: string } = {},
): Promise<ContentSweep> {
  const ids = scope.notebookId
    ? (
        await env.DB.prepare("SELECT id FROM notebook WHERE content_layout = 'object' AND id = ?")
          .bind(scope.notebookId)
          .all<{ id: string }>()
      ).results.map((r) => r.id)
    : await notebooksToSweep(env.DB, now);
  const result: ContentSweep = { notebooks: 0, orphanDocuments: 0, orphanVectors: 0 };
  const measured: { notebookId: string; stats: ObjectStats }[] = [];
  for (const id of ids) {
    const swept = await sweepNotebookObject(env, id);
    if (!swept) continue;
    result.notebooks++;
    result.orphanDocuments += swept.orphanDocuments;
    result.orphanVectors += swept.orphanVectors;
    measured.push({ notebookId: id, stats: swept.stats });
  }
  await recordContentStats(env.DB, measured, now, true);
  return result;
}
