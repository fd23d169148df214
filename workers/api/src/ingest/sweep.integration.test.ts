import { createExecutionContext, createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { stageDocument } from "../../test/ingest-helpers";
import worker from "../index";
import { CRON_CLEANUP } from "../platform/scheduled";
import { STALLED_REASON, sweepIngestion } from "./sweep";

const HOUR = 60 * 60 * 1000;

describe("hourly ingestion sweep", () => {
  it("removes originals whose document is gone, keeps the others, and leaves fresh uploads alone", async () => {
    const staged = await stageDocument(new TextEncoder().encode("Kept notes."), "kept.txt");
    const orphan = `documents/${staged.notebookId}/doc_never_inserted/original`;
    await env.FILES.put(orphan, "left behind by a failed upload");

    // Scoped to this notebook: the sweep must not race other tests' uploads in flight.
    const scope = { notebookId: staged.notebookId };
    expect((await sweepIngestion(env, Date.now(), scope)).orphanObjects).toBe(0);
    expect(await env.FILES.head(orphan)).not.toBeNull();

    const later = await sweepIngestion(env, Date.now() + 2 * HOUR, scope);
    expect(later.orphanObjects).toBe(1);
    expect(await env.FILES.head(orphan)).toBeNull();
    expect(
      (await env.FILES.list({ prefix: `documents/${staged.notebookId}/${staged.documentId}/` })).objects,
    ).toHaveLength(1);
  });

  it("marks a document whose Workflow never recorded an end as failed, with a retryable reason (from the cron)", async () => {
    const staged = await stageDocument(new TextEncoder().encode("Stuck notes."), "stuck.txt");
    await env.DB.prepare("UPDATE document SET status = 'processing', updated_at = ? WHERE id = ?")
      .bind(Date.now() - 3 * HOUR, staged.documentId)
      .run();
    const controller = createScheduledController({ cron: CRON_CLEANUP, scheduledTime: Date.now() });
    await worker.scheduled(controller, env, createExecutionContext());
    const row = await env.DB.prepare("SELECT status, error_message FROM document WHERE id = ?")
      .bind(staged.documentId)
      .first<{ status: string; error_message: string }>();
    expect(row).toEqual({ status: "failed", error_message: STALLED_REASON });
  });
});
