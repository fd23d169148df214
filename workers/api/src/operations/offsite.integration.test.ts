/**
 * Off-site copies (issue 17.4), on real local R2 and D1 in workerd: the daily backup lands in BACKUP_BUCKET
 * too and restores from there alone (the FILES copy deleted first); every uploaded original is copied by
 * the ingestion Workflow, checked against its sha256; deleting the document removes the copy.
 */
import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { bearer, call, createNotebook, signUp, waitForTerminal } from "../../test/helpers";
import { deliver, stageDocument } from "../../test/ingest-helpers";
import { listBackups, listBackupTables, pruneBackups, runBackup, tableShape } from "./backup";
import { BACKUP_PREFIX, encodeRow, quoteIdent, sha256Hex } from "./backup-format";
import { copyOriginalOffsite } from "./offsite";
import { restoreBackup } from "./restore";

const PROBE = "CREATE TABLE IF NOT EXISTS offsite_probe (id INTEGER PRIMARY KEY, data BLOB, note TEXT)";

/** Rows and a checksum of every table, to compare a database before and after. */
async function fingerprint(db: D1Database) {
  const out: Record<string, string> = {};
  for (const table of await listBackupTables(db)) {
    const { columns } = await tableShape(db, table);
    const { results } = await db
      .prepare(`SELECT * FROM ${quoteIdent(table)} ORDER BY ${columns.map(quoteIdent).join(", ")}`)
      .all<Record<string, unknown>>();
    out[table] = `${results.length}:${await sha256Hex(results.map((r) => encodeRow(r, columns)).join("\n"))}`;
  }
  return out;
}

async function emptyAll(db: D1Database) {
  const tables = await listBackupTables(db);
  await db.batch([...tables].reverse().map((t) => db.prepare(`DELETE FROM ${quoteIdent(t)}`)));
}

async function removePrefix(bucket: R2Bucket, prefix: string) {
  const listing = await bucket.list({ prefix });
  if (listing.objects.length) await bucket.delete(listing.objects.map((o) => o.key));
}

describe("off-site copies", () => {
  it("the backup is written to BACKUP_BUCKET and restores from it with FILES' copy gone", async () => {
    // A small database of its own (RESTORE_DB), so the round trip is quick whatever else the suite left.
    const db = env.RESTORE_DB;
    await applyD1Migrations(db, env.TEST_MIGRATIONS);
    await db.prepare(PROBE).run();
    await emptyAll(db);
    await db
      .prepare("INSERT INTO offsite_probe (data, note) VALUES (?, ?), (?, ?), (?, ?)")
      .bind(new Uint8Array([0, 255, 7]), "blob", null, "ünïcödé ✓", new Uint8Array([]), 'O\'Brien "x"\nline')
      .run();
    const before = await fingerprint(db);

    const source = { ...env, DB: db } as Env;
    const manifest = await runBackup(source, new Date("2025-01-15T03:30:00Z"), 64);
    expect(await listBackups(env.BACKUP_BUCKET)).toContain(manifest.id);
    const parts = manifest.tables.flatMap((t) => t.parts);
    expect(parts.length).toBeGreaterThan(0);
    for (const part of parts) expect(await env.BACKUP_BUCKET.head(part.key)).not.toBeNull();

    // The primary copy is lost and the database wiped: only the off-site bucket is left.
    await removePrefix(env.FILES, `${BACKUP_PREFIX}${manifest.id}/`);
    expect(await env.FILES.get(`${BACKUP_PREFIX}${manifest.id}/manifest.json`)).toBeNull();
    await emptyAll(db);
    expect((await fingerprint(db)).offsite_probe).toMatch(/^0:/);

    const restored = await restoreBackup(env.BACKUP_BUCKET, manifest.id, db);
    expect(restored.rows).toBe(manifest.tables.reduce((n, t) => n + t.rows, 0));
    expect(await fingerprint(db)).toEqual(before);

    // Retention applies to the off-site copy too (dates far from other files' backups in the shared buckets).
    expect(await pruneBackups(source, new Date("2025-02-20T03:30:00Z"))).toContain(manifest.id);
    expect(await env.BACKUP_BUCKET.head(`${BACKUP_PREFIX}${manifest.id}/manifest.json`)).toBeNull();
  });

  it("every uploaded original is copied off-site by the Workflow (same key, same sha256), once; delete removes it", async () => {
    const text = `Mitochondria ${crypto.randomUUID()} make ATP from glucose and oxygen.`;
    const staged = await stageDocument(new TextEncoder().encode(text), "cells.txt");
    const row = await env.DB.prepare("SELECT r2_key, sha256 FROM document WHERE id = ?")
      .bind(staged.documentId)
      .first<{ r2_key: string; sha256: string }>();
    if (!row) throw new Error("no document row");
    expect(await env.BACKUP_BUCKET.head(row.r2_key)).toBeNull();
    await deliver("ingest", [{ documentId: staged.documentId }]);
    expect((await waitForTerminal(staged.auth, staged.documentId)).status).toBe("ready");

    const copy = await env.BACKUP_BUCKET.get(row.r2_key);
    expect(copy?.customMetadata?.sha256).toBe(row.sha256);
    expect(await copy?.text()).toBe(text);
    expect(await copyOriginalOffsite(env, staged.documentId)).toEqual({ copied: false });

    const res = await call(`/v1/documents/${staged.documentId}`, { method: "DELETE", headers: staged.auth });
    expect(res.status).toBe(204);
    expect(await env.BACKUP_BUCKET.head(row.r2_key)).toBeNull();
  });

  it("an original uploaded through the API is there too", async () => {
    const auth = bearer(await signUp());
    const notebookId = await createNotebook(auth);
    const form = new FormData();
    form.set("file", new File([`Osmosis ${crypto.randomUUID()} moves water.`], "water.txt", { type: "text/plain" }));
    const res = await call(`/v1/notebooks/${notebookId}/documents`, { method: "POST", body: form, headers: auth });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    await waitForTerminal(auth, id);
    const row = await env.DB.prepare("SELECT r2_key FROM document WHERE id = ?").bind(id).first<{ r2_key: string }>();
    expect(await env.BACKUP_BUCKET.head(row?.r2_key ?? "")).not.toBeNull();
  });
});
