/** Ingestion sizing, shared by the Workflow and the benchmark (`npm run bench:ingest` measures these choices). */

/** PDF pages per Workflow step: PDF.js needs ~1–20 ms a page, so a step stays far below the 30 s CPU limit. */
export const PAGES_PER_STEP = 50;

/**
 * PDF.js holds the whole file plus its parsed objects; above this size a 128 MB isolate is at risk, so
 * larger PDFs are rejected (`too_large`) before parsing. The benchmark shows the cost of parsing anyway.
 */
export const MAX_PDF_BYTES_IN_MEMORY = 64 * 1024 * 1024;
