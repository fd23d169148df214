// The Worker's side of a scanned page, measured per page (run by `npm run bench:ocr`): PDF.js builds the page's
// operator list (decoding its image), the image is placed and classified, then kept as it is (JPEG) or
// encoded as PNG. These figures size a step's scanned pages (SCAN_STEP_BUDGET_MS in ingest/scan-pages.ts): a
// step must stay far below the 30 s of CPU a Workflow step may use.
import { getResolvedPDFJS } from "unpdf";
import { openPdf } from "../workers/api/src/ingest/extract-pdf";
import { MAX_PAGE_IMAGE_PIXELS, pageImage } from "../workers/api/src/ingest/page-image";
import { SCAN_STEP_BUDGET_MS } from "../workers/api/src/ingest/scan-pages";
import { classifyPage, type Ops, placedImages } from "../workers/api/src/ingest/scanned-page";
import { makePdf } from "../workers/api/test/make-pdf";
import { type ScanEncoding, scanImage } from "../workers/api/test/make-scan";

const PAGES = 6;
const { OPS } = await getResolvedPDFJS();
console.log("\nScanned pages inside the Worker (PDF.js image operators, no canvas), per page:");
console.log("| encoding | dpi | kept as | bytes kept | ms a page | pages in a 10 s step |");
console.log("|---|---|---|---|---|---|");
for (const dpi of [150, 300]) {
  for (const encoding of ["jpeg", "flate", "lzw", "flate-1bit"] as ScanEncoding[]) {
    const images = await Promise.all(Array.from({ length: PAGES }, (_, i) => scanImage(encoding, dpi, i + 1)));
    const pdfBytes = makePdf(images.map((image) => ({ image })));
    const original = pdfBytes.slice();
    // The JPEG streams' places, as checkPdfStreams finds them (object numbers 7, 10, …: three objects a page).
    const streams: Record<string, [number, number]> = {};
    const text = new TextDecoder("latin1").decode(original);
    for (const m of text.matchAll(
      /(\d+) 0 obj\n<< \/Type \/XObject[^>]*\/DCTDecode[^>]*\/Length (\d+) >>\nstream\n/g,
    )) {
      const start = (m.index ?? 0) + m[0].length;
      streams[m[1] as string] = [start, start + Number(m[2])];
    }
    const pdf = await openPdf(pdfBytes, { maxImageSize: MAX_PAGE_IMAGE_PIXELS });
    let kept = "";
    let bytes = 0;
    const started = performance.now();
    for (let n = 1; n <= PAGES; n++) {
      const page = await pdf.getPage(n);
      const verdict = classifyPage("", placedImages(await page.getOperatorList(), OPS as unknown as Ops, page.view));
      if (!verdict.scanned || !verdict.image) throw new Error("not detected as a scan");
      const image = await pageImage(page, verdict.image, {
        streams,
        read: async (s, e) => original.subarray(s, e),
      });
      if ("unsupported" in image) throw new Error(image.unsupported);
      kept = image.type;
      bytes += image.bytes.length;
      page.cleanup();
    }
    const ms = (performance.now() - started) / PAGES;
    await pdf.destroy();
    console.log(
      `| ${encoding} | ${dpi} | ${kept} | ${Math.round(bytes / PAGES / 1024)} KiB | ${ms.toFixed(0)} | ${Math.min(12, Math.max(1, Math.ceil(SCAN_STEP_BUDGET_MS / ms)))} |`,
    );
  }
}
