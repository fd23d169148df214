/**
 * Restores a logical backup (see backup.ts) into a database that has the same migrations applied.
 * Checksums are verified before anything is written; the target must be empty unless `replace` is set.
 */
import {
  BACKUP_FORMAT,
  BACKUP_PREFIX,
  type BackupManifest,
  decodeRow,
  insertSql,
  quoteIdent,
  sha256Hex,
} from "./backup-format";

const STATEMENTS_PER_BATCH = 100;

export class RestoreError extends Error {
  override name = "RestoreError";
}

export async function readManifest(bucket: R2Bucket, id: string): Promise<BackupManifest> {
  const object = await bucket.get(`${BACKUP_PREFIX}${id}/manifest.json`);
  if (!object) throw new RestoreError(`backup ${id} has no manifest (missing or incomplete)`);
  const manifest = (await object.json()) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT) throw new RestoreError(`backup ${id} has unknown format ${manifest.format}`);
  return manifest;
}

export async function restoreBackup(
  bucket: R2Bucket,
  id: string,
  target: D1Database,
  options: { replace?: boolean } = {},
): Promise<{ tables: number; rows: number }> {
  const manifest = await readManifest(bucket, id);

  const { results: applied } = await target
    .prepare("SELECT name FROM d1_migrations ORDER BY id")
    .all<{ name: string }>();
  const missing = manifest.migrations.filter((m) => !applied.some((a) => a.name === m));
  if (missing.length) throw new RestoreError(`apply migrations first; the target lacks ${missing.join(", ")}`);

  // Read and verify every part before touching the target.
  const data = new Map<string, string[]>();
  for (const table of manifest.tables) {
    const lines: string[] = [];
    for (const part of table.parts) {
      const object = await bucket.get(part.key);
      if (!object) throw new RestoreError(`backup part ${part.key} is missing`);
      const bytes = new Uint8Array(await object.arrayBuffer());
      if ((await sha256Hex(bytes)) !== part.sha256) throw new RestoreError(`backup part ${part.key} is corrupt`);
      lines.push(...new TextDecoder().decode(bytes).split("\n").filter(Boolean));
    }
    if (lines.length !== table.rows)
      throw new RestoreError(`table ${table.name}: ${lines.length} rows, manifest says ${table.rows}`);
    data.set(table.name, lines);
  }

  for (const table of manifest.tables) {
    const row = await target.prepare(`SELECT count(*) AS n FROM ${quoteIdent(table.name)}`).first<{ n: number }>();
    if ((row?.n ?? 0) > 0 && !options.replace) {
      throw new RestoreError(`target table ${table.name} is not empty; restore into an empty database or pass replace`);
    }
  }
  if (options.replace) {
    await target.batch([...manifest.tables].reverse().map((t) => target.prepare(`DELETE FROM ${quoteIdent(t.name)}`)));
  }

  let rows = 0;
  for (const table of manifest.tables) {
    const sql = insertSql(table.name, table.columns);
    const lines = data.get(table.name) ?? [];
    for (let i = 0; i < lines.length; i += STATEMENTS_PER_BATCH) {
      const statements = lines
        .slice(i, i + STATEMENTS_PER_BATCH)
        .map((line) => target.prepare(sql).bind(...decodeRow(line)));
      await target.batch(statements);
      rows += statements.length;
    }
  }
  await rebuildExternalContentIndexes(target);
  return { tables: manifest.tables.length, rows };
}

/** FTS5 tables over external content are not backed up; they are rebuilt from the restored rows. */
async function rebuildExternalContentIndexes(db: D1Database) {
  const { results } = await db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
    .all<{ name: string; sql: string }>();
  for (const table of results) {
    if (/content\s*=\s*'[^']+'/i.test(table.sql)) {
      await db.prepare(`INSERT INTO ${quoteIdent(table.name)}(${quoteIdent(table.name)}) VALUES ('rebuild')`).run();
    }
  }
}
