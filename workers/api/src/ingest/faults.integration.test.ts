// Faults around ingestion that workflow.integration.test.ts does not cover: the embedding provider down for
// good, and queue messages delivered late or out of order (at-least-once delivery promises neither order nor
// uniqueness).
import { introspectWorkflowInstance } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { fixture, waitForTerminal } from "../../test/helpers";
import { deliver, stageDocument, tracesOf } from "../../test/ingest-helpers";
import { getDb } from "../db";
import { requeueDocument } from "../documents/lifecycle";
import { overrideEmbedderForTests } from "../embeddings/embedder";
import { HashingEmbedder } from "../embeddings/hashing-embedder";
import { startIngestion } from "./queue";

const row = (id: string) =>
  env.DB.prepare("SELECT status, error_code, error_message, attempts FROM document WHERE id = ?")
    .bind(id)
    .first<{ status: string; error_code: string | null; error_message: string | null; attempts: number }>();

/** The local embedder's identity (so the notebook's model matches), with a provider that answers 503. */
function embedderDown() {
  const real = new HashingEmbedder();
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    embedder: {
      model: real.model,
      dimensions: real.dimensions,
      maxBatch: real.maxBatch,
      embed: async (_texts: string[]): Promise<number[][]> => {
        calls += 1;
        throw Object.assign(new Error("embedding provider unavailable (503)"), { statusCode: 503 });
      },
    },
  };
}

afterEach(() => overrideEmbedderForTests(undefined));

describe("ingestion faults", () => {
  it("embedding provider down: the embed step retries, then the document ends failed with a reason and no vectors", async () => {
    const down = embedderDown();
    overrideEmbedderForTests(down.embedder);
    const staged = await stageDocument(fixture("ntsb/20080111X00041.pdf"), "report.pdf");
    await using instance = await introspectWorkflowInstance(env.INGEST_WORKFLOW, staged.documentId);
    await instance.modify(async (m) => {
      await m.disableRetryDelays();
    });
    await deliver("ingest", [{ documentId: staged.documentId }]);
    await instance.waitForStatus("errored");

    const doc = await waitForTerminal(staged.auth, staged.documentId);
    expect(doc.status).toBe("failed");
    expect(doc.error?.message).toMatch(/temporary problem.*embedding service.*retry/i);
    // First try plus the step's five retries, then it stops: no retry loop.
    expect(down.calls).toBe(6);
    const traces = await tracesOf(staged.documentId, staged.notebookId);
    expect(traces.vectors).toBe(0);
    expect(traces.chunks).toBeGreaterThan(0); // kept for the retry; search by keyword still finds them once ready

    // Provider back: POST retry brings the same document to ready.
    overrideEmbedderForTests(undefined);
    await requeueDocument(getDb(env.DB), staged.documentId);
    expect(await startIngestion(env, staged.documentId)).toBe("restarted");
    const ready = await waitForTerminal(staged.auth, staged.documentId);
    expect(ready.status).toBe("ready");
    expect((await tracesOf(staged.documentId, staged.notebookId)).vectors).toBe(ready.chunkCount);
  });

  it("out-of-order deliveries: a late first message after the retry's, and a late dead letter after ready, change nothing", async () => {
    const staged = await stageDocument(fixture("ntsb/20080102X00005.pdf"), "report.pdf");
    await using instance = await introspectWorkflowInstance(env.INGEST_WORKFLOW, staged.documentId);
    // The second message (say, the hourly sweep's re-send) arrives first and runs the document to ready.
    const { result } = await deliver("ingest", [{ documentId: staged.documentId }]);
    expect(result.explicitAcks).toHaveLength(1);
    await instance.waitForStatus("complete");
    const ready = await waitForTerminal(staged.auth, staged.documentId);
    expect(ready.status).toBe("ready");
    const once = await tracesOf(staged.documentId, staged.notebookId);

    // The original upload's message, delayed, arrives now (with a retry count): acknowledged, nothing reruns.
    const late = await deliver("ingest", [{ documentId: staged.documentId }], 3);
    expect(late.result.explicitAcks).toHaveLength(1);
    expect(late.result.retryMessages).toEqual([]);
    expect(await startIngestion(env, staged.documentId)).toBe("not-queued");

    // A dead letter of an earlier failed attempt, delivered after the document became ready: not marked failed.
    const dead = await deliver("ingest-dlq", [{ documentId: staged.documentId }], 4);
    expect(dead.result.explicitAcks).toHaveLength(1);
    expect((await row(staged.documentId))?.status).toBe("ready");
    expect(await tracesOf(staged.documentId, staged.notebookId)).toEqual(once);
  });

  it("out-of-order within one batch: messages for two documents in reverse order, one of them twice, each ingested once", async () => {
    const a = await stageDocument(new TextEncoder().encode("Alpha notes about photosynthesis."), "a.txt");
    const b = await stageDocument(new TextEncoder().encode("Beta notes about respiration."), "b.txt", a.notebookId, a);
    const { result } = await deliver("ingest", [
      { documentId: b.documentId },
      { documentId: a.documentId },
      { documentId: b.documentId },
    ]);
    expect(result.explicitAcks).toHaveLength(3);
    expect((await waitForTerminal(a.auth, a.documentId)).status).toBe("ready");
    expect((await waitForTerminal(b.auth, b.documentId)).status).toBe("ready");
    for (const s of [a, b]) {
      const traces = await tracesOf(s.documentId, s.notebookId);
      expect(traces.documents).toBe(1);
      expect(traces.chunks).toBe(traces.vectors);
      expect((await row(s.documentId))?.attempts).toBe(1);
    }
  });
});
