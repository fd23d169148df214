/**
 * A notebook's sources as the browser sees them: the API's own `Document` (generated from its OpenAPI
 * document into api-types.ts) — status queued → processing → ready | failed (retry) | rejected (the file
 * itself cannot be used), progress {stage, done, total}, error {code, message}. The typed client
 * ($lib/client/api.ts, $lib/server/api.ts) hands these over already typed; only the upload's XHR answer
 * arrives as raw JSON, and `acceptedDocument` checks that one.
 */
import type { components } from "./api-types";
import type { MessageKey } from "./i18n";

export type SourceDocument = components["schemas"]["Document"];
export type DocumentStatus = SourceDocument["status"];
type Stage = SourceDocument["progress"]["stage"];
const STAGES: readonly Stage[] = ["queued", "extracting", "chunking", "embedding", "indexing", "finalizing", "done"];

/** The 202 answer of an upload (XHR, so not through the typed client): a document, or null if it is not one. */
export function acceptedDocument(body: unknown): SourceDocument | null {
  if (!body || typeof body !== "object") return null;
  const doc = body as Partial<SourceDocument>;
  const statuses: readonly unknown[] = ["queued", "processing", "ready", "failed", "rejected"];
  if (typeof doc.id !== "string" || typeof doc.title !== "string" || !statuses.includes(doc.status)) return null;
  if (!doc.progress || typeof doc.progress !== "object") return null;
  return doc as SourceDocument;
}

/** Ready, failed and rejected do not change on their own: nothing to poll. */
export function isSettled(status: DocumentStatus): boolean {
  return status === "ready" || status === "failed" || status === "rejected";
}

/** A source that failed or was rejected: nothing of it can be asked or studied (until it is tried again). */
export function isUnusable(status: DocumentStatus): boolean {
  return status === "failed" || status === "rejected";
}

/**
 * A list of sources read from the server, with those accepted on the page that it does not hold yet (it
 * was read before they were added) in front; `missing` is what the list still lacks.
 */
export function withAcceptedHere(
  listed: readonly SourceDocument[],
  acceptedHere: readonly SourceDocument[],
): { docs: SourceDocument[]; missing: SourceDocument[] } {
  const ids = new Set(listed.map((doc) => doc.id));
  const missing = acceptedHere.filter((doc) => !ids.has(doc.id));
  return { docs: [...missing, ...listed], missing };
}

export function statusKey(status: DocumentStatus): MessageKey {
  return `doc.status.${status}`;
}

export function stageKey(stage: string): MessageKey {
  return (STAGES as readonly string[]).includes(stage) ? (`doc.stage.${stage}` as MessageKey) : "doc.stage.queued";
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
