/**
 * The ingestion Workflow's writes to the document row: stage and progress, and the terminal states.
 * Every update is conditional on the row still existing, and reports whether it did (delete during
 * ingestion is normal).
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DocumentStage } from "../../../../schemas/db";
import { type Db, schema } from "../db";
import { bumpContentVersion } from "../documents/documents.store";
import type { RejectionCode } from "./rejection";

const { document } = schema;

export type StepOutcome = "continue" | "gone" | "rejected" | "done";

/** Thrown inside a step when the document disappeared; the step returns "gone" instead of retrying. */
export class DocumentGone extends Error {
  constructor(documentId: string) {
    super(`document ${documentId} no longer exists`);
    this.name = "DocumentGone";
  }
}

export async function loadDocument(db: Db, documentId: string) {
  const row = await db.query.document.findFirst({ where: eq(document.id, documentId) });
  if (!row) throw new DocumentGone(documentId);
  return row;
}

export async function documentExists(db: Db, documentId: string): Promise<boolean> {
  const row = await db.select({ id: document.id }).from(document).where(eq(document.id, documentId)).get();
  return Boolean(row);
}

export function setProgress(db: Db, documentId: string, stage: DocumentStage, done: number, total: number) {
  return db
    .update(document)
    .set({ status: "processing", stage, progressDone: done, progressTotal: total, updatedAt: new Date() })
    .where(eq(document.id, documentId));
}

export async function markRejected(db: Db, documentId: string, code: RejectionCode, reason: string) {
  await db
    .update(document)
    .set({ status: "rejected", stage: "done", errorCode: code, errorMessage: reason, updatedAt: new Date() })
    .where(eq(document.id, documentId));
}

export async function markFailed(db: Db, documentId: string, reason: string, code = "processing_failed") {
  await db
    .update(document)
    .set({ status: "failed", errorCode: code, errorMessage: reason, updatedAt: new Date() })
    .where(and(eq(document.id, documentId), inArray(document.status, ["queued", "processing"])));
}

export async function markReady(db: Db, documentId: string, notebookId: string): Promise<boolean> {
  const [updated] = await db
    .update(document)
    .set({
      status: "ready",
      stage: "done",
      progressDone: sql`${document.progressTotal}`,
      errorCode: null,
      errorMessage: null,
      readyAt: new Date(),
      updatedAt: new Date(),
    })
    .where(eq(document.id, documentId))
    .returning({ id: document.id });
  if (updated) await bumpContentVersion(db, notebookId);
  return Boolean(updated);
}

/** True when a write failed because the document (and so the foreign key target) is gone. */
export async function failedBecauseGone(db: Db, documentId: string, err: unknown): Promise<boolean> {
  if (err instanceof DocumentGone) return true;
  return /FOREIGN KEY/i.test(String((err as Error)?.message ?? err)) || !(await documentExists(db, documentId));
}
