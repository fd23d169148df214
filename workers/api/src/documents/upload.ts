/**
 * Accepting a document: size and type checked from the bytes, sha256 dedupe inside the notebook, the
 * original to R2 under a server-made key, a `queued` row, a queue message. Everything slow (extraction,
 * chunking, embeddings) happens later in the ingestion Workflow.
 */

import { assertNotMoving } from "../content-move/content-move.store";
import type { Db } from "../db";
import { getConfig } from "../platform/config";
import { newId } from "../platform/ids";
import { errorFields, type Logger } from "../platform/logger";
import { Problem } from "../platform/problem";
import { assertNotReembedding } from "../reembed/reembed.store";
import { assertLibraryRoom } from "../usage/library-limits";
import { assertVectorIndexBound } from "../vectors/vector-store";
import { detectType } from "./detect-type";
import { type DocumentRow, findDocumentBySha, objectPrefix } from "./documents.store";
import { createDocument, ENQUEUE_FAILED_REASON, enqueueIngestion, markFailed } from "./lifecycle";
import { reasons } from "./rejection";
import { payloadTooLarge } from "./upload-limit";

export type IncomingSource = {
  blob: Blob;
  title: string;
  fileName: string | null;
  declaredType: string | null;
  sourceUrl: string | null;
};

const unsupportedType = (detail: string) =>
  new Problem({ status: 415, type: "unsupported-file-type", title: "Unsupported file type", detail });

async function sha256Hex(blob: Blob): Promise<string> {
  const digest = new crypto.DigestStream("SHA-256");
  await blob.stream().pipeTo(digest);
  return [...new Uint8Array(await digest.digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Stores and enqueues a new document, or returns the notebook's existing one with the same bytes. */
export async function acceptDocument(
  env: Env,
  db: Db,
  owner: { userId: string; notebookId: string },
  source: IncomingSource,
  /** The request's logger (its request id on every line). */
  log: Logger,
): Promise<{ row: DocumentRow; created: boolean }> {
  const { maxUploadBytes } = getConfig(env);
  const { blob } = source;
  if (blob.size > maxUploadBytes) throw payloadTooLarge(maxUploadBytes);

  const head = new Uint8Array(await blob.slice(0, 8192).arrayBuffer());
  const tail = new Uint8Array(await blob.slice(Math.max(0, blob.size - 65536)).arrayBuffer());
  const detected = detectType(head, tail, source.fileName, source.declaredType);
  if (!detected.ok && "unsupported" in detected) throw unsupportedType(detected.unsupported);
  if (blob.size === 0)
    throw new Problem({ status: 422, type: "empty-file", title: "Empty file", detail: reasons.empty });

  const sha256 = await sha256Hex(blob);
  const existing = await findDocumentBySha(db, owner.notebookId, sha256);
  if (existing) return { row: existing, created: false };
  await assertNotReembedding(env, owner.notebookId);
  await assertNotMoving(env, owner.notebookId);
  await assertVectorIndexBound(env, owner.notebookId);
  await assertLibraryRoom(env.DB, { userId: owner.userId, notebookId: owner.notebookId, incomingBytes: blob.size });

  const now = new Date();
  const id = newId("doc", now.getTime());
  const r2Key = `${objectPrefix(owner.notebookId, id)}original`;
  await env.FILES.put(r2Key, blob, {
    httpMetadata: { contentType: detected.mediaType },
    customMetadata: { documentId: id, notebookId: owner.notebookId, sha256 },
    sha256,
  });

  const rejected = detected.ok ? null : detected.rejected;
  let row: DocumentRow;
  try {
    row = await createDocument(
      db,
      {
        id,
        notebookId: owner.notebookId,
        ownerId: owner.userId,
        title: source.title,
        sourceType: detected.sourceType,
        mediaType: detected.mediaType,
        fileName: source.fileName,
        sourceUrl: source.sourceUrl,
        sizeBytes: blob.size,
        sha256,
        r2Key,
        createdAt: now,
      },
      rejected,
    );
  } catch (err) {
    // The same bytes uploaded twice at once: the other request won, answer with its document.
    await env.FILES.delete(r2Key);
    const winner = await findDocumentBySha(db, owner.notebookId, sha256);
    if (winner) return { row: winner, created: false };
    throw err;
  }
  if (rejected) return { row, created: true };

  try {
    await enqueueIngestion(env, id);
  } catch (err) {
    log.error("could not enqueue ingestion", { documentId: id, ...errorFields(err) });
    const failed = await markFailed(db, id, ENQUEUE_FAILED_REASON, "enqueue_failed");
    if (!failed) throw err;
    row = failed;
  }
  return { row, created: true };
}
