/**
 * A notebook's sources as the browser sees them, after the v1 contract (GET /v1/documents/{id}):
 * status queued → processing → ready | failed (retry) | rejected (the file itself cannot be used),
 * progress {stage, done, total}, error {code, message}. Checked by hand, not with zod, because this
 * module ships to the browser (the notebook page polls documents) and zod would double its JavaScript.
 */
import type { MessageKey } from "./i18n";

export const DOCUMENT_STATUSES = ["queued", "processing", "ready", "failed", "rejected"] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

const STAGES = ["queued", "extracting", "chunking", "embedding", "indexing", "finalizing", "done"] as const;
type Stage = (typeof STAGES)[number];

export type SourceDocument = {
  id: string;
  title: string;
  status: DocumentStatus;
  progress: { stage: string; done: number; total: number } | null;
  error: { code: string | null; message: string } | null;
  pageCount: number | null;
};

export type DocumentList = { items: SourceDocument[]; nextCursor: string | null };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;
const count = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : 0);

export function parseDocument(body: unknown): SourceDocument {
  if (!isRecord(body) || typeof body.id !== "string" || typeof body.status !== "string") {
    throw new TypeError("Unexpected document");
  }
  const status = (DOCUMENT_STATUSES as readonly string[]).includes(body.status)
    ? (body.status as DocumentStatus)
    : "processing";
  const progress =
    isRecord(body.progress) && typeof body.progress.stage === "string"
      ? { stage: body.progress.stage, done: count(body.progress.done), total: count(body.progress.total) }
      : null;
  let error: SourceDocument["error"] = null;
  if (isRecord(body.error) && typeof body.error.message === "string") {
    error = { code: typeof body.error.code === "string" ? body.error.code : null, message: body.error.message };
  } else if (typeof body.error === "string" && body.error) {
    error = { code: null, message: body.error };
  }
  const title =
    typeof body.title === "string" && body.title
      ? body.title
      : typeof body.fileName === "string"
        ? body.fileName
        : body.id;
  return {
    id: body.id,
    title,
    status,
    progress,
    error,
    pageCount: typeof body.pageCount === "number" && body.pageCount > 0 ? body.pageCount : null,
  };
}

export function parseDocumentList(body: unknown): DocumentList {
  if (!isRecord(body) || !Array.isArray(body.items)) throw new TypeError("Unexpected document list");
  return {
    items: body.items.map(parseDocument),
    nextCursor: typeof body.nextCursor === "string" ? body.nextCursor : null,
  };
}

/** Ready, failed and rejected do not change on their own: nothing to poll. */
export function isSettled(status: DocumentStatus): boolean {
  return status === "ready" || status === "failed" || status === "rejected";
}

export function statusKey(status: DocumentStatus): MessageKey {
  return `doc.status.${status}`;
}

export function stageKey(stage: string): MessageKey {
  return (STAGES as readonly string[]).includes(stage)
    ? (`doc.stage.${stage as Stage}` as MessageKey)
    : "doc.stage.queued";
}

const REJECTION_CODES = [
  "encrypted",
  "damaged",
  "empty",
  "no_text_layer",
  "too_many_pages",
  "too_large",
  "unsupported_type",
] as const;

/** A known failure code in the student's language; otherwise the API's own sentence. */
export function errorKey(error: SourceDocument["error"]): MessageKey | null {
  if (!error?.code) return null;
  return (REJECTION_CODES as readonly string[]).includes(error.code) ? (`doc.error.${error.code}` as MessageKey) : null;
}
