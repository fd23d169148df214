/**
 * The scanned pages of a PDF page range: each page whose text layer cannot stand for it (scanned-page.ts)
 * gets its image kept in R2 beside the original (page-image.ts) and is stored `needs-ocr` with the reason;
 * the OCR step or the student's browser reads it later. Text pages pass through untouched, and only pages
 * with few words pay for an operator list (which makes PDF.js decode the page's images).
 */
import { type getDocumentProxy, getResolvedPDFJS } from "unpdf";
import type { PageOcrState } from "../../../../schemas/db";
import { type NoImage, type PageImage, pageImage } from "./page-image";
import type { JpegStreams } from "./pdf-streams";
import { classifyPage, mightBeScanned, type Ops, placedImages } from "./scanned-page";

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

/**
 * Scanned pages per extraction step. Measured (`npm run bench:ocr`): PDF.js decodes a 150 dpi page image in
 * ~0.1 s and a 300 dpi one in ~0.4 s, plus the PNG encoding; twelve pages stay a few seconds of CPU, far
 * from the 30 s a step may use, whatever the scan's resolution. A step stops after them and the Workflow
 * starts the next one at the following page.
 */
export const SCANNED_PAGES_PER_STEP = 12;

/** A page as stored: its text and, for a scanned page, its OCR state, reason code and kept image. */
export type ReadPage = { text: string; ocr: PageOcrState | null; ocrReason: string | null; imageType: string | null };

/** Where a page's image is kept: under the document's prefix, so deleting the document removes it. */
export const pageImageKey = (documentPrefix: string, page: number) => `${documentPrefix}pages/${page}`;

export type ScanContext = {
  files: R2Bucket;
  originalKey: string;
  documentPrefix: string;
  jpegStreams: JpegStreams;
};

async function readRange(files: R2Bucket, key: string, start: number, end: number): Promise<Uint8Array | null> {
  const object = await files.get(key, { range: { offset: start, length: end - start } });
  return object ? new Uint8Array(await object.arrayBuffer()) : null;
}

/**
 * Pages `from`.. with their `texts` (already extracted): returns the pages read, in order — all of them, or
 * fewer when `SCANNED_PAGES_PER_STEP` scanned pages were met (the caller continues after the last one).
 */
export async function readScannedPages(
  pdf: PdfDocument,
  from: number,
  texts: string[],
  context: ScanContext,
): Promise<ReadPage[]> {
  const { OPS } = await getResolvedPDFJS();
  const pages: ReadPage[] = [];
  let scanned = 0;
  for (const [i, text] of texts.entries()) {
    if (scanned >= SCANNED_PAGES_PER_STEP) break;
    if (!mightBeScanned(text)) {
      pages.push({ text, ocr: null, ocrReason: null, imageType: null });
      continue;
    }
    const number = from + i;
    const page = await pdf.getPage(number);
    try {
      const images = placedImages(await page.getOperatorList(), OPS as unknown as Ops, page.view);
      const verdict = classifyPage(text, images);
      if (!verdict.scanned) {
        pages.push({ text, ocr: null, ocrReason: null, imageType: null });
        continue;
      }
      scanned++;
      // A garbage text layer is dropped (it would only pollute search); a few real words are kept.
      const kept = verdict.kind === "image-few-words" ? text : "";
      if (!verdict.image) {
        pages.push({ text: kept, ocr: "needs-ocr", ocrReason: "no-image", imageType: null });
        continue;
      }
      const image: PageImage | NoImage = await pageImage(page, verdict.image, {
        streams: context.jpegStreams,
        read: (start, end) => readRange(context.files, context.originalKey, start, end),
      });
      if ("unsupported" in image) {
        pages.push({ text: kept, ocr: "needs-ocr", ocrReason: image.unsupported, imageType: null });
        continue;
      }
      await context.files.put(pageImageKey(context.documentPrefix, number), image.bytes, {
        httpMetadata: { contentType: image.type },
        customMetadata: { width: String(image.width), height: String(image.height) },
      });
      pages.push({ text: kept, ocr: "needs-ocr", ocrReason: "not-read-yet", imageType: image.type });
    } finally {
      page.cleanup();
    }
  }
  return pages;
}
