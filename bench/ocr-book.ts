// A scanned book through the extraction steps as the ingestion Workflow runs them (run by `npm run bench:ocr`;
// BOOK_PAGES=… to change the size): every step opens the whole PDF again (as a step reads it from R2), takes
// the texts of its page range and then reads scanned pages until SCANNED_PAGES_PER_STEP or SCAN_STEP_BUDGET_MS,
// and the next step starts where it stopped. Pages are 150 dpi JPEG scans with a few specks (four different
// ones, cycled; ~270 KiB each, so the book's size is printed against MAX_PDF_BYTES_IN_MEMORY), kept as they are. Prints wall and CPU time per step: CPU is what Workflows limit (30 s by default).
// The OCR steps that follow wait on the vision model (almost no CPU): their number is printed, not timed.
import { cpus } from "node:os";
import { extractPdfPages, openPdf } from "../workers/api/src/ingest/extract-pdf";
import { MAX_PDF_BYTES_IN_MEMORY, OCR_PAGES_PER_STEP, PAGES_PER_STEP } from "../workers/api/src/ingest/limits";
import { MAX_PAGE_IMAGE_PIXELS } from "../workers/api/src/ingest/page-image";
import { normalizePageText } from "../workers/api/src/ingest/page-text";
import { checkPdfStreams } from "../workers/api/src/ingest/pdf-streams";
import { readScannedPages, SCAN_STEP_BUDGET_MS, SCANNED_PAGES_PER_STEP } from "../workers/api/src/ingest/scan-pages";

import { makePdf } from "../workers/api/test/make-pdf";
import { scanImage } from "../workers/api/test/make-scan";

const PAGES = Number(process.env.BOOK_PAGES ?? 300);
const scans = await Promise.all([1, 2, 3, 4].map((seed) => scanImage("jpeg", 150, seed, 2000)));
const bytes = makePdf(Array.from({ length: PAGES }, (_, i) => ({ image: scans[i % scans.length] as never })));
const { jpegStreams } = await checkPdfStreams(bytes, PAGES);

let kept = 0;
// Just enough of R2 for the step: range reads of the original, puts of the kept images.
const files = {
  get: async (_key: string, options: { range: { offset: number; length: number } }) => ({
    arrayBuffer: async () => bytes.slice(options.range.offset, options.range.offset + options.range.length).buffer,
  }),
  put: async (_key: string, image: Uint8Array) => {
    kept += image.length;
  },
} as unknown as R2Bucket;

type StepTime = { pages: number; wallMs: number; cpuMs: number };
const steps: StepTime[] = [];
const started = performance.now();
for (let from = 1; from <= PAGES; ) {
  const to = Math.min(PAGES, from + PAGES_PER_STEP - 1);
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const pdf = await openPdf(bytes.slice(), { maxImageSize: MAX_PAGE_IMAGE_PIXELS });
  const texts = (await extractPdfPages(pdf, from, to)).map(normalizePageText);
  const pages = await readScannedPages(pdf, from, texts, {
    files,
    originalKey: "book.pdf",
    documentPrefix: "documents/bench/book/",
    jpegStreams,
  });
  await pdf.destroy();
  if (!pages.every((p) => p.ocr === "needs-ocr" && p.imageType === "image/jpeg"))
    throw new Error("a page was not kept");
  const used = process.cpuUsage(cpu);
  steps.push({ pages: pages.length, wallMs: performance.now() - wall, cpuMs: (used.user + used.system) / 1000 });
  from += pages.length;
}
const totalMs = performance.now() - started;

const sorted = (key: keyof StepTime) => steps.map((s) => s[key]).sort((a, b) => a - b);
const median = (xs: number[]) => xs[Math.floor(xs.length / 2)] ?? 0;
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
const wall = sorted("wallMs");
const cpu = sorted("cpuMs");
const ocrSteps = Math.ceil(PAGES / OCR_PAGES_PER_STEP);
console.log(
  `\nA ${PAGES}-page scanned book (150 dpi JPEG), extraction steps as the Workflow runs them ` +
    `(≤ ${SCANNED_PAGES_PER_STEP} scans or ${SCAN_STEP_BUDGET_MS / 1000} s a step; ${cpus().length} cores):`,
);
console.log(
  "| pages | PDF | extraction steps | pages a step (min–max) | wall in all | wall a step (median / max) | CPU a step (median / max) | a page | OCR steps |",
);
console.log("|---|---|---|---|---|---|---|---|---|");
const perStep = steps.map((s) => s.pages);
console.log(
  `| ${PAGES} | ${mib(bytes.length)} | ${steps.length} | ${Math.min(...perStep)}–${Math.max(...perStep)} | ` +
    `${seconds(totalMs)} s | ${seconds(median(wall))} / ${seconds(wall.at(-1) ?? 0)} s | ` +
    `${seconds(median(cpu))} / ${seconds(cpu.at(-1) ?? 0)} s | ${Math.round(totalMs / PAGES)} ms | ${ocrSteps} (${OCR_PAGES_PER_STEP} pages each) |`,
);
console.log(
  `images kept: ${mib(kept)}; the PDF is ${mib(bytes.length)} (${Math.round(bytes.length / PAGES / 1024)} KiB a page) ` +
    `against MAX_PDF_BYTES_IN_MEMORY ${mib(MAX_PDF_BYTES_IN_MEMORY)}: ` +
    (bytes.length > MAX_PDF_BYTES_IN_MEMORY
      ? `rejected as too_large; a ${PAGES}-page book fits at ≤ ${Math.floor(MAX_PDF_BYTES_IN_MEMORY / PAGES / 1024)} KiB a page`
      : "accepted"),
);
