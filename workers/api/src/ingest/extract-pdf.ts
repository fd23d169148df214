/**
 * PDF text with unpdf (PDF.js for serverless runtimes), a page range at a time so each Workflow step
 * stays far from the CPU limit and returns only counts. Encrypted and damaged files become
 * `FileRejected`, never a retry.
 */
import { getDocumentProxy, getResolvedPDFJS } from "unpdf";
import { FileRejected, reasons } from "../documents/rejection";
import { namesLigatureGlyphs, spellLigatures } from "./pdf-ligatures";
import { heightOf } from "./pdf-lines";
import { boundedTextItems, PageTooLong, yieldToOtherRequests } from "./pdf-page-text";
import {
  endsSentence,
  INDENT_HEIGHTS,
  PARAGRAPH_ADVANCES,
  PARAGRAPH_HEIGHTS,
  pageSpacing,
  TAB_GAP,
} from "./pdf-spacing";
import { findTables, formatMarkdownTable, type PositionedItem } from "./pdf-tables";

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;
type PdfPage = Awaited<ReturnType<PdfDocument["getPage"]>>;

/** Documents whose pages are also read glyph by glyph, for their ligatures (pdf-ligatures.ts). */
const ligatureDocuments = new WeakSet<PdfDocument>();

/** Opens a PDF; password-protected and unreadable files are rejected with a reason. */
export async function openPdf(bytes: Uint8Array, options: { maxImageSize?: number } = {}): Promise<PdfDocument> {
  // Read before PDF.js takes the buffer. Font glyph names reach this side only with fontExtraProperties.
  const ligatures = namesLigatureGlyphs(bytes);
  try {
    // PDF.js takes ownership of (detaches) the buffer it is given: hand it a copy-free view only once.
    // `maxImageSize` (pixels): larger images are never decoded, which bounds a scanned page's memory.
    const pdf = await getDocumentProxy(bytes, {
      verbosity: 0,
      isEvalSupported: false,
      useSystemFonts: false,
      fontExtraProperties: ligatures,
      maxImageSize: options.maxImageSize ?? -1,
    });
    if (ligatures) ligatureDocuments.add(pdf);
    return pdf;
  } catch (err) {
    throw classifyPdfError(err);
  }
}

export function classifyPdfError(err: unknown): Error {
  const name = (err as { name?: string })?.name ?? "";
  if (name === "PasswordException") return new FileRejected("encrypted", reasons.encrypted);
  if (name === "InvalidPDFException" || name === "FormatError" || name === "MissingPDFException") {
    return new FileRejected("damaged", reasons.damaged("PDF"));
  }
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * Rebuilds lines and paragraphs from positioned text items: a change of baseline starts a line, a gap
 * larger than about one and a half lines starts a paragraph, a wide horizontal gap becomes a tab. On a
 * 1.5- or double-spaced page (pdf-spacing.ts) "a line" is the page's usual advance, not the text height,
 * and a first-line indent after a sentence's end also starts a paragraph. Tables (see pdf-tables.ts)
 * become Markdown tables, each its own paragraph where its first item was.
 */
export function pageTextFromItems(items: PositionedItem[]): string {
  const tableOf = new Map<number, number>();
  const tables = findTables(items);
  tables.forEach((table, t) => {
    for (const i of table.items) tableOf.set(i, t);
  });
  const written = new Set<number>();
  // Undefined on single-spaced pages, which keep the 1.6-height rule exactly.
  const spacing = pageSpacing(items, (i) => tableOf.has(i));
  let out = "";
  let lastY: number | undefined;
  let lastX = 0;
  let lineHeight = 0;
  let endOfLine = false;
  for (const [index, item] of items.entries()) {
    const t = tableOf.get(index);
    if (t !== undefined) {
      if (!written.has(t)) {
        written.add(t);
        out = `${out.trimEnd()}${out.trim() ? "\n\n" : ""}${formatMarkdownTable(tables[t] as (typeof tables)[number])}\n\n`;
        lastY = undefined;
        endOfLine = false;
      }
      continue;
    }
    const [, , , , x = 0, y = 0] = item.transform;
    const height = heightOf(item);
    if (item.str && lastY !== undefined) {
      const dy = Math.abs(y - lastY);
      const gap = Math.max(
        Math.max(lineHeight, height) * PARAGRAPH_HEIGHTS,
        (spacing?.advance ?? 0) * PARAGRAPH_ADVANCES,
      );
      const indented =
        spacing !== undefined && dy > height * 0.5 && x - spacing.left >= height * INDENT_HEIGHTS && endsSentence(out);
      if (dy > gap || indented) {
        out = `${out.trimEnd()}\n\n`;
      } else if (dy > height * 0.5 || endOfLine) {
        out = `${out.replace(/[ \t]+$/, "")}\n`;
      } else if (x - lastX > height * TAB_GAP) {
        out += "\t";
      } else if (x - lastX > height * 0.15 && !/\s$/.test(out) && !/^\s/.test(item.str)) {
        out += " ";
      }
    }
    out += item.str;
    if (item.str) {
      lineHeight = height;
      lastY = y;
      lastX = x + item.width;
      endOfLine = false;
    }
    if (item.hasEOL) endOfLine = true;
  }
  return out;
}

/**
 * The page's items with ligatures its ToUnicode maps to one letter spelled out (pdf-ligatures.ts); the items
 * as they were when the operator list cannot be had.
 */
async function withLigatures(page: PdfPage, items: PositionedItem[]): Promise<PositionedItem[]> {
  const { OPS, AnnotationMode } = await getResolvedPDFJS();
  try {
    // Annotations are left out: their appearance text is no part of the text items.
    const { fnArray, argsArray } = await page.getOperatorList({ annotationMode: AnnotationMode.DISABLE });
    const font = (name: string) => (page.commonObjs.has(name) ? page.commonObjs.get(name) : undefined);
    return spellLigatures(items, { fnArray, argsArray, font, ops: OPS });
  } catch {
    return items;
  }
}

async function pageText(pdf: PdfDocument, n: number): Promise<string> {
  try {
    const page = await pdf.getPage(n);
    let items = (await boundedTextItems(page, n)).flatMap((i) => ("str" in i ? [i as PositionedItem] : []));
    if (ligatureDocuments.has(pdf)) items = await withLigatures(page, items);
    page.cleanup();
    return pageTextFromItems(items);
  } catch (err) {
    if (err instanceof PageTooLong) throw err;
    const classified = classifyPdfError(err);
    // One unreadable page in an otherwise fine PDF is an empty page, not a lost document.
    if (classified instanceof FileRejected) return "";
    throw classified;
  }
}

/** Pages requested together: PDF.js pipelines them, which hides its internal message hops (~25% faster). */
const PAGES_IN_FLIGHT = 8;

/** Raw text of pages `from`..`to` (1-based, inclusive), in order. */
export async function extractPdfPages(pdf: PdfDocument, from: number, to: number): Promise<string[]> {
  const pages: string[] = [];
  for (let start = from; start <= to; start += PAGES_IN_FLIGHT) {
    const numbers = Array.from({ length: Math.min(PAGES_IN_FLIGHT, to - start + 1) }, (_, i) => start + i);
    pages.push(...(await Promise.all(numbers.map((n) => pageText(pdf, n)))));
    await yieldToOtherRequests();
  }
  return pages;
}
