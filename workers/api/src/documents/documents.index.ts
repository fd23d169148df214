import { principalOf } from "../auth/require-user";
import { contentOf } from "../content/content-db";
import { getDb } from "../db";
import { ownedNotebook } from "../notebooks/owned-notebook";
import { pageOcrDto } from "../ocr/page-ocr";
import { getConfig } from "../platform/config";
import { createRouter } from "../platform/create-router";
import { decodeCursor, pageOf } from "../platform/pagination";
import { invalidInput, notFound, Problem } from "../platform/problem";
import * as routes from "./documents.routes";
import { getOwnedDocument, getPage, listDocuments, toDocumentDto } from "./documents.store";
import { fetchUrlSource } from "./fetch-url";
import { retryDocument } from "./lifecycle";
import { deleteDocument } from "./purge";
import { acceptDocument, type IncomingSource } from "./upload";

export const tooManyUploads = () =>
  new Problem({
    status: 429,
    type: "rate-limited",
    title: "Too many uploads",
    detail: "You are adding documents very quickly. Wait 10 seconds and try again (the web app does this for you).",
    // The UPLOAD_LIMITER period in wrangler.toml: by then the burst has room again.
    headers: { "retry-after": "10" },
  });

function titleFromFileName(name: string): string {
  return name.replace(/\.[a-z0-9]{1,5}$/i, "").trim() || "Untitled";
}

type FormBody = { file?: File; title?: string };
type JsonBody = { title?: string; text?: string; url?: string };

/** The one source in the request: a multipart file, JSON text, or a URL fetched now. */
async function sourceOf(form: FormBody, body: JsonBody, maxBytes: number): Promise<IncomingSource> {
  if (form.file) {
    return {
      blob: form.file,
      title: form.title ?? titleFromFileName(form.file.name),
      fileName: form.file.name || null,
      declaredType: form.file.type || null,
      sourceUrl: null,
    };
  }
  if (body.url) {
    const fetched = await fetchUrlSource(body.url, maxBytes);
    return {
      blob: fetched.blob,
      title: body.title ?? fetched.finalUrl,
      fileName: null,
      declaredType: null,
      sourceUrl: fetched.finalUrl,
    };
  }
  if (body.text && body.title) {
    return {
      blob: new Blob([body.text], { type: "text/plain" }),
      title: body.title,
      fileName: null,
      declaredType: null,
      sourceUrl: null,
    };
  }
  throw invalidInput([{ path: "body", message: "send a multipart `file`, JSON {title, text} or JSON {url}" }]);
}

export const documentsRouter = createRouter()
  .openapi(routes.upload, async (c) => {
    const { userId } = principalOf(c);
    const db = getDb(c.env.DB);
    const { notebookId } = c.req.valid("param");
    await ownedNotebook(c, notebookId);
    const limiter = await c.env.UPLOAD_LIMITER.limit({ key: userId });
    if (!limiter.success) throw tooManyUploads();

    const source = await sourceOf(c.req.valid("form"), c.req.valid("json"), getConfig(c.env).maxUploadBytes);
    const { row, created } = await acceptDocument(c.env, db, { userId, notebookId }, source, c.get("log"));
    return created ? c.json(toDocumentDto(row), 202) : c.json(toDocumentDto(row), 200);
  })
  .openapi(routes.list, async (c) => {
    const db = getDb(c.env.DB);
    const { notebookId } = c.req.valid("param");
    await ownedNotebook(c, notebookId);
    const { limit, cursor } = c.req.valid("query");
    const page = pageOf(await listDocuments(db, notebookId, limit, decodeCursor(cursor)), limit);
    return c.json({ items: page.items.map(toDocumentDto), nextCursor: page.nextCursor }, 200);
  })
  .openapi(routes.get, async (c) => {
    const row = await getOwnedDocument(getDb(c.env.DB), principalOf(c).userId, c.req.valid("param").documentId);
    return c.json(toDocumentDto(row), 200);
  })
  .openapi(routes.file, async (c) => {
    const row = await getOwnedDocument(getDb(c.env.DB), principalOf(c).userId, c.req.valid("param").documentId);
    const object = await c.env.FILES.get(row.r2Key);
    if (!object) throw notFound(`The file of document ${row.id}`);
    const name = row.fileName ?? `${row.title}.${row.sourceType === "text" ? "txt" : row.sourceType}`;
    return new Response(object.body, {
      status: 200,
      headers: {
        "content-type": row.mediaType,
        "content-length": String(object.size),
        "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
        etag: object.httpEtag,
        "cache-control": "private, max-age=3600",
        "x-content-type-options": "nosniff",
      },
    });
  })
  .openapi(routes.page, async (c) => {
    const { documentId, page } = c.req.valid("param");
    const db = getDb(c.env.DB);
    const row = await getOwnedDocument(db, principalOf(c).userId, documentId);
    const stored = await getPage((await contentOf(c.env, row.notebookId)).db, row.id, page);
    return c.json(
      { documentId: row.id, page, pageCount: row.pageCount, text: stored.text, ocr: pageOcrDto(stored) },
      200,
    );
  })
  .openapi(routes.retry, async (c) => {
    const db = getDb(c.env.DB);
    const row = await getOwnedDocument(db, principalOf(c).userId, c.req.valid("param").documentId);
    return c.json(toDocumentDto(await retryDocument(c.env, db, row)), 202);
  })
  .openapi(routes.remove, async (c) => {
    const db = getDb(c.env.DB);
    const row = await getOwnedDocument(db, principalOf(c).userId, c.req.valid("param").documentId);
    await deleteDocument(c.env, db, row, c.get("log"));
    return c.body(null, 204);
  });
