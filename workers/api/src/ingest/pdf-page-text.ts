/**
 * A PDF page's text items read as PDF.js produces them, against a character budget: past it nothing more
 * is kept and the page is refused, so one page can neither fill memory nor make a page row larger than D1
 * stores. The rest of the stream is drained, not cancelled: PDF.js's in-thread worker keeps enqueueing
 * after a cancel and rejects unhandled. Its CPU is already bounded by the stream budget (pdf-streams.ts). Between page groups the extractor yields to the
 * event loop (`yieldToOtherRequests`), so requests of other users are served during a long step.
 */
import type { getDocumentProxy } from "unpdf";
import { FileRejected, reasons } from "../documents/rejection";
import { MAX_PAGE_TEXT_CHARS } from "./limits";

type PdfPage = Awaited<ReturnType<Awaited<ReturnType<typeof getDocumentProxy>>["getPage"]>>;
type TextItems = Awaited<ReturnType<PdfPage["getTextContent"]>>["items"];

/** Thrown when a page holds more text than any real page; the document is rejected, never retried. */
export class PageTooLong extends FileRejected {
  constructor(page: number) {
    super("too_large", reasons.pageTooLong(page, MAX_PAGE_TEXT_CHARS));
  }
}

export async function boundedTextItems(page: PdfPage, pageNumber: number, maxChars = MAX_PAGE_TEXT_CHARS) {
  const reader = page.streamTextContent().getReader() as ReadableStreamDefaultReader<{ items: TextItems }>;
  const items: TextItems = [];
  let chars = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (chars > maxChars) continue;
    for (const item of value.items) {
      if ("str" in item) chars += item.str.length;
      items.push(item);
    }
  }
  if (chars > maxChars) throw new PageTooLong(pageNumber);
  return items;
}

/** A macrotask boundary: queued requests (another user's) run before the next piece of work. */
export const yieldToOtherRequests = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
