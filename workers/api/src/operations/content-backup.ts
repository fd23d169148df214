/**
 * The notebooks' own databases in the daily backup (issue 21, docs/scale.md §5 "backup"). After the primary D1
 * export (backup.ts), every notebook whose content lives in its object (`content_layout = 'object'`) is
 * exported table by table, in the primary's NDJSON format, to `backups/<id>/content/<notebookId>/<table>/`:
 * keyset pages of at most OBJECT_PAGE_ROWS rows, parts of at most 8 MB, so a big notebook never sits in memory.
 *
 * Bounded and resumable: one run exports notebooks in id order until it has spent CALLS_PER_RUN calls
 * (object calls, registry queries, R2 puts: the Workers limit is 1,000 subrequests per invocation on the Paid
 * plan; about 30 calls for a notebook with content, 2 for an empty one), writes what it exported as one index page (`content/index-NNNN.json`: every part with its notebook,
 * table, rows and sha256), and saves the cursor in `content/progress.json`. The daily cron starts the export;
 * the hourly cron continues the newest backup's until the registry is exhausted, and then writes
 * `content/manifest.json` (the pages with their sha256, and the notebooks skipped because they were deleted).
 * A backup without that manifest has an incomplete content export.
 *
 * Not a point-in-time copy across shards: each object is read at its own moment (tables one after the other,
 * the primary earlier). Each export also records the object's `stats()` in the registry (content-stats.ts).
 */
import { notebookObject } from "../content/content-db";
import { CONTENT_TABLES } from "../content/content-schema";
import { GONE_MESSAGE } from "../content/notebook-content-gone";
import { createLogger, type Logger } from "../platform/logger";
import { backupTable, listBackups, tableShape } from "./backup";
import {
  BACKUP_FORMAT,
  BACKUP_PREFIX,
  type BackupManifest,
  type BackupTable,
  type ContentIndexPage,
  type ContentManifest,
  type ContentNotebookBackup,
  type ContentPageRef,
  contentPrefix,
  sha256Hex,
} from "./backup-format";
import { type ObjectStats, recordContentStats } from "./content-stats";
import { backupBuckets } from "./offsite";

/**
 * Calls one run may spend (object calls + registry queries + R2 puts). The invocation's limit is 1,000
 * subrequests and the job shares it: the daily run after the primary export, the hourly run after the cleanup
 * and the sweep (a few hundred at most). Raise it where the account's limit is higher (10,000 on the current
 * Paid plan page, docs/scale.md §1).
 */
export const CALLS_PER_RUN = 300;
const NOTEBOOKS_PER_QUERY = 50;
const OBJECT_PAGE_ROWS = 1000;

type Progress = {
  backupId: string;
  startedAt: string;
  /** The last notebook id exported (the registry is walked in id order). */
  after: string | null;
  pages: ContentPageRef[];
  notebooks: number;
  rows: number;
  deleted: string[];
};

type Shape = { columns: string[]; key: string[] };

export const isGoneError = (err: unknown) => (err instanceof Error ? err.message : String(err)).includes(GONE_MESSAGE);

const progressKey = (id: string) => `${contentPrefix(id)}progress.json`;
export const contentManifestKey = (id: string) => `${contentPrefix(id)}manifest.json`;

/**
 * Exports one notebook's object (null when its content was deleted: the object has a tombstone). `shapes`
 * caches the tables' columns across notebooks of a run (every object runs the same content migrations).
 */
export async function exportNotebookContent(
  env: Env,
  backupId: string,
  notebookId: string,
  options: { partBytes?: number; shapes?: Map<string, Shape> } = {},
): Promise<{ notebook: ContentNotebookBackup | null; stats: ObjectStats | null; calls: number }> {
  const object = notebookObject(env, notebookId);
  // Asked first: a call that fails on the tombstone is logged by the runtime as an uncaught error.
  if (await object.stub.isGone()) return { notebook: null, stats: null, calls: 1 };
  let stats: { rows: Record<string, number>; bytes: number };
  try {
    stats = (await object.stub.stats()) as { rows: Record<string, number>; bytes: number };
  } catch (err) {
    if (isGoneError(err)) return { notebook: null, stats: null, calls: 2 };
    throw err;
  }
  let calls = 2;
  const db = object as unknown as D1Database;
  const shapes = options.shapes ?? new Map<string, Shape>();
  const tables: BackupTable[] = [];
  for (const table of CONTENT_TABLES) {
    if (!stats.rows[table]) {
      tables.push({ name: table, columns: shapes.get(table)?.columns ?? [], rows: 0, parts: [] });
      continue;
    }
    let shape = shapes.get(table);
    if (!shape) {
      shape = await tableShape(db, table);
      shapes.set(table, shape);
      calls++;
    }
    const keyBase = `${contentPrefix(backupId)}${notebookId}/${table}`;
    const { calls: spent, ...done } = await backupTable(db, backupBuckets(env), keyBase, table, {
      partBytes: options.partBytes,
      pageRows: OBJECT_PAGE_ROWS,
      shape,
    });
    calls += spent;
    tables.push(done);
  }
  const rows = tables.reduce((n, t) => n + t.rows, 0);
  return { notebook: { notebookId, rows, bytes: stats.bytes, tables }, stats, calls };
}

/** The newest backup whose primary part is complete and whose content export is not (null when none). */
export async function pendingContentBackup(env: Env): Promise<string | null> {
  const id = (await listBackups(env.FILES)).at(-1);
  if (!id) return null;
  const main = await env.FILES.get(`${BACKUP_PREFIX}${id}/manifest.json`);
  if (!main) return null;
  const manifest = (await main.json()) as BackupManifest;
  if (!manifest.content) return null;
  return (await env.FILES.head(contentManifestKey(id))) ? null : id;
}

export type ContentBackupRun = {
  backupId: string;
  exported: number;
  deleted: number;
  rows: number;
  calls: number;
  complete: boolean;
};

async function putEverywhere(env: Env, key: string, body: string): Promise<void> {
  for (const bucket of backupBuckets(env)) {
    await bucket.put(key, body, { httpMetadata: { contentType: "application/json" } });
  }
}

/**
 * One run of the content export (see the file's comment): the given backup's, or the newest pending one's.
 * `notebookIds` limits the walk to those notebooks (tests, an operator re-exporting a few).
 */
export async function continueContentBackup(
  env: Env,
  options: {
    backupId?: string;
    now?: Date;
    budget?: number;
    partBytes?: number;
    notebookIds?: string[];
    log?: Logger;
  } = {},
): Promise<ContentBackupRun | null> {
  const log = options.log ?? createLogger({ service: "studyai-api", component: "backup" });
  const now = options.now ?? new Date();
  const budget = options.budget ?? CALLS_PER_RUN;
  const id = options.backupId ?? (await pendingContentBackup(env));
  if (!id) return null;
  if (await env.FILES.head(contentManifestKey(id))) {
    return { backupId: id, exported: 0, deleted: 0, rows: 0, calls: 1, complete: true };
  }
  const saved = await env.FILES.get(progressKey(id));
  const progress: Progress = saved
    ? ((await saved.json()) as Progress)
    : { backupId: id, startedAt: now.toISOString(), after: null, pages: [], notebooks: 0, rows: 0, deleted: [] };
  let calls = 2;
  const exported: ContentNotebookBackup[] = [];
  const measured: { notebookId: string; stats: ObjectStats }[] = [];
  const shapes = new Map<string, Shape>();
  const scope = options.notebookIds?.length ? options.notebookIds : undefined;
  let deleted = 0;
  let complete = false;
  walk: while (calls < budget) {
    const { results } = await env.DB.prepare(
      `SELECT id FROM notebook WHERE content_layout = 'object' AND id > ?
       ${scope ? `AND id IN (${scope.map(() => "?").join(", ")})` : ""} ORDER BY id LIMIT ${NOTEBOOKS_PER_QUERY}`,
    )
      .bind(progress.after ?? "", ...(scope ?? []))
      .all<{ id: string }>();
    calls++;
    for (const { id: notebookId } of results) {
      if (calls >= budget) break walk;
      const done = await exportNotebookContent(env, id, notebookId, { partBytes: options.partBytes, shapes });
      calls += done.calls;
      if (done.notebook && done.stats) {
        exported.push(done.notebook);
        measured.push({ notebookId, stats: done.stats });
        progress.rows += done.notebook.rows;
        progress.notebooks++;
      } else {
        progress.deleted.push(notebookId);
        deleted++;
      }
      progress.after = notebookId;
    }
    if (results.length < NOTEBOOKS_PER_QUERY) {
      complete = true;
      break;
    }
  }
  if (exported.length) {
    const page: ContentIndexPage = { format: BACKUP_FORMAT, backupId: id, notebooks: exported };
    const body = JSON.stringify(page);
    const key = `${contentPrefix(id)}index-${String(progress.pages.length + 1).padStart(4, "0")}.json`;
    await putEverywhere(env, key, body);
    progress.pages.push({
      key,
      sha256: await sha256Hex(body),
      notebooks: exported.length,
      rows: exported.reduce((n, nb) => n + nb.rows, 0),
    });
  }
  await env.FILES.put(progressKey(id), JSON.stringify(progress));
  await recordContentStats(env.DB, measured, now.getTime());
  if (complete) {
    const manifest: ContentManifest = {
      format: BACKUP_FORMAT,
      backupId: id,
      startedAt: progress.startedAt,
      completedAt: now.toISOString(),
      notebooks: progress.notebooks,
      rows: progress.rows,
      pages: progress.pages,
      deleted: progress.deleted,
    };
    // Written after every page it names, in each bucket (a content export without it is incomplete).
    await putEverywhere(env, contentManifestKey(id), JSON.stringify(manifest, null, 2));
  }
  const run = {
    backupId: id,
    exported: exported.length,
    deleted,
    rows: exported.reduce((n, nb) => n + nb.rows, 0),
    calls,
    complete,
  };
  log.info(complete ? "content backup complete" : "content backup continued", run);
  return run;
}
