/**
 * What a PDF's streams decode to, measured before PDF.js sees the file. PDF.js parses a page's content
 * synchronously (a 119 KiB file with a 40 MiB content stream held the isolate for 12 s), so a stream
 * whose decoded size passes the per-stream budget, or a document whose streams pass the per-document
 * budget, is rejected here: each Flate stream is inflated natively against what is left of the budget,
 * asynchronously, so other requests go on meanwhile. Images are skipped (text extraction never decodes
 * them); streams with other filters count their encoded length.
 */
import { inflatedSize } from "./inflate-budget";
import { MAX_PDF_DECODED_BYTES_PER_PAGE, MAX_PDF_DECODED_SLACK_BYTES, MAX_PDF_STREAM_DECODED_BYTES } from "./limits";
import { FileRejected, reasons } from "./rejection";

/** Enough of an object header to find its dictionary: PDF writers keep it short. */
const DICTIONARY_LOOKBACK = 4096;

type StreamInfo = { dictionary: string; start: number; end: number };

const STREAM = [0x73, 0x74, 0x72, 0x65, 0x61, 0x6d]; // "stream"
const ENDSTREAM = "endstream";

const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);

/** Offset of the next `stream` keyword (not `endstream`) at or after `from`, and where its data starts. */
function nextStreamKeyword(bytes: Uint8Array, from: number): { at: number; dataStart: number } | null {
  for (let at = bytes.indexOf(0x73, from); at !== -1; at = bytes.indexOf(0x73, at + 1)) {
    if (!STREAM.every((b, i) => bytes[at + i] === b)) continue;
    const before = bytes[at - 1] ?? 0x20;
    if (before >= 0x61 && before <= 0x7a) continue; // "endstream"
    let dataStart = at + STREAM.length;
    if (bytes[dataStart] === 0x0d) dataStart++;
    if (bytes[dataStart] !== 0x0a) continue;
    return { at, dataStart: dataStart + 1 };
  }
  return null;
}

function indexOfText(bytes: Uint8Array, text: string, from: number): number {
  const first = text.charCodeAt(0);
  for (let at = bytes.indexOf(first, from); at !== -1; at = bytes.indexOf(first, at + 1)) {
    let i = 1;
    while (i < text.length && bytes[at + i] === text.charCodeAt(i)) i++;
    if (i === text.length) return at;
  }
  return -1;
}

function* streamsOf(bytes: Uint8Array): Generator<StreamInfo> {
  let from = 0;
  for (let found = nextStreamKeyword(bytes, from); found; found = nextStreamKeyword(bytes, from)) {
    const { at, dataStart: start } = found;
    const header = latin1(bytes.subarray(Math.max(0, at - DICTIONARY_LOOKBACK), at));
    const dictionary = header.slice(header.lastIndexOf(" obj") + 1);
    const direct = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dictionary);
    let end = direct ? start + Number(direct[1]) : -1;
    const after = end >= start && end <= bytes.length ? latin1(bytes.subarray(end, end + 32)) : "";
    if (!/^\s*endstream/.test(after)) {
      end = indexOfText(bytes, ENDSTREAM, start);
      if (end === -1) end = bytes.length;
    }
    yield { dictionary, start, end };
    from = end;
  }
}

/** Throws `FileRejected` when the PDF's non-image streams decode to more than the budgets allow. */
export async function checkPdfStreams(bytes: Uint8Array, pageCount: number): Promise<void> {
  const documentBudget = MAX_PDF_DECODED_SLACK_BYTES + pageCount * MAX_PDF_DECODED_BYTES_PER_PAGE;
  let total = 0;
  for (const stream of streamsOf(bytes)) {
    if (/\/Subtype\s*\/Image\b/.test(stream.dictionary)) continue;
    const data = bytes.subarray(stream.start, stream.end);
    const filter = /\/Filter\s*\[?\s*\/(\w+)/.exec(stream.dictionary)?.[1];
    const budget = Math.min(MAX_PDF_STREAM_DECODED_BYTES, documentBudget - total);
    let decoded = data.byteLength;
    if (filter === "FlateDecode" || filter === "Fl") {
      const inflated = await inflatedSize(data, "deflate", budget);
      decoded = inflated.bytes;
    }
    total += decoded;
    if (decoded > MAX_PDF_STREAM_DECODED_BYTES) {
      throw new FileRejected("too_large", reasons.pdfStreamTooLarge(decoded, MAX_PDF_STREAM_DECODED_BYTES));
    }
    if (total > documentBudget) {
      throw new FileRejected("too_large", reasons.pdfContentTooLarge(total, documentBudget));
    }
  }
}
