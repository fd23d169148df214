import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bearer, createNotebook, signUp } from "../../test/helpers";
import { getDb, schema } from "../db";
import { ContentDatabase, contentDb, contentLayout, NotebookContentGone, notebookObject } from "./content-db";

const chunkRow = (notebookId: string, documentId: string, i: number) => ({
  id: `${documentId}:${i}`,
  documentId,
  notebookId,
  chunkIndex: i,
  pageStart: 1,
  pageEnd: 1,
  startOffset: 0,
  endOffset: 10,
  text: `chunk ${i} about osmosis`,
  tokenCount: 4,
  embeddingModel: "local",
});

describe("a notebook's own database", () => {
  it("new notebooks live in their object; drizzle and raw SQL run there, and nothing of it reaches D1", async () => {
    const auth = bearer(await signUp());
    const notebookId = await createNotebook(auth);
    expect(await contentLayout(env.DB, notebookId)).toBe("object");
    const handle = await contentDb(env, notebookId);
    expect(handle).toBeInstanceOf(ContentDatabase);
    const db = getDb(handle);
    const documentId = `doc_${crypto.randomUUID()}`;
    await db.batch([
      db.insert(schema.chunk).values(chunkRow(notebookId, documentId, 0)),
      db.insert(schema.chunk).values(chunkRow(notebookId, documentId, 1)),
    ]);
    const rows = await db.select().from(schema.chunk).where(eq(schema.chunk.documentId, documentId));
    expect(rows.map((r) => r.chunkIndex)).toEqual([0, 1]);
    const first = await handle
      .prepare("SELECT text FROM chunk WHERE id = ?")
      .bind(`${documentId}:1`)
      .first<{ text: string }>();
    expect(first?.text).toBe("chunk 1 about osmosis");
    const inD1 = await env.DB.prepare("SELECT count(*) AS n FROM chunk WHERE document_id = ?")
      .bind(documentId)
      .first<{ n: number }>();
    expect(inD1?.n).toBe(0);
    // A failing statement in a batch leaves nothing of the batch (one transaction, as D1's batch).
    await expect(
      handle.batch([
        handle.prepare("DELETE FROM chunk WHERE document_id = ?").bind(documentId),
        handle.prepare("INSERT INTO chunk (id) VALUES (?)").bind("x"),
      ]),
    ).rejects.toThrow(/NOT NULL/);
    expect((await db.select().from(schema.chunk).where(eq(schema.chunk.documentId, documentId))).length).toBe(2);
    // Changes are counted as D1 counts them.
    const removed = await handle.prepare("DELETE FROM chunk WHERE id = ?").bind(`${documentId}:1`).run();
    expect(removed.meta.changes).toBe(1);
  });

  it("removeDocument takes a document's rows; wipe leaves a tombstone every later call fails on", async () => {
    const auth = bearer(await signUp());
    const notebookId = await createNotebook(auth);
    const object = notebookObject(env, notebookId);
    const db = getDb(object as unknown as D1Database);
    const [a, b] = [`doc_${crypto.randomUUID()}`, `doc_${crypto.randomUUID()}`];
    await db.insert(schema.chunk).values([chunkRow(notebookId, a, 0), chunkRow(notebookId, b, 0)]);
    await db.insert(schema.documentPage).values({ documentId: a, pageNumber: 1, text: "page" });
    expect((await object.stub.documentIds()).sort()).toEqual([a, b].sort());
    await object.stub.removeDocument(a);
    expect(await object.stub.documentIds()).toEqual([b]);
    await object.stub.wipe();
    expect(await object.stub.isGone()).toBe(true);
    await expect(object.prepare("SELECT count(*) FROM chunk").all()).rejects.toBeInstanceOf(NotebookContentGone);
  });
});
