/**
 * Documents sent by message: a PDF or DOCX (media id → URL → bytes through the provider) or a lone web
 * link, ingested into the contact's notebook by the upload's own `acceptDocument` (size, type from the bytes,
 * dedupe, library quota, R2, the queued row, the ingest queue). The ingestion Workflow calls
 * `noticeDocumentSettled` when the document is ready, rejected or failed; the contact then hears which, once.
 */
import { getDb } from "../db";
import { fetchUrlSource } from "../documents/fetch-url";
import { loadDocument } from "../documents/lifecycle";
import { acceptDocument, type IncomingSource } from "../documents/upload";
import { getConfig } from "../platform/config";
import { errorFields, type Logger } from "../platform/logger";
import { Problem } from "../platform/problem";
import { getContact } from "./channels.store";
import { type LinkedContext, say } from "./context";
import { queueReply } from "./messages.store";
import { reply } from "./replies";
import { currentNotebook, listNotebooksReply } from "./study";
import type { ChannelJob, OutboundMessage } from "./types";

export type SentSource =
  | { kind: "media"; mediaId: string; fileName: string | null; mimeType: string | null }
  | { kind: "url"; url: string };

async function fetchSource(ctx: LinkedContext, sent: SentSource, maxBytes: number): Promise<IncomingSource> {
  if (sent.kind === "url") {
    const page = await fetchUrlSource(sent.url, maxBytes);
    return { blob: page.blob, title: page.finalUrl, fileName: null, declaredType: null, sourceUrl: page.finalUrl };
  }
  const media = await ctx.provider.downloadMedia(sent.mediaId, maxBytes);
  const fileName = sent.fileName ?? media.fileName;
  return {
    blob: media.blob,
    title: fileName?.replace(/\.[a-z0-9]{1,5}$/i, "") || "WhatsApp document",
    fileName,
    declaredType: sent.mimeType ?? media.mimeType,
    sourceUrl: null,
  };
}

export async function addDocumentByMessage(ctx: LinkedContext, sent: SentSource): Promise<OutboundMessage[]> {
  const notebook = await currentNotebook(ctx);
  if (!notebook) return listNotebooksReply(ctx);
  try {
    const source = await fetchSource(ctx, sent, getConfig(ctx.env).maxUploadBytes);
    const { row, created } = await acceptDocument(
      ctx.env,
      ctx.db,
      { userId: ctx.userId, notebookId: notebook.id },
      source,
      ctx.log,
    );
    if (!created) return [say(ctx, "docExisting", { title: row.title })];
    if (row.status === "rejected" || row.status === "failed") {
      return [say(ctx, "docRejected", { title: row.title, reason: row.errorMessage ?? row.status })];
    }
    await ctx.env.DB.prepare(
      "INSERT OR IGNORE INTO channel_document (document_id, contact_id, created_at) VALUES (?, ?, ?)",
    )
      .bind(row.id, ctx.contact.id, Date.now())
      .run();
    return [say(ctx, "docReceived", { title: row.title })];
  } catch (err) {
    // Every refusal of the upload path (type, size, empty, library quota, unreachable link) says why.
    if (err instanceof Problem && err.status < 500) {
      return [say(ctx, "docRefused", { reason: err.detail ?? err.title })];
    }
    throw err;
  }
}

/**
 * Called by the ingestion Workflow once a document settles: when a contact sent it, queue the notice.
 * Never fails the ingestion (a lost notice is logged; the document itself is fine).
 */
export async function noticeDocumentSettled(env: Env, documentId: string, log: Logger) {
  try {
    const waiting = await env.DB.prepare(
      "SELECT 1 AS n FROM channel_document WHERE document_id = ? AND notified_at IS NULL",
    )
      .bind(documentId)
      .first();
    if (!waiting) return;
    await env.CHANNEL_QUEUE.send({ kind: "document", documentId } satisfies ChannelJob, { contentType: "json" });
  } catch (err) {
    log.warn("channel notice for a settled document not queued", { documentId, ...errorFields(err) });
  }
}

/** The notice's reply (keyed by the document, so a second delivery adds nothing); null when there is none to send. */
export async function queueDocumentNotice(env: Env, documentId: string): Promise<string | null> {
  const row = await env.DB.prepare(
    "SELECT contact_id AS contactId FROM channel_document WHERE document_id = ? AND notified_at IS NULL",
  )
    .bind(documentId)
    .first<{ contactId: string }>();
  if (!row) return null;
  const contact = await getContact(env.DB, row.contactId);
  const doc = await loadDocument(getDb(env.DB), documentId).catch(() => null);
  if (!contact || !doc || !["ready", "rejected", "failed"].includes(doc.status)) return null;
  const text =
    doc.status === "ready"
      ? reply(contact.language, "docReady", { title: doc.title })
      : reply(contact.language, "docRejected", { title: doc.title, reason: doc.errorMessage ?? doc.status });
  const replyKey = `doc:${documentId}`;
  await queueReply(env.DB, {
    instanceId: contact.instanceId,
    contactId: contact.id,
    replyKey,
    parts: [{ kind: "text", text }],
  });
  await env.DB.prepare("UPDATE channel_document SET notified_at = ? WHERE document_id = ?")
    .bind(Date.now(), documentId)
    .run();
  return replyKey;
}
