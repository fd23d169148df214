import { introspectWorkflowInstance } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { call, fixture, waitForTerminal } from "../../test/helpers";
import { checkKeywordIndex, deliver, keywordHits, stageDocument, tracesOf } from "../../test/ingest-helpers";
import { makePdf, samplePages } from "../../test/make-pdf";
import { MemoryVectorize } from "../../test/memory-vectorize";
import { getDb } from "../db";
import { DEAD_LETTER_REASON, requeueDocument } from "../documents/lifecycle";
import { deleteDocument } from "../documents/purge";
import { createLogger } from "../platform/logger";
import { useVectorIndexForTests } from "../vectors/vector-store";
import { startIngestion } from "./queue";

const row = (id: string) =>
  env.DB.prepare("SELECT * FROM document WHERE id = ?").bind(id).first<Record<string, unknown>>();

afterEach(() => useVectorIndexForTests(undefined));

describe("IngestDocument workflow", () => {
  it("a step that fails twice then succeeds leaves exactly one set of chunks, keyword rows and vectors", async () => {
    const staged = await stageDocument(fixture("ntsb/20080111X00041.pdf"), "report.pdf");
    await using instance = await introspectWorkflowInstance(env.INGEST_WORKFLOW, staged.documentId);
    await instance.modify(async (m) => {
      await m.disableRetryDelays();
      await m.mockStepError({ name: "chunk" }, new Error("D1 is briefly unavailable"), 2);
      await m.mockStepError({ name: "embed chunks 0-5" }, new Error("embedding provider 503"), 2);
    });
    await deliver("ingest", [{ documentId: staged.documentId }]);
    await instance.waitForStatus("complete");
    expect(await instance.getOutput()).toBe("ready");

    const doc = await row(staged.documentId);
    expect(doc?.status).toBe("ready");
    const traces = await tracesOf(staged.documentId, staged.notebookId);
    expect(traces.chunks).toBe(doc?.chunk_count);
    expect(traces.vectors).toBe(doc?.chunk_count);
    expect(traces.pages).toBe(5);
    await checkKeywordIndex(staged.notebookId);
    expect(await keywordHits(staged.documentId, "collapsed")).toBeGreaterThan(0);
  });

  it("a duplicate queue delivery starts one instance; running it again (retry) still leaves one set", async () => {
    const staged = await stageDocument(fixture("ntsb/20080102X00005.pdf"), "report.pdf");
    await using instance = await introspectWorkflowInstance(env.INGEST_WORKFLOW, staged.documentId);
    const first = await startIngestion(env, staged.documentId);
    const second = await startIngestion(env, staged.documentId);
    expect(first).toBe("created");
    expect(["already-running", "not-queued"]).toContain(second);
    // The same message twice in one batch, too: both acknowledged, no second run.
    const { result } = await deliver("ingest", [{ documentId: staged.documentId }, { documentId: staged.documentId }]);
    expect(result.explicitAcks).toHaveLength(2);
    expect(result.retryMessages).toEqual([]);
    await instance.waitForStatus("complete");
    expect(await startIngestion(env, staged.documentId)).toBe("not-queued");
    const once = await tracesOf(staged.documentId, staged.notebookId);

    // A retry runs every step again on the same instance: still exactly one set.
    await env.DB.prepare("UPDATE document SET status = 'failed' WHERE id = ?").bind(staged.documentId).run();
    await requeueDocument(getDb(env.DB), staged.documentId);
    expect(await startIngestion(env, staged.documentId)).toBe("restarted");
    const again = await waitForTerminal(staged.auth, staged.documentId);
    expect(again.status).toBe("ready");
    expect(await tracesOf(staged.documentId, staged.notebookId)).toEqual(once);
    await checkKeywordIndex(staged.notebookId);
  });

  it("delete during ingestion leaves zero rows, vectors and objects (Vectorize path)", async () => {
    const index = new MemoryVectorize(512);
    useVectorIndexForTests(index.asBinding());
    const staged = await stageDocument(makePdf(samplePages(120)), "long.pdf");
    await using instance = await introspectWorkflowInstance(env.INGEST_WORKFLOW, staged.documentId);
    await deliver("ingest", [{ documentId: staged.documentId }]);
    await instance.waitForStepResult({ name: "chunk" });
    // The first embedding batch is now running or about to: delete under its feet.
    const doc = await getDb(env.DB).query.document.findFirst({ where: (d, { eq }) => eq(d.id, staged.documentId) });
    if (!doc) throw new Error("document vanished early");
    await deleteDocument(env, getDb(env.DB), doc, createLogger());
    await instance.waitForStatus("complete");
    expect(await instance.getOutput()).toBe("gone");
    expect(await tracesOf(staged.documentId, staged.notebookId)).toEqual({
      documents: 0,
      pages: 0,
      chunks: 0,
      vectors: 0,
      objects: 0,
    });
    expect(index.ids().filter((id) => id.startsWith(staged.documentId))).toEqual([]);
    await checkKeywordIndex(staged.notebookId);
  });

  it("ready waits until Vectorize has applied the writes (stage `indexing` meanwhile)", async () => {
    const index = new MemoryVectorize(512, { lagging: true });
    useVectorIndexForTests(index.asBinding());
    const staged = await stageDocument(fixture("ntsb/20080108X00029.pdf"), "report.pdf");
    await using instance = await introspectWorkflowInstance(env.INGEST_WORKFLOW, staged.documentId);
    await deliver("ingest", [{ documentId: staged.documentId }]);
    expect(await instance.waitForStepResult({ name: "vectors searchable? 1" })).toBe("pending");
    const waiting = (await (await call(`/v1/documents/${staged.documentId}`, { headers: staged.auth })).json()) as {
      status: string;
      progress: { stage: string };
    };
    expect(waiting).toMatchObject({ status: "processing", progress: { stage: "indexing" } });
    index.applyPending();
    await instance.waitForStatus("complete");
    expect((await row(staged.documentId))?.status).toBe("ready");
    expect(index.size).toBe(Number((await row(staged.documentId))?.chunk_count));
  });

  it("a step failing beyond its retries leaves the document failed with a reason; POST retry brings it to ready", async () => {
    const staged = await stageDocument(fixture("ntsb/20080108X00031.pdf"), "report.pdf");
    {
      await using instance = await introspectWorkflowInstance(env.INGEST_WORKFLOW, staged.documentId);
      await instance.modify(async (m) => {
        await m.disableRetryDelays();
        await m.mockStepError({ name: "chunk" }, new Error("D1 is down"));
      });
      await deliver("ingest", [{ documentId: staged.documentId }]);
      await instance.waitForStatus("errored");
    }
    const failed = await waitForTerminal(staged.auth, staged.documentId);
    expect(failed.status).toBe("failed");
    expect(failed.error?.message).toMatch(/temporary problem.*retry/i);

    const res = await call(`/v1/documents/${staged.documentId}/retry`, { method: "POST", headers: staged.auth });
    expect(res.status).toBe(202);
    expect(((await res.json()) as { status: string }).status).toBe("queued");
    const ready = await waitForTerminal(staged.auth, staged.documentId);
    expect(ready.status).toBe("ready");
    expect((await row(staged.documentId))?.attempts).toBe(2);
  });
});

describe("ingest queues", () => {
  it("retries a poison message (then the queue dead-letters it) and the DLQ consumer marks the document failed", async () => {
    const { result } = await deliver("ingest", [{ nonsense: true }]);
    expect(result.retryMessages).toHaveLength(1);
    expect(result.explicitAcks).toEqual([]);

    const staged = await stageDocument(new TextEncoder().encode("Notes that never got processed."), "notes.txt");
    const dead = await deliver("ingest-dlq", [{ documentId: staged.documentId }, { garbage: 1 }], 4);
    expect(dead.result.explicitAcks).toHaveLength(2);
    const doc = await waitForTerminal(staged.auth, staged.documentId);
    expect(doc.status).toBe("failed");
    expect(doc.error).toEqual({ code: "dead_letter", message: DEAD_LETTER_REASON });
  });

  it("acknowledges a message for a document deleted before it was delivered", async () => {
    const { result } = await deliver("ingest", [{ documentId: "doc_deleted_meanwhile" }]);
    expect(result.explicitAcks).toHaveLength(1);
  });
});
