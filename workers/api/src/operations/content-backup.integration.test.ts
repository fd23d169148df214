import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { clearObject, objectFingerprint, plantContent } from "../../test/content-helpers";
import { bearer, createNotebook, signUp } from "../../test/helpers";
import { notebookObject } from "../content/content-db";
import {
  BACKUP_FORMAT,
  BACKUP_PREFIX,
  type BackupManifest,
  type ContentIndexPage,
  type ContentManifest,
  contentPrefix,
  sha256Hex,
} from "./backup-format";
import { contentManifestKey, continueContentBackup, pendingContentBackup } from "./content-backup";
import { restoreContent } from "./content-restore";
import { RestoreError } from "./restore";

async function notebooks(n: number): Promise<string[]> {
  const auth = bearer(await signUp());
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(await createNotebook(auth, `Shard ${i}`));
  return ids.sort();
}

/** Runs the export until its manifest is written (each run bounded by `budget` calls). */
async function exportAll(backupId: string, notebookIds: string[], budget: number) {
  const runs = [];
  for (let i = 0; i < 10; i++) {
    const run = await continueContentBackup(env, { backupId, notebookIds, budget, partBytes: 300 });
    runs.push(run);
    if (run?.complete) break;
  }
  return runs;
}

describe("backup of the notebooks' own databases", () => {
  it("exports each object in bounded runs, names every part, and restores rows and checksums", async () => {
    const [a, b, gone, deletedBefore] = (await notebooks(4)) as [string, string, string, string];
    await plantContent(env, a, `doc_${crypto.randomUUID()}`, 4);
    await plantContent(env, a, `doc_${crypto.randomUUID()}`, 2, 10);
    await plantContent(env, b, `doc_${crypto.randomUUID()}`, 1);
    await plantContent(env, gone, `doc_${crypto.randomUUID()}`, 1);
    // Deleted before the backup: its object has a tombstone, so the export skips it and says so.
    await notebookObject(env, deletedBefore).stub.wipe();
    const before = { [a]: await objectFingerprint(env, a), [b]: await objectFingerprint(env, b) };
    expect(before[a]?.chunk?.rows).toBe(6);

    const backupId = "2026-12-01T03-30-00Z";
    // A budget that one notebook's export exhausts: one notebook with content per run, the cursor carries on.
    const scope = [a, b, gone, deletedBefore];
    const runs = await exportAll(backupId, scope, 8);
    // (ids sorted: deletedBefore comes last, alone in the fourth run, which writes no page)
    expect(runs.map((r) => [r?.exported, r?.deleted, r?.complete])).toEqual([
      [1, 0, false],
      [1, 0, false],
      [1, 0, false],
      [0, 1, true],
    ]);
    const manifest = (await (await env.FILES.get(contentManifestKey(backupId)))?.json()) as ContentManifest;
    expect(manifest).toMatchObject({ backupId, notebooks: 3, deleted: [deletedBefore] });
    expect(manifest.pages).toHaveLength(3);
    expect(await env.BACKUP_BUCKET.head(contentManifestKey(backupId))).not.toBeNull();

    // The pages name every part with its notebook, table, rows and sha256; the parts are there, intact.
    const listed: ContentIndexPage["notebooks"] = [];
    for (const ref of manifest.pages) {
      const text = (await (await env.FILES.get(ref.key))?.text()) ?? "";
      expect(await sha256Hex(text)).toBe(ref.sha256);
      listed.push(...(JSON.parse(text) as ContentIndexPage).notebooks);
    }
    expect(listed.map((n) => n.notebookId)).toEqual([a, b, gone]);
    const exportedA = listed[0];
    const chunkTable = exportedA?.tables.find((t) => t.name === "chunk");
    expect(chunkTable?.rows).toBe(6);
    // Tiny parts force several per table.
    expect(chunkTable?.parts.length).toBeGreaterThan(1);
    for (const part of chunkTable?.parts ?? []) {
      expect(part.key.startsWith(`${contentPrefix(backupId)}${a}/chunk/`)).toBe(true);
      const body = new Uint8Array((await (await env.BACKUP_BUCKET.get(part.key))?.arrayBuffer()) ?? new ArrayBuffer(0));
      expect(await sha256Hex(body)).toBe(part.sha256);
    }
    expect(exportedA?.rows).toBe(Object.values(before[a] ?? {}).reduce((n, t) => n + t.rows, 0));
    // The export recorded each object's figures in the registry (what /metrics sums).
    const stats = await env.DB.prepare(
      "SELECT chunks, vectors, pages, rows, bytes FROM notebook_content_stats WHERE notebook_id = ?",
    )
      .bind(a)
      .first<{ chunks: number; vectors: number; pages: number; rows: number; bytes: number }>();
    expect(stats).toMatchObject({ chunks: 6, vectors: 6, pages: 2, rows: exportedA?.rows });
    expect(stats?.bytes).toBeGreaterThan(0);

    // Losses: a's rows wiped, b changed since the backup, `gone` deleted (its object tombstoned).
    await clearObject(env, a);
    await plantContent(env, b, `doc_${crypto.randomUUID()}`, 1, 50);
    await notebookObject(env, gone).stub.wipe();

    const first = await restoreContent(env, env.FILES, backupId, { notebookIds: scope, limit: 1 });
    expect(first).toMatchObject({ notebooks: 1, next: a });
    const rest = await restoreContent(env, env.FILES, backupId, { notebookIds: scope, after: first.next });
    expect(rest).toMatchObject({ notebooks: 1, skippedDeleted: [gone] });
    expect(await objectFingerprint(env, a)).toEqual(before[a]);
    expect(await objectFingerprint(env, b)).toEqual(before[b]);
    // The keyword index came back with the rows (chunk_keyword's trigger).
    const hits = await notebookObject(env, a)
      .prepare("SELECT count(*) AS n FROM chunk_terms WHERE chunk_terms MATCH ?")
      .bind("osmosis")
      .first<{ n: number }>();
    expect(hits?.n).toBe(6);
    expect(await notebookObject(env, gone).stub.isGone()).toBe(true);
  });

  it("refuses a corrupt part before touching the object, and a backup whose export did not finish", async () => {
    const [a] = (await notebooks(1)) as [string];
    await plantContent(env, a, `doc_${crypto.randomUUID()}`, 2);
    const backupId = "2026-12-02T03-30-00Z";
    await expect(restoreContent(env, env.FILES, backupId)).rejects.toThrow(/no content manifest/);
    await exportAll(backupId, [a], 1000);
    const manifest = (await (await env.FILES.get(contentManifestKey(backupId)))?.json()) as ContentManifest;
    const page = (await (await env.FILES.get(manifest.pages[0]?.key ?? ""))?.json()) as ContentIndexPage;
    const part = page.notebooks[0]?.tables.find((t) => t.name === "chunk_vector")?.parts[0];
    if (!part) throw new Error("no chunk_vector part");
    await env.FILES.put(part.key, '["tampered"]\n');
    await plantContent(env, a, `doc_${crypto.randomUUID()}`, 1, 20);
    const changed = await objectFingerprint(env, a);
    await expect(restoreContent(env, env.FILES, backupId, { notebookIds: [a] })).rejects.toThrow(RestoreError);
    expect(await objectFingerprint(env, a)).toEqual(changed);
  });

  it("without a backup id, a run continues the newest backup whose primary is written and whose export is not", async () => {
    const [a] = (await notebooks(1)) as [string];
    await plantContent(env, a, `doc_${crypto.randomUUID()}`, 1);
    // Newer than any other test's backup; removed at the end so later cron runs do not see it.
    const backupId = "2099-01-01T03-30-00Z";
    const main: BackupManifest = {
      format: BACKUP_FORMAT,
      id: backupId,
      createdAt: "2099-01-01T03:30:00.000Z",
      migrations: [],
      tables: [],
      content: { manifest: contentManifestKey(backupId) },
    };
    try {
      await env.FILES.put(`${BACKUP_PREFIX}${backupId}/manifest.json`, JSON.stringify(main));
      expect(await pendingContentBackup(env)).toBe(backupId);
      const run = await continueContentBackup(env, { notebookIds: [a] });
      expect(run).toMatchObject({ backupId, exported: 1, complete: true });
      expect(await pendingContentBackup(env)).toBeNull();
      expect(await continueContentBackup(env, { backupId, notebookIds: [a] })).toMatchObject({
        exported: 0,
        complete: true,
      });
    } finally {
      for (const bucket of [env.FILES, env.BACKUP_BUCKET]) {
        const keys = (await bucket.list({ prefix: `${BACKUP_PREFIX}${backupId}/` })).objects.map((o) => o.key);
        if (keys.length) await bucket.delete(keys);
      }
    }
  });
});
