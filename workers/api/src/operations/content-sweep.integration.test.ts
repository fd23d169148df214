import { createExecutionContext, createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { objectFingerprint, plantContent } from "../../test/content-helpers";
import { stageDocument } from "../../test/ingest-helpers";
import { notebookObject } from "../content/content-db";
import worker from "../index";
import { sweepIngestion } from "../ingest/sweep";
import { CRON_CLEANUP } from "../platform/scheduled";
import { sweepContentObjects } from "./content-sweep";

const count = async (notebookId: string, sql: string, ...params: (string | number)[]) =>
  Number((await notebookObject(env, notebookId).one({ sql, params })).rows[0]?.[0] ?? 0);

describe("the hourly sweep inside the notebooks' own databases", () => {
  it("removes an orphan document's rows and orphan vectors from the object, and keeps the live document whole", async () => {
    const staged = await stageDocument(new TextEncoder().encode("Live notes."), "live.txt");
    const { notebookId, documentId: live } = staged;
    const orphan = `doc_gone_${crypto.randomUUID()}`;
    await plantContent(env, notebookId, live, 3);
    const liveRows = await objectFingerprint(env, notebookId);
    await plantContent(env, notebookId, orphan, 2, 100);
    // A vector of the live document whose chunk is gone (a chunker change, an interrupted purge).
    await notebookObject(env, notebookId).one({
      sql: "INSERT INTO chunk_vector (id, notebook_id, document_id, dimensions, vector) VALUES (?, ?, ?, 1, ?)",
      params: [`${live}:999`, notebookId, live, new Float32Array([1]).buffer],
    });
    expect((await notebookObject(env, notebookId).stub.documentIds()).sort()).toEqual([live, orphan].sort());

    const sweep = await sweepIngestion(env, Date.now(), { notebookId });
    expect(sweep.contentObjects).toEqual({ notebooks: 1, orphanDocuments: 1, orphanVectors: 1 });
    expect(await notebookObject(env, notebookId).stub.documentIds()).toEqual([live]);
    expect(await count(notebookId, "SELECT count(*) FROM chunk WHERE document_id = ?", orphan)).toBe(0);
    expect(await count(notebookId, "SELECT count(*) FROM concept_mention WHERE document_id = ?", orphan)).toBe(0);
    // The live document's rows are exactly what they were (the orphan concept row stays: no mention points
    // at it, the concept store's removeOrphanConcepts owns that).
    const after = await objectFingerprint(env, notebookId);
    for (const table of ["document_page", "chunk", "chunk_keyword", "chunk_vector", "concept_mention"] as const) {
      expect(after[table]).toEqual(liveRows[table]);
    }
    // The sweep measured the object and stamped it checked (the rotation picks the longest unchecked).
    const stats = await env.DB.prepare(
      "SELECT chunks, vectors, swept_at > 0 AS swept FROM notebook_content_stats WHERE notebook_id = ?",
    )
      .bind(notebookId)
      .first<{ chunks: number; vectors: number; swept: number }>();
    expect(stats).toEqual({ chunks: 3, vectors: 3, swept: 1 });
    // A second run finds nothing left.
    expect((await sweepContentObjects(env, Date.now(), { notebookId })).orphanDocuments).toBe(0);
  });

  it("the cron's sweep visits recently touched notebooks, and skips a deleted notebook's tombstoned object", async () => {
    const staged = await stageDocument(new TextEncoder().encode("Touched notes."), "touched.txt");
    const orphan = `doc_gone_${crypto.randomUUID()}`;
    await plantContent(env, staged.notebookId, orphan, 1);
    const tombstoned = await stageDocument(new TextEncoder().encode("Deleted notes."), "deleted.txt");
    await notebookObject(env, tombstoned.notebookId).stub.wipe();
    expect((await sweepContentObjects(env, Date.now(), { notebookId: tombstoned.notebookId })).notebooks).toBe(0);

    const controller = createScheduledController({ cron: CRON_CLEANUP, scheduledTime: Date.now() });
    await worker.scheduled(controller, env, createExecutionContext());
    expect(await notebookObject(env, staged.notebookId).stub.documentIds()).toEqual([]);
  });
});
