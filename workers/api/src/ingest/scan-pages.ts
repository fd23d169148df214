/**
 * The scanned pages of a PDF page range: each page whose text layer cannot stand for it (scanned-page.ts)
 * gets its image kept in R2 beside the original (page-image.ts) and is stored `needs-ocr` with the reason;
 * the OCR step or the student's browser reads it later. Text pages pass through untouched, and only pages
 * with few words pay for an operator list (which makes PDF.js decode the page's images).
 */
import { type getDocumentProxy, getResolvedPDFJS } from "unpdf";
import type { PageOcrState } from "../../../../schemas/db";
import { type NoImage, type PageImage, pageImage } from "./page-image";
import { pageImageKey } from "./page-image-key";
import type { JpegStreams } from "./pdf-streams";
import { classifyPage, mightBeScanned, type Ops, placedImages } from "./scanned-page";

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

/**
 * How much of a step scanned pages may take. Measured (`npm run bench:ocr`, this 2-core machine under load):
 * PDF.js decodes a page's image while it builds the operator list, 0.2 s for a 1-bit page, 1.2–3.3 s for a
 * Flate or LZW grey page at 150–300 dpi, 2.7–6.4 s for a noisy JPEG (decoded even though it is then passed
 * through as it is). A fixed count cannot fit all of these, so a step reads scanned pages until 10 s have
 * passed (a third of the 30 s of CPU a step may use; one page alone stays below it at 300 dpi), at most 12,
 * and the Workflow starts the next step at the following page. A 300-page book of 150 dpi JPEG scans is then
 * 25 extraction steps of 12 pages, 1.9–2.5 s of CPU each (`npm run bench:ocr:book`), and 79 steps in all with
 * its OCR (ocr/scanned-book.integration.test.ts), far inside the 1,024 (Free) / 10,000 steps an instance may take.
 */
export const SCANNED_PAGES_PER_STEP = 12;
export const SCAN_STEP_BUDGET_MS = 10_000;

/** A page as stored: its text and, for a scanned page, its OCR state, reason code and kept image. */
export type ReadPage = { text: string; ocr: PageOcrState | null; ocrReason: string | null; imageType: string | null };

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
 * fewer once scanned pages used the step's budget (the caller continues after the last one).
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
  // Workers' clock moves on at I/O (each kept image is a write), so this measures the pages read so far.
  const started = Date.now();
  for (const [i, text] of texts.entries()) {
    if (scanned >= SCANNED_PAGES_PER_STEP || (scanned > 0 && Date.now() - started > SCAN_STEP_BUDGET_MS)) break;
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
