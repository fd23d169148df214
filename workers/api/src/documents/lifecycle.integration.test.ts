/**
 * The lifecycle's rule table, on real D1: every move tried from every status. The expected table is
 * written out here by hand (not read from MOVES), so a rule changed in lifecycle.ts fails this test.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { DOCUMENT_STATUSES, type DocumentStatus } from "../../../../schemas/db";
import { bearer, createNotebook, signUp } from "../../test/helpers";
import { getDb } from "../db";
import {
  beginProcessing,
  canMove,
  createDocument,
  type MoveName,
  markDeadLettered,
  markFailed,
  markReady,
  markRejected,
  removeDocument,
  requeueDocument,
  retryDocument,
  setProgress,
} from "./lifecycle";

const ALLOWED: Record<Exclude<MoveName, "accept" | "refuse">, DocumentStatus[]> = {
  begin: ["queued", "processing"],
  progress: ["queued", "processing"],
  ready: ["processing"],
  reject: ["queued", "processing"],
  fail: ["queued", "processing"],
  deadLetter: ["queued"],
  retry: ["failed"],
};

const db = () => getDb(env.DB);

/** Each move as the rest of the code calls it. */
const perform: Record<keyof typeof ALLOWED, (id: string, notebookId: string) => Promise<unknown>> = {
  begin: (id) => beginProcessing(db(), id),
  progress: (id) => setProgress(db(), id, "embedding", 3, 9),
  ready: (id, notebookId) => markReady(db(), id, notebookId),
  reject: (id) => markRejected(db(), id, "damaged", "This PDF is damaged."),
  fail: (id) => markFailed(db(), id, "temporary"),
  deadLetter: (id) => markDeadLettered(db(), id),
  retry: (id) => requeueDocument(db(), id),
};

const TARGET: Record<keyof typeof ALLOWED, DocumentStatus> = {
  begin: "processing",
  progress: "processing",
  ready: "ready",
  reject: "rejected",
  fail: "failed",
  deadLetter: "failed",
  retry: "queued",
};

let owner: { userId: string; notebookId: string };
let seq = 0;

async function documentIn(status: DocumentStatus) {
  const created = new Date();
  const row = await createDocument(
    db(),
    {
      id: `doc_lifecycle_${++seq}_${crypto.randomUUID().slice(0, 8)}`,
      notebookId: owner.notebookId,
      ownerId: owner.userId,
      title: `In ${status}`,
      sourceType: "text",
      mediaType: "text/plain",
      fileName: null,
      sourceUrl: null,
      sizeBytes: 10,
      sha256: crypto.randomUUID(),
      r2Key: `documents/${owner.notebookId}/x/original`,
      createdAt: created,
    },
    null,
  );
  // Put the row in the starting status directly: the test sets the stage, the lifecycle is what it checks.
  await env.DB.prepare("UPDATE document SET status = ?, error_code = 'before', error_message = 'before' WHERE id = ?")
    .bind(status, row.id)
    .run();
  return row;
}

const statusOf = async (id: string) =>
  (await env.DB.prepare("SELECT status FROM document WHERE id = ?").bind(id).first<{ status: string }>())?.status;

beforeAll(async () => {
  const user = await signUp();
  owner = { userId: user.userId, notebookId: await createNotebook(bearer(user)) };
});

describe("document lifecycle: allowed and refused transitions", () => {
  const cases = Object.keys(ALLOWED).flatMap((move) =>
    DOCUMENT_STATUSES.map((from) => ({
      move: move as keyof typeof ALLOWED,
      from,
      allowed: ALLOWED[move as keyof typeof ALLOWED].includes(from),
    })),
  );

  it.each(cases)("$move from $from: allowed=$allowed", async ({ move, from, allowed }) => {
    expect(canMove(from, move)).toBe(allowed);
    const row = await documentIn(from);
    await perform[move](row.id, owner.notebookId);
    expect(await statusOf(row.id)).toBe(allowed ? TARGET[move] : from);
  });

  it("a new document starts queued, or rejected with the upload's reason; no other move creates one", async () => {
    expect(canMove(null, "accept")).toBe(true);
    expect(canMove(null, "refuse")).toBe(true);
    for (const move of Object.keys(ALLOWED) as MoveName[]) expect(canMove(null, move)).toBe(false);
    for (const status of DOCUMENT_STATUSES) expect(canMove(status, "accept")).toBe(false);

    const queued = await documentIn("queued");
    expect(queued.status).toBe("queued");
    const rejected = await createDocument(
      db(),
      { ...queued, id: `${queued.id}_r`, sha256: crypto.randomUUID(), createdAt: new Date() },
      { code: "empty", reason: "This file contains no text." },
    );
    expect(rejected).toMatchObject({ status: "rejected", stage: "done", errorCode: "empty" });
  });

  it("retry refuses with a reason a person can act on, and re-queues a failed document", async () => {
    const sent: unknown[] = [];
    const quiet = { ...env, INGEST_QUEUE: { send: async (m: unknown) => void sent.push(m) } } as unknown as Env;
    for (const [status, detail] of [
      ["rejected", /rejected because of the file itself.*Upload a fixed file/],
      ["ready", /Only failed documents can be retried; this one is ready/],
      ["processing", /this one is processing/],
    ] as const) {
      const row = await documentIn(status);
      await expect(retryDocument(quiet, db(), { ...row, status })).rejects.toMatchObject({ status: 409, detail });
    }
    expect(sent).toEqual([]);
    const failed = await documentIn("failed");
    const queued = await retryDocument(quiet, db(), { ...failed, status: "failed" });
    expect(queued).toMatchObject({ status: "queued", stage: "queued", errorCode: null, attempts: 2 });
    expect(sent).toEqual([{ documentId: failed.id }]);
  });

  it("delete is allowed from every status", async () => {
    for (const status of DOCUMENT_STATUSES) {
      const row = await documentIn(status);
      await removeDocument(db(), row);
      expect(await statusOf(row.id)).toBeUndefined();
    }
  });
});
