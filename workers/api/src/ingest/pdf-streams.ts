/**
 * What a PDF's streams decode to, measured before PDF.js sees the file. PDF.js parses a page's content
 * synchronously (a 119 KiB file with a 40 MiB content stream held the isolate for 12 s), so a stream
 * whose decoded size passes the per-stream budget, or a document whose streams pass the per-document
 * budget, is rejected here: each Flate stream is inflated natively against what is left of the budget,
 * asynchronously, so other requests go on meanwhile. Images are skipped (text extraction never decodes
 * them); ASCII filters are decoded first, so a Flate stream wrapped in ASCII85 is measured too.
 */

import { FileRejected, reasons } from "../documents/rejection";
import { inflatedSize } from "./inflate-budget";
import { MAX_PDF_DECODED_BYTES_PER_PAGE, MAX_PDF_DECODED_SLACK_BYTES, MAX_PDF_STREAM_DECODED_BYTES } from "./limits";

/** Enough of an object header to find its dictionary: PDF writers keep it short. */
const DICTIONARY_LOOKBACK = 4096;

type StreamInfo = { dictionary: string; start: number; end: number; objectNumber: number | null };

const STREAM = [0x73, 0x74, 0x72, 0x65, 0x61, 0x6d]; // "stream"
const ENDSTREAM = "endstream";

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

/** Offset of the next occurrence of ASCII `text` in `bytes` at or after `from`, or -1. */
export function indexOfText(bytes: Uint8Array, text: string, from: number): number {
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
    const header = latin1Of(bytes.subarray(Math.max(0, at - DICTIONARY_LOOKBACK), at));
    const objAt = header.lastIndexOf(" obj");
    const dictionary = header.slice(objAt + 1);
    const number = /(\d+)\s+\d+$/.exec(header.slice(Math.max(0, objAt - 24), objAt))?.[1];
    const direct = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dictionary);
    let end = direct ? start + Number(direct[1]) : -1;
    const after = end >= start && end <= bytes.length ? latin1Of(bytes.subarray(end, end + 32)) : "";
    if (!/^\s*endstream/.test(after)) {
      end = indexOfText(bytes, ENDSTREAM, start);
      if (end === -1) end = bytes.length;
    }
    yield { dictionary, start, end, objectNumber: number === undefined ? null : Number(number) };
    from = end;
  }
}

/** The stream's filter chain, in the order they are applied when decoding (names abbreviated or not). */
function filtersOf(dictionary: string): string[] {
  const value = /\/Filter\s*(\[[^\]]*\]|\/\w+)/.exec(dictionary)?.[1] ?? "";
  return [...value.matchAll(/\/(\w+)/g)].map((m) => m[1] as string);
}

/** LZW and run-length have no native decoder here: counted at a ratio real content streams stay under. */
const UNMEASURED_RATIO = 16;

/** ASCIIHex and ASCII85 turn text back into bytes (never larger than their input). */
function decodeAscii(data: Uint8Array, filter: string): Uint8Array {
  const text = latin1Of(data);
  if (filter === "ASCIIHexDecode" || filter === "AHx") {
    const hex = text.replace(/[^0-9a-fA-F]/g, "");
    return Uint8Array.from({ length: Math.ceil(hex.length / 2) }, (_, i) =>
      Number.parseInt(hex.slice(i * 2, i * 2 + 2).padEnd(2, "0"), 16),
    );
  }
  const body = text.replace(/\s/g, "").replace(/^<~/, "").replace(/~>.*$/, "");
  const out: number[] = [];
  let group: number[] = [];
  const flush = (count: number) => {
    while (group.length < 5) group.push(84);
    const value = group.reduce((n, c) => n * 85 + c, 0);
    for (let k = 0; k < count; k++) out.push((value >>> (24 - 8 * k)) & 0xff);
    group = [];
  };
  for (const ch of body) {
    if (ch === "z" && group.length === 0) out.push(0, 0, 0, 0);
    else {
      group.push(ch.charCodeAt(0) - 33);
      if (group.length === 5) flush(4);
    }
  }
  if (group.length > 1) flush(group.length - 1);
  return Uint8Array.from(out);
}

/** The bytes as a string, one character a byte. */
export function latin1Of(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
}

/**
 * What `data` decodes to through `filters`, measured up to `budget`: ASCII filters are decoded, Flate is
 * inflated natively (nothing after it in a real chain makes data larger), LZW and run-length estimated.
 */
async function decodedSize(data: Uint8Array, filters: string[], budget: number): Promise<number> {
  let bytes = data;
  for (const filter of filters) {
    if (filter === "FlateDecode" || filter === "Fl") return (await inflatedSize(bytes, "deflate", budget)).bytes;
    if (filter === "LZWDecode" || filter === "LZW" || filter === "RunLengthDecode" || filter === "RL") {
      return bytes.byteLength * UNMEASURED_RATIO;
    }
    if (/^(ASCIIHexDecode|AHx|ASCII85Decode|A85)$/.test(filter)) bytes = decodeAscii(bytes, filter);
    else return bytes.byteLength; // image codecs (DCT, JPX, JBIG2, CCITT): PDF.js's text extraction skips them
  }
  return bytes.byteLength;
}

/** Where each JPEG image's bytes are in the file, by object number: `[start, end)` (a later revision wins). */
export type JpegStreams = Record<string, [number, number]>;

/**
 * Throws `FileRejected` when the PDF's non-image streams decode to more than the budgets allow. Returns the
 * JPEG images it passed (filter DCTDecode alone), so a scanned page's JPEG can be read back from storage
 * as it is (a range read) instead of being decoded and encoded again.
 */
export async function checkPdfStreams(bytes: Uint8Array, pageCount: number): Promise<{ jpegStreams: JpegStreams }> {
  const documentBudget = MAX_PDF_DECODED_SLACK_BYTES + pageCount * MAX_PDF_DECODED_BYTES_PER_PAGE;
  let total = 0;
  const jpegStreams: JpegStreams = {};
  for (const stream of streamsOf(bytes)) {
    if (/\/Subtype\s*\/Image\b/.test(stream.dictionary)) {
      const filters = filtersOf(stream.dictionary);
      if (stream.objectNumber !== null && filters.length === 1 && /^(DCTDecode|DCT)$/.test(filters[0] ?? "")) {
        jpegStreams[stream.objectNumber] = [stream.start, stream.end];
      }
      continue;
    }
    const data = bytes.subarray(stream.start, stream.end);
    const budget = Math.min(MAX_PDF_STREAM_DECODED_BYTES, documentBudget - total);
    const decoded = await decodedSize(data, filtersOf(stream.dictionary), budget);
    total += decoded;
    if (decoded > MAX_PDF_STREAM_DECODED_BYTES) {
      throw new FileRejected("too_large", reasons.pdfStreamTooLarge(decoded, MAX_PDF_STREAM_DECODED_BYTES));
    }
    if (total > documentBudget) {
      throw new FileRejected("too_large", reasons.pdfContentTooLarge(total, documentBudget));
    }
  }
  return { jpegStreams };
}
