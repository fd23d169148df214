import { applyD1Migrations, createExecutionContext, createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { bearer, call, jsonBody, signUp } from "../../test/helpers";
import { CRON_BACKUP, runScheduled } from "../platform/scheduled";
import { listBackups, listBackupTables, pruneBackups, runBackup, tableShape } from "./backup";
import { encodeRow, quoteIdent, sha256Hex } from "./backup-format";
import { RestoreError, restoreBackup } from "./restore";

/** Row count and a checksum of every row (in rowid order) of every backed-up table. */
async function fingerprint(db: D1Database, tables: string[]) {
  const out: Record<string, { rows: number; sha256: string }> = {};
  for (const table of tables) {
    const { columns: all } = await tableShape(db, table);
    const { results } = await db
      .prepare(`SELECT * FROM ${quoteIdent(table)} ORDER BY ${all.map(quoteIdent).join(", ")}`)
      .all<Record<string, unknown>>();
    const columns = results[0] ? Object.keys(results[0]) : [];
    out[table] = {
      rows: results.length,
      sha256: await sha256Hex(results.map((r) => encodeRow(r, columns)).join("\n")),
    };
  }
  return out;
}

const PROBE_TABLE =
  "CREATE TABLE IF NOT EXISTS backup_probe (id INTEGER PRIMARY KEY, data BLOB, note TEXT, amount REAL)";

async function seed() {
  for (const name of ["Ana", "Bruno"]) {
    const user = await signUp(name);
    for (const title of ["Biologia", "História — 1º ano", "O'Brien's \"quotes\"\nand lines"]) {
      const req = jsonBody({ title });
      await call("/v1/notebooks", { method: "POST", body: req.body, headers: { ...req.headers, ...bearer(user) } });
    }
  }
  await env.DB.prepare(PROBE_TABLE).run();
  await env.DB.prepare("INSERT INTO backup_probe (data, note, amount) VALUES (?, ?, ?), (?, ?, ?)")
    .bind(new Uint8Array([0, 1, 2, 255, 128]), "blob row", 3.25, null, "ünïcödé ✓ 🧪", -1)
    .run();
}

describe("backup and restore", () => {
  // The suite shares one database, so this backs up and restores what every earlier test file left there: minutes
  // on a loaded 2-core machine, a few seconds alone.
  it("restores a backup into an empty database reproducing every table (counts and checksums)", {
    timeout: 600_000,
  }, async () => {
    await seed();
    const manifest = await runBackup(env, new Date("2026-11-20T03:30:00Z"), 512);
    const tables = await listBackupTables(env.DB);
    expect(manifest.tables.map((t) => t.name)).toEqual(tables);
    expect(tables).toEqual(expect.arrayContaining(["user", "session", "account", "notebook", "backup_probe"]));
    const notebooks = await env.DB.prepare("SELECT count(*) AS n FROM notebook").first<{ n: number }>();
    expect(manifest.tables.find((t) => t.name === "notebook")?.rows).toBe(notebooks?.n);
    expect(notebooks?.n).toBeGreaterThanOrEqual(6);
    // Tiny parts force several objects per table.
    expect(manifest.tables.find((t) => t.name === "notebook")?.parts.length).toBeGreaterThan(1);

    await applyD1Migrations(env.RESTORE_DB, env.TEST_MIGRATIONS);
    await env.RESTORE_DB.prepare(PROBE_TABLE).run();
    const result = await restoreBackup(env.FILES, manifest.id, env.RESTORE_DB);
    expect(result.rows).toBe(manifest.tables.reduce((n, t) => n + t.rows, 0));

    const before = await fingerprint(env.DB, tables);
    const after = await fingerprint(env.RESTORE_DB, tables);
    expect(after).toEqual(before);
    const blob = await env.RESTORE_DB.prepare("SELECT data FROM backup_probe WHERE note = 'blob row'").first<{
      data: number[] | ArrayBuffer;
    }>();
    expect([
      ...new Uint8Array(blob?.data instanceof ArrayBuffer ? blob.data : Uint8Array.from(blob?.data ?? [])),
    ]).toEqual([0, 1, 2, 255, 128]);

    // Restoring again into the now non-empty database is refused, and nothing is duplicated.
    await expect(restoreBackup(env.FILES, manifest.id, env.RESTORE_DB)).rejects.toThrow(RestoreError);
    expect(await fingerprint(env.RESTORE_DB, tables)).toEqual(before);
  });

  it("refuses a corrupt backup before writing anything", async () => {
    await seed();
    const manifest = await runBackup(env, new Date("2026-11-21T03:30:00Z"));
    const part = manifest.tables.find((t) => t.name === "notebook")?.parts[0];
    if (!part) throw new Error("no notebook part");
    await env.FILES.put(part.key, '["tampered"]\n');
    await applyD1Migrations(env.RESTORE_DB, env.TEST_MIGRATIONS);
    await env.RESTORE_DB.prepare(PROBE_TABLE).run();
    const tables = await listBackupTables(env.DB);
    const before = await fingerprint(env.RESTORE_DB, tables);
    await expect(restoreBackup(env.FILES, manifest.id, env.RESTORE_DB, { replace: true })).rejects.toThrow(/corrupt/);
    expect(await fingerprint(env.RESTORE_DB, tables)).toEqual(before);
  });

  it("the daily cron writes a backup and prunes those older than 30 days", async () => {
    await seed();
    await runBackup(env, new Date("2026-10-01T03:30:00Z"));
    await runBackup(env, new Date("2026-11-01T03:30:00Z"));
    const controller = createScheduledController({
      cron: CRON_BACKUP,
      scheduledTime: new Date("2026-11-22T03:30:00Z"),
    });
    await runScheduled(controller, env, createExecutionContext());
    const ids = await listBackups(env.FILES);
    expect(ids).toContain("2026-11-01T03-30-00Z");
    expect(ids).toContain("2026-11-22T03-30-00Z");
    expect(ids).not.toContain("2026-10-01T03-30-00Z");
    const manifest = await env.FILES.get("backups/2026-11-22T03-30-00Z/manifest.json");
    expect(manifest).not.toBeNull();
    expect(await pruneBackups(env, new Date("2026-11-22T03:30:00Z"))).toEqual([]);
  });
});
