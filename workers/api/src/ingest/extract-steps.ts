/**
 * Extraction steps of the ingestion Workflow: the document's original from R2 to page texts in the notebook's
 * content database (content/content-db.ts). PDFs
 * go a page range per step; other sources in one step, cut into sections. Each step is idempotent
 * (pages are upserted by number) and returns only counts, far below the 1 MiB step-state limit.
 * The extractors (unpdf, mammoth, linkedom, Readability) are imported on first use: the API serves requests
 * from the same Worker, and they were evaluated at every cold start (docs/performance.md).
 */

import { NonRetryableError } from "cloudflare:workflows";
import { and, asc, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { contentOf } from "../content/content-db";
import { type Db, getDb, schema } from "../db";
import { objectPrefix } from "../documents/documents.store";
import { guardContentWrite, loadDocument, setProgress } from "../documents/lifecycle";
import { FileRejected, reasons } from "../documents/rejection";
import { getConfig } from "../platform/config";
import { lazyModule } from "../platform/lazy-module";
import { chargePages } from "../usage/page-quota";
import { checkDocxArchive } from "./docx-archive";
import { decodeText } from "./extract-text";
import { MAX_DOCUMENT_TEXT_CHARS, MAX_PDF_BYTES_IN_MEMORY, MAX_TEXT_SOURCE_BYTES, PAGES_PER_STEP } from "./limits";
import { MAX_PAGE_IMAGE_PIXELS } from "./page-image";
import { normalizePageText, removeRepeatedMargins, splitIntoSections } from "./page-text";
import { checkPdfStreams, type JpegStreams } from "./pdf-streams";
import type { ReadPage } from "./scan-pages";

const { document, documentPage } = schema;

const PAGES_PER_BATCH = 50;

type PdfDocument = Awaited<ReturnType<typeof import("./extract-pdf")["openPdf"]>>;
// The extractors (PDF.js, the DOCX and HTML stacks) are imported by the first document that needs them.
const pdfModule = lazyModule(() => import("./extract-pdf"));
const scanPagesModule = lazyModule(() => import("./scan-pages"));
const docxModule = lazyModule(() => import("./extract-docx"));
const htmlModule = lazyModule(() => import("./extract-html"));

async function loadOriginal(env: Env, r2Key: string): Promise<ArrayBuffer> {
  const object = await env.FILES.get(r2Key);
  // The row exists but its file does not: no retry can bring it back.
  if (!object) throw new NonRetryableError(`original file ${r2Key} is missing from storage`);
  return object.arrayBuffer();
}

const TEXT_PAGE = { ocr: null, ocrReason: null, imageType: null } as const;

async function storePages(db: Db, documentId: string, firstPage: number, pages: Array<string | ReadPage>) {
  for (let i = 0; i < pages.length; i += PAGES_PER_BATCH) {
    const statements = pages.slice(i, i + PAGES_PER_BATCH).map((page, j) => {
      // A page stored again (a retried step) starts over: an earlier OCR result of it is replaced too.
      const set = { ...(typeof page === "string" ? { text: page, ...TEXT_PAGE } : page), ocrWords: null };
      return db
        .insert(documentPage)
        .values({ documentId, pageNumber: firstPage + i + j, ...set })
        .onConflictDoUpdate({ target: [documentPage.documentId, documentPage.pageNumber], set });
    });
    const [first, ...rest] = statements;
    if (first) await db.batch([first, ...rest]);
  }
}

/**
 * Opens the PDF and counts its pages; rejects encrypted, damaged, huge and over-long files, and files
 * whose streams decode to more than PDF.js can parse without holding the isolate (pdf-streams.ts). Part of
 * the first extraction step: every check runs before a page is parsed or stored, and the document it
 * returns open is the one that step extracts its pages from (no separate parse to count them).
 */
async function openCheckedPdf(env: Env, row: Awaited<ReturnType<typeof loadDocument>>) {
  if (row.sizeBytes > MAX_PDF_BYTES_IN_MEMORY) {
    throw new FileRejected("too_large", reasons.tooLarge(row.sizeBytes, MAX_PDF_BYTES_IN_MEMORY));
  }
  const { openPdf } = await pdfModule();
  const options = { maxImageSize: MAX_PAGE_IMAGE_PIXELS };
  let bytes = new Uint8Array(await loadOriginal(env, row.r2Key));
  // PDF.js detaches the buffer it is given. Up to half the in-memory cap it gets a copy and the stream scan
  // reads the original; a larger file is never held twice: read again for the scan, then opened again.
  const twoCopiesFit = bytes.byteLength <= MAX_PDF_BYTES_IN_MEMORY / 2;
  let pdf: PdfDocument | null = await openPdf(twoCopiesFit ? bytes.slice() : bytes, options);
  try {
    const pageCount = pdf.numPages;
    const { maxPdfPages } = getConfig(env);
    if (pageCount > maxPdfPages) throw new FileRejected("too_many_pages", reasons.tooManyPages(pageCount, maxPdfPages));
    if (pageCount === 0) throw new FileRejected("empty", reasons.empty);
    if (!twoCopiesFit) {
      await pdf.destroy();
      pdf = null;
      bytes = new Uint8Array(await loadOriginal(env, row.r2Key));
    }
    const { jpegStreams } = await checkPdfStreams(bytes, pageCount);
    pdf ??= await openPdf(bytes, options);
    await chargePages(env.DB, row.id, row.ownerId, pageCount);
    return { pdf, pageCount, jpegStreams };
  } catch (err) {
    await pdf?.destroy();
    throw err;
  }
}

/**
 * The first extraction step: opens and checks the PDF (above), records its page count and extracts its
 * first pages like `extractPdfRange`. Returns where each JPEG image is in the file for the later steps
 * (~23 bytes a page, ~46 KB at the 2,000-page limit, far below the 1 MiB step-result limit).
 */
export async function extractFirstPdfPages(
  env: Env,
  documentId: string,
): Promise<{ pages: number; scanned: number; next: number; pageCount: number; jpegStreams: JpegStreams }> {
  const db = getDb(env.DB);
  const row = await loadDocument(db, documentId);
  const { pdf, pageCount, jpegStreams } = await openCheckedPdf(env, row);
  const range = { from: 1, to: Math.min(pageCount, PAGES_PER_STEP), pageCount, jpegStreams };
  const counted = db.update(document).set({ pageCount }).where(eq(document.id, documentId));
  return { ...(await extractOpenPdf(env, row, pdf, range, [counted])), pageCount, jpegStreams };
}

/** Characters already stored for this document's pages before `page` (the per-document text budget). */
async function storedChars(content: D1Database, documentId: string, page: number): Promise<number> {
  if (page <= 1) return 0;
  const row = await content
    .prepare("SELECT coalesce(sum(length(text)), 0) AS n FROM document_page WHERE document_id = ? AND page_number < ?")
    .bind(documentId, page)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/**
 * Extracts pages `from`..`to` into D1; text is capped per page (pdf-page-text.ts) and per document. Scanned
 * pages are kept as images, marked `needs-ocr` (scan-pages.ts); after `SCANNED_PAGES_PER_STEP` of them the
 * step ends early and `next` says where the following step starts.
 */
export async function extractPdfRange(
  env: Env,
  documentId: string,
  range: PdfRange,
): Promise<{ pages: number; scanned: number; next: number }> {
  const row = await loadDocument(getDb(env.DB), documentId);
  const { openPdf } = await pdfModule();
  const pdf = await openPdf(new Uint8Array(await loadOriginal(env, row.r2Key)), {
    maxImageSize: MAX_PAGE_IMAGE_PIXELS,
  });
  return extractOpenPdf(env, row, pdf, range);
}

type PdfRange = { from: number; to: number; pageCount: number; jpegStreams: JpegStreams };

/** A range's pages from the open PDF (destroyed after); `also` joins the progress update's batch. */
async function extractOpenPdf(
  env: Env,
  row: Awaited<ReturnType<typeof loadDocument>>,
  pdf: PdfDocument,
  range: PdfRange,
  also: BatchItem<"sqlite">[] = [],
): Promise<{ pages: number; scanned: number; next: number }> {
  const { from, to, pageCount } = range;
  const documentId = row.id;
  const db = getDb(env.DB);
  const { extractPdfPages } = await pdfModule();
  const { readScannedPages } = await scanPagesModule();
  try {
    const content = await contentOf(env, row.notebookId);
    const texts = (await extractPdfPages(pdf, from, to)).map(normalizePageText);
    const pages = await readScannedPages(pdf, from, texts, {
      files: env.FILES,
      originalKey: row.r2Key,
      documentPrefix: objectPrefix(row.notebookId, row.id),
      jpegStreams: range.jpegStreams,
    });
    const chars = (await storedChars(content.raw, documentId, from)) + pages.reduce((n, p) => n + p.text.length, 0);
    if (chars > MAX_DOCUMENT_TEXT_CHARS) {
      throw new FileRejected("too_large", reasons.tooMuchText(chars, MAX_DOCUMENT_TEXT_CHARS));
    }
    await guardContentWrite(env, row, () => storePages(content.db, documentId, from, pages));
    const next = from + pages.length;
    await db.batch([setProgress(db, documentId, "extracting", next - 1, pageCount), ...also]);
    return { pages: pages.length, scanned: pages.filter((p) => p.ocr).length, next };
  } finally {
    await pdf.destroy();
  }
}

async function extractedText(env: Env, db: Db, row: Awaited<ReturnType<typeof loadDocument>>): Promise<string> {
  if (row.sourceType !== "docx" && row.sizeBytes > MAX_TEXT_SOURCE_BYTES) {
    throw new FileRejected("too_large", reasons.textTooLarge(row.sizeBytes, MAX_TEXT_SOURCE_BYTES));
  }
  const bytes = await loadOriginal(env, row.r2Key);
  if (row.sourceType === "docx") {
    await checkDocxArchive(new Uint8Array(bytes));
    const { extractDocx } = await docxModule();
    return extractDocx(bytes);
  }
  if (row.sourceType === "html") {
    const { extractHtml } = await htmlModule();
    const html = extractHtml(decodeText(new Uint8Array(bytes)));
    // A page added by URL without a title takes the article's title.
    if (html.title && row.title === row.sourceUrl) {
      await db
        .update(document)
        .set({ title: html.title.slice(0, 300) })
        .where(eq(document.id, row.id));
    }
    return html.text;
  }
  return decodeText(new Uint8Array(bytes));
}

/**
 * DOCX, HTML and text in one step: the text, cut into numbered sections of bounded size. The page quota
 * is charged for the sections stored, and a document over the text or page limits is rejected.
 */
export async function extractWhole(env: Env, documentId: string): Promise<{ pageCount: number }> {
  const db = getDb(env.DB);
  const row = await loadDocument(db, documentId);
  const text = await extractedText(env, db, row);
  if (text.length > MAX_DOCUMENT_TEXT_CHARS) {
    throw new FileRejected("too_large", reasons.tooMuchText(text.length, MAX_DOCUMENT_TEXT_CHARS));
  }
  const sections = splitIntoSections(text);
  if (!sections.length) throw new FileRejected("empty", reasons.empty);
  const { maxPdfPages } = getConfig(env);
  if (sections.length > maxPdfPages) {
    throw new FileRejected("too_many_pages", reasons.tooManySections(sections.length, maxPdfPages));
  }
  await chargePages(env.DB, documentId, row.ownerId, sections.length);
  await db.update(document).set({ pageCount: sections.length }).where(eq(document.id, documentId));
  const content = await contentOf(env, row.notebookId);
  await guardContentWrite(env, row, () => storePages(content.db, documentId, 1, sections));
  await setProgress(db, documentId, "extracting", sections.length, sections.length);
  return { pageCount: sections.length };
}

/**
 * After extraction: running headers and footers removed (PDFs), and a document with no text at all
 * rejected (for a PDF: no text layer, most likely a scan). Runs once per extraction: the stage moves on
 * in the same transaction as the page updates.
 */
export async function finishPages(env: Env, documentId: string): Promise<{ cleaned: number }> {
  const db = getDb(env.DB);
  const row = await loadDocument(db, documentId);
  if (row.stage !== "extracting") return { cleaned: 0 };
  const content = (await contentOf(env, row.notebookId)).db;
  const pages = await content
    .select({ page: documentPage.pageNumber, text: documentPage.text, ocr: documentPage.ocr })
    .from(documentPage)
    .where(eq(documentPage.documentId, documentId))
    .orderBy(asc(documentPage.pageNumber));
  const cleaned = row.sourceType === "pdf" ? removeRepeatedMargins(pages.map((p) => p.text)) : pages.map((p) => p.text);
  // Scanned pages waiting for OCR are content still to come: the document is not empty for want of text.
  if (cleaned.every((t) => !t.trim()) && !pages.some((p) => p.ocr)) {
    const code = row.sourceType === "pdf" ? "no_text_layer" : "empty";
    throw new FileRejected(code, row.sourceType === "pdf" ? reasons.noTextLayer : reasons.empty);
  }
  const changed = pages.flatMap((p, i) => (cleaned[i] !== p.text ? [{ page: p.page, text: cleaned[i] ?? "" }] : []));
  const updates = changed.map((p) =>
    content.update(documentPage).set({ text: p.text }).where(sqlPage(documentId, p.page)),
  );
  // Pages first, then the stage: a retry after the first cleans cleaned pages again, which changes nothing
  // (the margins it removes are gone); in D1 both were one transaction, across two databases they cannot be.
  const [first, ...rest] = updates;
  if (first) await content.batch([first, ...rest]);
  await setProgress(db, documentId, "chunking", 0, 1);
  return { cleaned: changed.length };
}

function sqlPage(documentId: string, page: number) {
  return and(eq(documentPage.documentId, documentId), eq(documentPage.pageNumber, page));
}
