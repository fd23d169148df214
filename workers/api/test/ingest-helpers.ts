import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { getDb } from "../src/db";
import type { IngestMessage } from "../src/documents/lifecycle";
import { acceptDocument } from "../src/documents/upload";
import { handleIngestQueueBatch } from "../src/ingest/queue";
import { createLogger } from "../src/platform/logger";
import { toFtsMatch } from "../src/retrieval/fts-query";
import { contentOfDocument, contentOfNotebook, rowsAnywhere } from "./content-of";
import { bearer, createNotebook, signUp } from "./helpers";

export type Staged = { documentId: string; notebookId: string; userId: string; auth: Record<string, string> };

/**
 * Stores a document exactly as an upload does, but keeps its queue message back, so a test can attach
 * `introspectWorkflowInstance` before it delivers the message itself.
 */
export async function stageDocument(
  bytes: Uint8Array,
  fileName: string,
  notebookId?: string,
  user?: Staged,
): Promise<Staged> {
  const auth = user?.auth ?? bearer(await signUp());
  const owner = user?.userId ?? (await whoAmI(auth));
  const nb = notebookId ?? (await createNotebook(auth));
  const held: IngestMessage[] = [];
  const quiet = { ...env, INGEST_QUEUE: { send: async (m: IngestMessage) => void held.push(m) } } as unknown as Env;
  const { row } = await acceptDocument(
    quiet,
    getDb(env.DB),
    { userId: owner, notebookId: nb },
    {
      blob: new Blob([bytes]),
      title: fileName,
      fileName,
      declaredType: null,
      sourceUrl: null,
    },
    createLogger(),
  );
  return { documentId: row.id, notebookId: nb, userId: owner, auth };
}

async function whoAmI(auth: Record<string, string>): Promise<string> {
  const { exports } = await import("cloudflare:workers");
  const res = await exports.default.fetch(new Request("http://api.test/v1/auth/get-session", { headers: auth }));
  return ((await res.json()) as { user: { id: string } }).user.id;
}

/** Delivers ingest messages through the Worker's real queue handler; returns the queue's ack/retry result. */
export async function deliver(queue: string, bodies: unknown[], attempts = 1) {
  const batch = createMessageBatch(
    queue,
    bodies.map((body, i) => ({ id: `msg-${i}-${crypto.randomUUID()}`, timestamp: Date.now(), attempts, body })),
  );
  const ctx = createExecutionContext();
  await handleIngestQueueBatch(batch, env);
  return { batch, result: await getQueueResult(batch, ctx) };
}

/** Every trace of a document in D1, its notebook's object, R2 and (optionally) a vector index. */
export async function tracesOf(documentId: string, notebookId: string) {
  const count = (sql: string) => rowsAnywhere(notebookId, sql, documentId);
  const objects = await env.FILES.list({ prefix: `documents/${notebookId}/${documentId}/` });
  return {
    documents:
      (await env.DB.prepare("SELECT count(*) AS n FROM document WHERE id = ?").bind(documentId).first<{ n: number }>())
        ?.n ?? 0,
    pages: await count("SELECT count(*) AS n FROM document_page WHERE document_id = ?"),
    chunks: await count("SELECT count(*) AS n FROM chunk WHERE document_id = ?"),
    vectors: await count("SELECT count(*) AS n FROM chunk_vector WHERE document_id = ?"),
    objects: objects.objects.length,
  };
}

/**
 * Throws if the stemmed keyword index (chunk_terms, the one search reads) disagrees with its rows: in D1, and
 * in each given notebook's own database.
 */
export async function checkKeywordIndex(...notebookIds: string[]) {
  const check = "INSERT INTO chunk_terms (chunk_terms) VALUES ('integrity-check')";
  await env.DB.prepare(check).run();
  for (const notebookId of notebookIds) await (await contentOfNotebook(notebookId)).prepare(check).run();
}

/** Chunks of this document that search's own keyword query (stemmed, `toFtsMatch`) finds for `query`. */
export async function keywordHits(documentId: string, query: string): Promise<number> {
  const match = toFtsMatch(query);
  if (match === null) return 0;
  const row = await (await contentOfDocument(documentId))
    .prepare(
      "SELECT count(*) AS n FROM chunk_terms JOIN chunk ON chunk.seq = chunk_terms.rowid WHERE chunk_terms MATCH ? AND chunk.document_id = ?",
    )
    .bind(match, documentId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}
