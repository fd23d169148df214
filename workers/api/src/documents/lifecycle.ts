/**
 * A document's lifecycle, the one place its status changes:
 *
 *   (upload) ──► queued ──► processing(stage) ──► ready
 *      │            │  ▲            │
 *      │            │  └─ retry ─ failed ◄── (temporary problem: enqueue, dead letter, stalled, embedding refused)
 *      ▼            ▼               ▼
 *   rejected ◄──────┴───────────────┘        (a problem with the file itself: never retried)
 *
 * `MOVES` is the rule table: each move names the statuses it may start from, and every write below is an
 * `UPDATE … WHERE status IN (from)`, so a late or duplicated step (a dead letter after ready, a retry of a
 * document that is not failed) changes nothing. Delete is allowed from every status. Ingestion, the queue,
 * the sweep, the upload and the routes ask this module; none of them writes `status` itself.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { SQLiteUpdateSetSource } from "drizzle-orm/sqlite-core";
import type { DocumentStage, DocumentStatus } from "../../../../schemas/db";
import { removeDocumentContent } from "../content/content-db";
import { type Db, getDb, schema } from "../db";
import { conflict } from "../platform/problem";
import type { DocumentRow } from "./documents.store";
import type { RejectionCode } from "./rejection";

const { document, notebook } = schema;

export type Move = { from: readonly DocumentStatus[]; to: DocumentStatus };

/** Every allowed move. `from: []` is a document that does not exist yet (the upload creates it). */
export const MOVES = {
  /** Upload: bytes stored, ingestion to start. */
  accept: { from: [], to: "queued" },
  /** Upload: the bytes are unusable (wrong type inside, empty): the row records why. */
  refuse: { from: [], to: "rejected" },
  /** The Workflow's first step (again on a replay of the same run). */
  begin: { from: ["queued", "processing"], to: "processing" },
  /** Stage and done/total while the Workflow runs. */
  progress: { from: ["queued", "processing"], to: "processing" },
  /** Searchable: every vector visible. */
  ready: { from: ["processing"], to: "ready" },
  /** A problem with the file: the same input fails the same way, so it ends here. */
  reject: { from: ["queued", "processing"], to: "rejected" },
  /** A temporary problem outlived the retries: readable reason, retryable. */
  fail: { from: ["queued", "processing"], to: "failed" },
  /** The queue gave up starting it; a document already running or done is left alone. */
  deadLetter: { from: ["queued"], to: "failed" },
  /** POST …/retry: back to the queue, one more attempt counted. */
  retry: { from: ["failed"], to: "queued" },
} as const satisfies Record<string, Move>;

export type MoveName = keyof typeof MOVES;

/** Whether `move` may start from a document in `status` (`null`: no document yet). */
export function canMove(status: DocumentStatus | null, move: MoveName): boolean {
  const from: readonly DocumentStatus[] = MOVES[move].from;
  return status === null ? from.length === 0 : from.includes(status);
}

/** The one UPDATE every move on an existing document goes through. */
function moveRow(db: Db, documentId: string, move: MoveName, set: SQLiteUpdateSetSource<typeof document>) {
  const { from, to } = MOVES[move];
  return db
    .update(document)
    .set({ ...set, status: to, updatedAt: new Date() })
    .where(and(eq(document.id, documentId), inArray(document.status, [...from])));
}

/** Thrown when a document disappeared (deleted during ingestion is normal); the Workflow catches it once. */
export class DocumentGone extends Error {
  constructor(documentId: string) {
    super(`document ${documentId} no longer exists`);
    this.name = "DocumentGone";
  }
}

/** The document's row, or DocumentGone. */
export async function loadDocument(db: Db, documentId: string): Promise<DocumentRow> {
  const row = await db.query.document.findFirst({ where: eq(document.id, documentId) });
  if (!row) throw new DocumentGone(documentId);
  return row;
}

export async function documentExists(db: Db, documentId: string): Promise<boolean> {
  const row = await db.select({ id: document.id }).from(document).where(eq(document.id, documentId)).get();
  return Boolean(row);
}

/**
 * A content write for a document that may be deleted meanwhile. In D1 the foreign key to `document` refused
 * it; in the notebook's object nothing can, so the row is checked after the write and what was written is
 * taken back (removeDocumentContent), and the step ends with DocumentGone as it would have.
 */
export async function guardContentWrite<T>(
  env: Env,
  row: Pick<DocumentRow, "id" | "notebookId">,
  write: () => Promise<T>,
): Promise<T> {
  const result = await write();
  if (!(await documentExists(getDb(env.DB), row.id))) {
    await removeDocumentContent(env, row.notebookId, row.id);
    throw new DocumentGone(row.id);
  }
  return result;
}

/** The document's status, or null when there is no such document. */
export async function statusOf(db: Db, documentId: string): Promise<DocumentStatus | null> {
  const row = await db.select({ status: document.status }).from(document).where(eq(document.id, documentId)).get();
  return row?.status ?? null;
}

/** Caches (answers, guides) key on the notebook's content version: bumped on every add, remove and ready. */
function bumpContentVersion(db: Db, notebookId: string) {
  return db
    .update(notebook)
    .set({ contentVersion: sql`${notebook.contentVersion} + 1`, updatedAt: new Date() })
    .where(eq(notebook.id, notebookId));
}

/**
 * A ready document gained content without a status move (a scanned page read in the browser): the notebook's
 * caches go stale, in the same batch as the content.
 */
export function contentAdded(db: Db, notebookId: string) {
  return bumpContentVersion(db, notebookId);
}

export type NewDocument = Omit<
  typeof document.$inferInsert,
  "status" | "stage" | "errorCode" | "errorMessage" | "createdAt" | "updatedAt"
> & { createdAt: Date };

/**
 * Creates the row: `queued`, or `rejected` with the reason the upload found. Throws when the notebook
 * already holds the same bytes (the unique sha256 index): the caller answers with that document instead.
 */
export async function createDocument(
  db: Db,
  values: NewDocument,
  rejected: { code: RejectionCode; reason: string } | null,
): Promise<DocumentRow> {
  const move = MOVES[rejected ? "refuse" : "accept"];
  // One transaction: a document is never added without its notebook's caches going stale.
  const [[row]] = await db.batch([
    db
      .insert(document)
      .values({
        ...values,
        status: move.to,
        stage: rejected ? "done" : "queued",
        errorCode: rejected?.code ?? null,
        errorMessage: rejected?.reason ?? null,
        updatedAt: values.createdAt,
      })
      .returning(),
    bumpContentVersion(db, values.notebookId),
  ]);
  if (!row) throw new Error("document insert returned no row");
  return row;
}

export type IngestMessage = { documentId: string };

/** Asks the queue to start (or restart) the document's ingestion. */
export async function enqueueIngestion(env: Env, documentId: string): Promise<void> {
  await env.INGEST_QUEUE.send({ documentId } satisfies IngestMessage, { contentType: "json" });
}

export const ENQUEUE_FAILED_REASON = "We could not start processing this file. Try again in a moment (POST …/retry).";

export const DEAD_LETTER_REASON =
  "We could not start processing this file after several attempts. Nothing is wrong with the file itself: retry it in a few minutes.";

/** A temporary problem: the document ends `failed` with a reason a student can act on (retry). */
export async function markFailed(db: Db, documentId: string, reason: string, code = "processing_failed") {
  const [row] = await moveRow(db, documentId, "fail", { errorCode: code, errorMessage: reason }).returning();
  return row;
}

/** The queue could not start the document after its retries; only a still-queued document is marked. */
export async function markDeadLettered(db: Db, documentId: string) {
  await moveRow(db, documentId, "deadLetter", {
    stage: "done",
    errorCode: "dead_letter",
    errorMessage: DEAD_LETTER_REASON,
  });
}

/** The Workflow's first write: processing, extracting, earlier error cleared. */
export function beginProcessing(db: Db, documentId: string) {
  return moveRow(db, documentId, "begin", {
    stage: "extracting",
    progressDone: 0,
    progressTotal: 0,
    errorCode: null,
    errorMessage: null,
  });
}

/** Stage and progress; a statement, so a step can batch it with the writes it reports. */
export function setProgress(db: Db, documentId: string, stage: DocumentStage, done: number, total: number) {
  return moveRow(db, documentId, "progress", { stage, progressDone: done, progressTotal: total });
}

export async function markRejected(db: Db, documentId: string, code: RejectionCode, reason: string) {
  await moveRow(db, documentId, "reject", { stage: "done", errorCode: code, errorMessage: reason });
}

/** Searchable: `ready`, and the notebook's caches invalidated. False when the document is not processing. */
export async function markReady(db: Db, documentId: string, notebookId: string): Promise<boolean> {
  const [updated] = await moveRow(db, documentId, "ready", {
    stage: "done",
    progressDone: sql`${document.progressTotal}`,
    errorCode: null,
    errorMessage: null,
    readyAt: new Date(),
  }).returning({ id: document.id });
  if (updated) await bumpContentVersion(db, notebookId);
  return Boolean(updated);
}

/** A failed document goes back to the queue: state reset, one more attempt counted. */
export async function requeueDocument(db: Db, documentId: string) {
  const [row] = await moveRow(db, documentId, "retry", {
    stage: "queued",
    progressDone: 0,
    progressTotal: 0,
    errorCode: null,
    errorMessage: null,
    attempts: sql`${document.attempts} + 1`,
  }).returning();
  return row;
}

/** POST …/retry: only a failed document goes back to the queue; a rejected one is told why not. */
export async function retryDocument(env: Env, db: Db, row: DocumentRow): Promise<DocumentRow> {
  if (!canMove(row.status, "retry")) {
    throw conflict(
      row.status === "rejected"
        ? `This document was rejected because of the file itself (${row.errorMessage ?? "unusable"}); retrying cannot help. Upload a fixed file.`
        : `Only failed documents can be retried; this one is ${row.status}.`,
    );
  }
  const queued = await requeueDocument(db, row.id);
  if (!queued) throw conflict("This document changed state meanwhile; reload it.");
  await enqueueIngestion(env, row.id);
  return queued;
}

/**
 * Removes the row (D1 cascades pages, chunks, keyword rows and local vectors) from any status; an emptied
 * notebook may be indexed with another model next time. Objects and vectors outside D1 are the caller's.
 */
export async function removeDocument(db: Db, row: Pick<DocumentRow, "id" | "notebookId">) {
  await db.delete(document).where(eq(document.id, row.id));
  await db.batch([
    bumpContentVersion(db, row.notebookId),
    db
      .update(notebook)
      .set({ embeddingModel: null })
      .where(
        and(
          eq(notebook.id, row.notebookId),
          sql`NOT EXISTS (SELECT 1 FROM document WHERE document.notebook_id = ${notebook.id})`,
        ),
      ),
  ]);
}

/**
 * The monthly page charge is claimed on the row (`pages_charged` 0 → n) before the quota is consumed, so
 * a retried step never charges twice; false when an earlier attempt already charged.
 */
export async function claimPageCharge(db: D1Database, documentId: string, pages: number): Promise<boolean> {
  const claimed = await db
    .prepare("UPDATE document SET pages_charged = ? WHERE id = ? AND pages_charged = 0")
    .bind(pages, documentId)
    .run();
  return claimed.meta.changes > 0;
}

/** Gives the claim back when the quota refused the pages (the document is then rejected). */
export async function releasePageCharge(db: D1Database, documentId: string) {
  await db.prepare("UPDATE document SET pages_charged = 0 WHERE id = ?").bind(documentId).run();
}
