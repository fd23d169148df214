/**
 * Text a student's browser recognised on a scanned page (tesseract.js), posted back: stored as that page's
 * text marked `ocr: browser` (with the words' boxes, so citations can highlight their region), then chunked
 * and indexed like any page — its chunks added after the document's others, keeping the page number.
 * The chunk indexes are claimed first in the registry (document.chunk_count moves from what it was: a race
 * with another page's post loses there); then the page and its chunks with their keyword rows are one
 * transaction of the notebook's content database, and if that fails the claim is given back, so nothing
 * partial is left. Vectors follow.
 */
import { and, eq } from "drizzle-orm";
import type { BrowserOcrBody } from "../../../../schemas/ocr";
import { contentOf } from "../content/content-db";
import { type Db, getDb, schema } from "../db";
import type { DocumentRow, PageRow } from "../documents/documents.store";
import { getPage } from "../documents/documents.store";
import { contentAdded } from "../documents/lifecycle";
import { embedderFor } from "../embeddings/embedder";
import { chunkPages } from "../ingest/chunking";
import { chunkInserts, embedBatch } from "../ingest/index-steps";
import { normalizePageText } from "../ingest/page-text";
import type { Logger } from "../platform/logger";
import { conflict, invalidInput } from "../platform/problem";

const { document, documentPage } = schema;

function alreadyRead(page: PageRow): string {
  if (page.ocr === "browser" || page.ocr === "provider") {
    return `Page ${page.pageNumber} has already been recognised (${page.ocr === "browser" ? "in a browser" : "by the server"}); its text is searchable.`;
  }
  return `Page ${page.pageNumber} is not a scanned page: its text comes from the PDF's text layer.`;
}

export async function acceptBrowserText(
  env: Env,
  log: Logger,
  doc: DocumentRow,
  pageNumber: number,
  body: BrowserOcrBody,
): Promise<PageRow> {
  const db: Db = getDb(env.DB);
  const content = (await contentOf(env, doc.notebookId)).db;
  if (doc.status !== "ready") {
    throw conflict(`This document is ${doc.status}; recognise its scanned pages once it is ready.`);
  }
  const page = await getPage(content, doc.id, pageNumber);
  if (page.ocr !== "needs-ocr") throw conflict(alreadyRead(page));
  const text = normalizePageText(body.text);
  if (!text) throw invalidInput([{ path: "text", message: "must contain recognised text" }]);

  const chunks = chunkPages([{ page: pageNumber, text }]);
  const base = doc.chunkCount;
  const model = doc.embeddingModel ?? embedderFor(env).model;
  const words = body.words?.length ? JSON.stringify(body.words) : null;
  const raced = () =>
    conflict("Another page of this document was being saved at the same moment; send this one again.");
  const claimed = await db
    .update(document)
    .set({ chunkCount: base + chunks.length, embeddingModel: model, updatedAt: new Date() })
    .where(and(eq(document.id, doc.id), eq(document.chunkCount, base)))
    .run();
  if (!claimed.meta.changes) throw raced();
  try {
    await content.batch([
      content
        .update(documentPage)
        .set({ text, ocr: "browser", ocrReason: null, ocrWords: words })
        .where(
          and(
            eq(documentPage.documentId, doc.id),
            eq(documentPage.pageNumber, pageNumber),
            eq(documentPage.ocr, "needs-ocr"),
          ),
        ),
      // Chunk ids are unique: a concurrent post that took the same indexes makes this batch fail whole.
      ...chunkInserts(content, { documentId: doc.id, notebookId: doc.notebookId, model }, chunks, base),
    ]);
  } catch (err) {
    await db
      .update(document)
      .set({ chunkCount: base })
      .where(and(eq(document.id, doc.id), eq(document.chunkCount, base + chunks.length)));
    if (!/UNIQUE|constraint/i.test(String((err as Error)?.message ?? err))) throw err;
    throw raced();
  }
  await contentAdded(db, doc.notebookId);
  const stored = await getPage(content, doc.id, pageNumber);
  if (stored.ocr !== "browser") throw conflict(alreadyRead(stored));
  await embedBatch(env, doc.id, base, base + chunks.length, base + chunks.length, log);
  log.info("browser ocr stored", { documentId: doc.id, page: pageNumber, chars: text.length, chunks: chunks.length });
  return stored;
}
