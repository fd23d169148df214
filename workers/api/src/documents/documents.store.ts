/** Document persistence. Every read is scoped by owner: another tenant's document is simply absent. */
import { and, desc, eq, lt, or } from "drizzle-orm";
import type { DocumentDto } from "../../../../schemas/documents";
import type { Db } from "../db";
import { schema } from "../db";
import type { Cursor } from "../platform/pagination";
import { notFound } from "../platform/problem";

const { document, documentPage } = schema;

export type DocumentRow = typeof document.$inferSelect;

export function toDocumentDto(row: DocumentRow): DocumentDto {
  return {
    id: row.id,
    notebookId: row.notebookId,
    title: row.title,
    sourceType: row.sourceType,
    mediaType: row.mediaType,
    fileName: row.fileName,
    sourceUrl: row.sourceUrl,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    status: row.status,
    progress: { stage: row.stage, done: row.progressDone, total: row.progressTotal },
    paginated: row.sourceType === "pdf",
    pageCount: row.pageCount,
    chunkCount: row.chunkCount,
    embeddingModel: row.embeddingModel,
    error: row.errorCode ? { code: row.errorCode, message: row.errorMessage ?? "" } : null,
    attempts: row.attempts,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    readyAt: row.readyAt?.toISOString() ?? null,
  };
}

export async function findDocumentBySha(db: Db, notebookId: string, sha256: string) {
  return db.query.document.findFirst({ where: and(eq(document.notebookId, notebookId), eq(document.sha256, sha256)) });
}

export async function listDocuments(db: Db, notebookId: string, limit: number, after?: Cursor) {
  const afterCursor = after
    ? or(
        lt(document.createdAt, new Date(after.createdAt)),
        and(eq(document.createdAt, new Date(after.createdAt)), lt(document.id, after.id)),
      )
    : undefined;
  return db
    .select()
    .from(document)
    .where(and(eq(document.notebookId, notebookId), afterCursor))
    .orderBy(desc(document.createdAt), desc(document.id))
    .limit(limit + 1);
}

/** The caller's document, or a 404 identical to a missing one. */
export async function getOwnedDocument(db: Db, ownerId: string, documentId: string) {
  const row = await db.query.document.findFirst({
    where: and(eq(document.id, documentId), eq(document.ownerId, ownerId)),
  });
  if (!row) throw notFound(`Document ${documentId}`);
  return row;
}

export type PageRow = typeof documentPage.$inferSelect;

/** One stored page (its text and OCR state), or a 404. */
export async function getPage(db: Db, documentId: string, page: number): Promise<PageRow> {
  const row = await db.query.documentPage.findFirst({
    where: and(eq(documentPage.documentId, documentId), eq(documentPage.pageNumber, page)),
  });
  if (!row) throw notFound(`Page ${page} of document ${documentId}`);
  return row;
}

export function objectPrefix(notebookId: string, documentId?: string) {
  return documentId ? `documents/${notebookId}/${documentId}/` : `documents/${notebookId}/`;
}
