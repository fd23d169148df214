/**
 * Daily logical backup of D1 into R2: every table as NDJSON parts (bounded memory), a manifest with
 * row counts and checksums, and 30 days of retention. D1 Time Travel stays the first line of recovery;
 * this is the copy that survives the database itself. Every object is written to FILES and to the
 * off-site BACKUP_BUCKET (operations/offsite.ts).
 */
import { createLogger, type Logger } from "../platform/logger";
import {
  BACKUP_FORMAT,
  BACKUP_PREFIX,
  type BackupManifest,
  type BackupPart,
  type BackupTable,
  backupDate,
  backupId,
  contentPrefix,
  encodeRow,
  quoteIdent,
  sha256Hex,
} from "./backup-format";
import { backupBuckets } from "./offsite";

const PAGE_ROWS = 500;
const DEFAULT_PART_BYTES = 8 * 1024 * 1024;
export const RETENTION_DAYS = 30;

type TableInfo = { name: string; sql: string };

/** Real tables in creation order (parents before children): no internal, migration or FTS shadow tables. */
export async function listBackupTables(db: D1Database): Promise<string[]> {
  const { results } = await db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL ORDER BY rowid")
    .all<TableInfo>();
  const virtual = results.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name);
  return results
    .map((t) => t.name)
    .filter(
      (name) =>
        !name.startsWith("sqlite_") &&
        !name.startsWith("_cf_") &&
        name !== "d1_migrations" &&
        !virtual.some((v) => name === v || name.startsWith(`${v}_`)),
    );
}

/** Column names, and the primary-key columns in key order (empty for a plain rowid table). */
export async function tableShape(db: D1Database, table: string): Promise<{ columns: string[]; key: string[] }> {
  const { results } = await db.prepare(`PRAGMA table_info(${quoteIdent(table)})`).all<{ name: string; pk: number }>();
  const key = results
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);
  return { columns: results.map((c) => c.name), key };
}

/**
 * One table of `db` as NDJSON parts under `keyBase/part-NNNN.ndjson` in every backup bucket: the primary D1's
 * tables (backups/<id>/<table>) and a notebook object's (backups/<id>/content/<notebookId>/<table>,
 * content-backup.ts) go through the same code. Memory holds one page of rows and one part at a time.
 */
export async function backupTable(
  db: D1Database,
  buckets: R2Bucket[],
  keyBase: string,
  table: string,
  options: { partBytes?: number; pageRows?: number; shape?: { columns: string[]; key: string[] } } = {},
): Promise<BackupTable & { calls: number }> {
  const partBytes = options.partBytes ?? DEFAULT_PART_BYTES;
  const pageRows = options.pageRows ?? PAGE_ROWS;
  let calls = options.shape ? 0 : 1;
  const { columns, key } = options.shape ?? (await tableShape(db, table));
  // Keyset pagination keeps every query small whatever the table's size: on the primary key (WITHOUT
  // ROWID tables have no rowid), or on rowid for a table without one.
  const keyColumns = key.length ? key : ["rowid"];
  const keyList = keyColumns.map((k) => (k === "rowid" ? "rowid" : quoteIdent(k))).join(", ");
  const selectKey = key.length ? "" : "rowid AS __k0, ";
  const parts: BackupPart[] = [];
  let lines: string[] = [];
  let size = 0;
  let rows = 0;
  const flush = async () => {
    if (!lines.length) return;
    const body = new TextEncoder().encode(`${lines.join("\n")}\n`);
    const key = `${keyBase}/part-${String(parts.length + 1).padStart(4, "0")}.ndjson`;
    for (const bucket of buckets) {
      await bucket.put(key, body, { httpMetadata: { contentType: "application/x-ndjson" } });
      calls++;
    }
    parts.push({ key, rows: lines.length, bytes: body.byteLength, sha256: await sha256Hex(body) });
    lines = [];
    size = 0;
  };
  let after: unknown[] | undefined;
  for (;;) {
    const where = after ? `WHERE (${keyList}) > (${keyColumns.map(() => "?").join(", ")})` : "";
    const { results } = await db
      .prepare(`SELECT ${selectKey}* FROM ${quoteIdent(table)} ${where} ORDER BY ${keyList} LIMIT ${pageRows}`)
      .bind(...(after ?? []))
      .all<Record<string, unknown>>();
    calls++;
    for (const row of results) {
      const line = encodeRow(row, columns);
      lines.push(line);
      size += line.length + 1;
      rows += 1;
      if (size >= partBytes) await flush();
    }
    const last = results.at(-1);
    if (results.length < pageRows || !last) break;
    after = key.length ? key.map((k) => last[k]) : [last.__k0];
  }
  await flush();
  return { name: table, columns, rows, parts, calls };
}

/** Writes a complete backup; the manifest is written last, so a backup without one is incomplete. */
export async function runBackup(
  env: Env,
  now = new Date(),
  partBytes = DEFAULT_PART_BYTES,
  log: Logger = createLogger({ service: "studyai-api", component: "backup" }),
): Promise<BackupManifest> {
  const id = backupId(now);
  const tables: BackupTable[] = [];
  for (const table of await listBackupTables(env.DB)) {
    const { calls: _calls, ...backedUp } = await backupTable(
      env.DB,
      backupBuckets(env),
      `${BACKUP_PREFIX}${id}/${table}`,
      table,
      { partBytes },
    );
    tables.push(backedUp);
  }
  const { results: migrations } = await env.DB.prepare("SELECT name FROM d1_migrations ORDER BY id").all<{
    name: string;
  }>();
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    id,
    createdAt: now.toISOString(),
    migrations: migrations.map((m) => m.name),
    tables,
    content: { manifest: `${contentPrefix(id)}manifest.json` },
  };
  // In each bucket the manifest is written after every part it names (a copy without it is incomplete).
  for (const bucket of backupBuckets(env)) {
    await bucket.put(`${BACKUP_PREFIX}${id}/manifest.json`, JSON.stringify(manifest, null, 2), {
      httpMetadata: { contentType: "application/json" },
    });
  }
  log.info("backup written", { id, tables: tables.length, rows: tables.reduce((n, t) => n + t.rows, 0) });
  return manifest;
}

/** Deletes backups older than the retention window, in both buckets; returns the ids removed. */
export async function pruneBackups(
  env: Env,
  now = new Date(),
  retentionDays = RETENTION_DAYS,
  log: Logger = createLogger({ service: "studyai-api", component: "backup" }),
): Promise<string[]> {
  const cutoff = now.getTime() - retentionDays * 24 * 60 * 60 * 1000;
  const removed = new Set<string>();
  for (const bucket of backupBuckets(env)) await pruneBucket(bucket, cutoff, removed);
  if (removed.size) log.info("old backups pruned", { ids: [...removed] });
  return [...removed];
}

async function pruneBucket(bucket: R2Bucket, cutoff: number, removed: Set<string>) {
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix: BACKUP_PREFIX, cursor, limit: 1000 });
    const stale = page.objects
      .map((o) => o.key)
      .filter((key) => {
        const id = key.slice(BACKUP_PREFIX.length).split("/")[0] ?? "";
        const date = backupDate(id);
        if (date && date.getTime() < cutoff) {
          removed.add(id);
          return true;
        }
        return false;
      });
    if (stale.length) await bucket.delete(stale);
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
}

export async function listBackups(bucket: R2Bucket): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix: BACKUP_PREFIX, delimiter: "/", cursor });
    for (const prefix of page.delimitedPrefixes) ids.push(prefix.slice(BACKUP_PREFIX.length, -1));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return ids.sort();
}
