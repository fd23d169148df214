/**
 * Restores the notebooks' objects from a backup's content export (content-backup.ts), after the primary
 * (restore.ts `restoreBackup`). Per notebook: every part's checksum and row count is verified first, then the
 * object's content tables are cleared and the rows inserted (100 per transaction), and its `stats()` must then
 * show the manifest's row counts. A notebook deleted since the backup (its object has a tombstone) is skipped
 * and listed: restoring it would bring back content its owner deleted. The FTS index fills itself from
 * chunk_keyword's insert trigger, so nothing is rebuilt.
 *
 * Bounded like the export: `limit` notebooks per call, `after` to continue (the answer's `next`).
 */
import { notebookObject } from "../content/content-db";
import { CONTENT_TABLES } from "../content/content-schema";
import {
  BACKUP_FORMAT,
  type ContentIndexPage,
  type ContentManifest,
  type ContentNotebookBackup,
  decodeRow,
  insertSql,
  quoteIdent,
  sha256Hex,
} from "./backup-format";
import { contentManifestKey } from "./content-backup";
import { RestoreError } from "./restore";

const ROWS_PER_TRANSACTION = 100;

export type ContentRestoreResult = {
  notebooks: number;
  rows: number;
  /** Notebooks deleted since the backup (tombstoned objects): not restored. */
  skippedDeleted: string[];
  /** Where to continue (`after`) when `limit` stopped the walk. */
  next?: string;
};

async function verifiedJson<T>(bucket: R2Bucket, key: string, sha256?: string): Promise<T> {
  const object = await bucket.get(key);
  if (!object) throw new RestoreError(`backup object ${key} is missing`);
  const text = await object.text();
  if (sha256 && (await sha256Hex(text)) !== sha256) throw new RestoreError(`backup object ${key} is corrupt`);
  return JSON.parse(text) as T;
}

async function partLines(bucket: R2Bucket, part: { key: string; sha256: string; rows: number }): Promise<string[]> {
  const object = await bucket.get(part.key);
  if (!object) throw new RestoreError(`backup part ${part.key} is missing`);
  const bytes = new Uint8Array(await object.arrayBuffer());
  if ((await sha256Hex(bytes)) !== part.sha256) throw new RestoreError(`backup part ${part.key} is corrupt`);
  const lines = new TextDecoder().decode(bytes).split("\n").filter(Boolean);
  if (lines.length !== part.rows)
    throw new RestoreError(`backup part ${part.key}: ${lines.length} rows, manifest says ${part.rows}`);
  return lines;
}

/** One notebook's object from its export; false when the object is tombstoned (the notebook was deleted). */
export async function restoreNotebookContent(
  env: Env,
  bucket: R2Bucket,
  backup: ContentNotebookBackup,
): Promise<boolean> {
  // Verify everything before touching the object (one part in memory at a time).
  for (const table of backup.tables) for (const part of table.parts) await partLines(bucket, part);
  const object = notebookObject(env, backup.notebookId);
  if (await object.stub.isGone()) return false;
  await object.batch([...CONTENT_TABLES].reverse().map((table) => object.prepare(`DELETE FROM ${quoteIdent(table)}`)));
  for (const table of backup.tables) {
    const sql = insertSql(table.name, table.columns);
    for (const part of table.parts) {
      const lines = await partLines(bucket, part);
      for (let i = 0; i < lines.length; i += ROWS_PER_TRANSACTION) {
        await object.batch(
          lines.slice(i, i + ROWS_PER_TRANSACTION).map((line) => object.prepare(sql).bind(...decodeRow(line))),
        );
      }
    }
  }
  const stats = (await object.stub.stats()) as { rows: Record<string, number> };
  for (const table of backup.tables) {
    if ((stats.rows[table.name] ?? 0) !== table.rows) {
      throw new RestoreError(
        `notebook ${backup.notebookId}, table ${table.name}: ${stats.rows[table.name]} rows after the restore, manifest says ${table.rows}`,
      );
    }
  }
  return true;
}

/** Restores the objects of a backup's content export (see the file's comment). */
export async function restoreContent(
  env: Env,
  bucket: R2Bucket,
  backupId: string,
  options: { notebookIds?: string[]; after?: string; limit?: number } = {},
): Promise<ContentRestoreResult> {
  const object = await bucket.get(contentManifestKey(backupId));
  if (!object) {
    throw new RestoreError(
      `backup ${backupId} has no content manifest: its objects' export is missing or did not finish (the hourly cron continues it)`,
    );
  }
  const manifest = (await object.json()) as ContentManifest;
  if (manifest.format !== BACKUP_FORMAT)
    throw new RestoreError(`backup ${backupId} has unknown format ${manifest.format}`);
  const only = options.notebookIds ? new Set(options.notebookIds) : undefined;
  const result: ContentRestoreResult = { notebooks: 0, rows: 0, skippedDeleted: [] };
  // Pages list notebooks in id order (the export walks the registry so), so `after` is a cursor.
  let last = options.after;
  for (const ref of manifest.pages) {
    const page = await verifiedJson<ContentIndexPage>(bucket, ref.key, ref.sha256);
    for (const notebook of page.notebooks) {
      if (only && !only.has(notebook.notebookId)) continue;
      if (options.after && notebook.notebookId <= options.after) continue;
      if (options.limit !== undefined && result.notebooks + result.skippedDeleted.length >= options.limit) {
        result.next = last;
        return result;
      }
      if (await restoreNotebookContent(env, bucket, notebook)) {
        result.notebooks++;
        result.rows += notebook.rows;
      } else result.skippedDeleted.push(notebook.notebookId);
      last = notebook.notebookId;
    }
  }
  return result;
}
