/** Ingestion sizing, shared by the Workflow and the benchmark (`npm run bench:ingest` measures these choices). */

/** PDF pages per Workflow step: PDF.js needs ~1–20 ms a page, so a step stays far below the 30 s CPU limit. */
export const PAGES_PER_STEP = 50;

/**
 * Scanned pages per OCR step, read four at a time: a vision model takes 3–15 s a page, so a step stays well
 * inside its 5-minute timeout while using almost no CPU (the Worker only waits); a 300-page book is 38 steps
 * (ocr/scanned-book.integration.test.ts walks them; `npm run bench:ocr` times the extraction steps before).
 */
export const OCR_PAGES_PER_STEP = 8;

/**
 * PDF.js holds the whole file plus its parsed objects; above this size a 128 MB isolate is at risk, so
 * larger PDFs are rejected (`too_large`) before parsing. The benchmark shows the cost of parsing anyway.
 */
export const MAX_PDF_BYTES_IN_MEMORY = 64 * 1024 * 1024;

/**
 * Text and web pages are decoded, normalised and cut into sections in one step: 8 MiB holds the 2,000
 * sections (of 4,000 characters) a document may have, and keeps that step to about a second of CPU.
 * Larger ones are rejected (`too_large`) before a byte is decoded.
 */
export const MAX_TEXT_SOURCE_BYTES = 8 * 1024 * 1024;

/**
 * Extracted text per document, whatever the format: 8 million characters are 2,000 sections of 4,000,
 * about four long textbooks. It bounds every later step (chunking, embedding, keyword rows) and so a
 * document's CPU, memory and cost. Larger ones are rejected (`too_large`).
 */
export const MAX_DOCUMENT_TEXT_CHARS = 8_000_000;

/**
 * Extracted text per PDF page: a dense page holds about 5,000 characters, so 100,000 is twenty times
 * that, while the page row stays far below D1's 2 MB limit for a value. A page with more is rejected
 * (`too_large`): such text is a generated bomb or garbage, not something to study.
 */
export const MAX_PAGE_TEXT_CHARS = 100_000;

/**
 * Word documents (a ZIP of XML parts): mammoth holds every XML part it parses plus its DOM, about six
 * times the XML (a 39 MiB document.xml took 243 MB). 12 MiB of XML in all (8 MiB in one part) keeps that
 * near 70 MB of a 128 MB isolate and still holds about 3 million characters of text, a 1,000-page thesis.
 */
export const MAX_DOCX_XML_BYTES = 12 * 1024 * 1024;
export const MAX_DOCX_PART_BYTES = 8 * 1024 * 1024;
/** Word's XML deflates 5 to 20 times; a part over 1 MiB that claims 200 times is a zip bomb. */
export const MAX_DOCX_RATIO = 200;
/** A document has tens of parts, a few hundred with many images; more is a crafted archive. */
export const MAX_DOCX_ENTRIES = 5_000;

/**
 * Decoded size of one PDF stream (a page's drawing instructions, a form, a font), measured before PDF.js
 * parses it: PDF.js parses content at about 3 MB/s and blocks the isolate meanwhile (40 MiB took 12.6 s),
 * so 4 MiB is about a second. Text pages need 20–100 KB, a page of dense vector drawings a few MB.
 */
export const MAX_PDF_STREAM_DECODED_BYTES = 4 * 1024 * 1024;
/** All of a PDF's non-image streams: 1 MiB a page on average plus 8 MiB (fonts, a few heavy figures). */
export const MAX_PDF_DECODED_BYTES_PER_PAGE = 1024 * 1024;
export const MAX_PDF_DECODED_SLACK_BYTES = 8 * 1024 * 1024;
