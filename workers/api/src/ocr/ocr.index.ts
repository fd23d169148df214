import { and, asc, eq, isNotNull } from "drizzle-orm";
import { principalOf } from "../auth/require-user";
import { contentOf } from "../content/content-db";
import { getDb, schema } from "../db";
import { getOwnedDocument, getPage, objectPrefix } from "../documents/documents.store";
import { pageImageKey } from "../ingest/page-image-key";
import { createRouter } from "../platform/create-router";
import { notFound } from "../platform/problem";
import { acceptBrowserText } from "./browser-text";
import * as routes from "./ocr.routes";
import { pageOcrDto } from "./page-ocr";

const { documentPage } = schema;

export const ocrRouter = createRouter()
  .openapi(routes.scannedPages, async (c) => {
    const db = getDb(c.env.DB);
    const doc = await getOwnedDocument(db, principalOf(c).userId, c.req.valid("param").documentId);
    const content = (await contentOf(c.env, doc.notebookId)).db;
    const rows = await content
      .select({
        page: documentPage.pageNumber,
        ocr: documentPage.ocr,
        ocrReason: documentPage.ocrReason,
        imageType: documentPage.imageType,
      })
      .from(documentPage)
      .where(and(eq(documentPage.documentId, doc.id), isNotNull(documentPage.ocr)))
      .orderBy(asc(documentPage.pageNumber));
    const items = rows.map((r) => {
      const { words: _words, ...ocr } = pageOcrDto({ ...r, ocrWords: null });
      return { page: r.page, ocr };
    });
    return c.json({ documentId: doc.id, items }, 200);
  })
  .openapi(routes.pageImage, async (c) => {
    const { documentId, page } = c.req.valid("param");
    const db = getDb(c.env.DB);
    const doc = await getOwnedDocument(db, principalOf(c).userId, documentId);
    const stored = await getPage((await contentOf(c.env, doc.notebookId)).db, doc.id, page);
    const object = stored.imageType
      ? await c.env.FILES.get(pageImageKey(objectPrefix(doc.notebookId, doc.id), page))
      : null;
    if (!object) throw notFound(`The image of page ${page} of document ${doc.id}`);
    return new Response(object.body, {
      status: 200,
      headers: {
        "content-type": stored.imageType ?? "application/octet-stream",
        "content-length": String(object.size),
        etag: object.httpEtag,
        "cache-control": "private, max-age=3600",
        "x-content-type-options": "nosniff",
      },
    });
  })
  .openapi(routes.browserOcr, async (c) => {
    const { documentId, page } = c.req.valid("param");
    const db = getDb(c.env.DB);
    const doc = await getOwnedDocument(db, principalOf(c).userId, documentId);
    const stored = await acceptBrowserText(c.env, c.get("log"), doc, page, c.req.valid("json"));
    return c.json(
      { documentId: doc.id, page, pageCount: doc.pageCount, text: stored.text, ocr: pageOcrDto(stored) },
      200,
    );
  });
