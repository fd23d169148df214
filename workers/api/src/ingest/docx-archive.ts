/**
 * A Word document is a ZIP archive. Before mammoth inflates it, its central directory is read (entry
 * count, each part's declared sizes and compression ratio) and the XML parts mammoth parses are inflated
 * once, natively and against a byte budget, so a declared size cannot lie: a 125 KiB file whose text
 * unpacks to 39 MiB is refused before anything is held in memory.
 */

import { FileRejected, reasons } from "../documents/rejection";
import { inflatedSize } from "./inflate-budget";
import { MAX_DOCX_ENTRIES, MAX_DOCX_PART_BYTES, MAX_DOCX_RATIO, MAX_DOCX_XML_BYTES } from "./limits";

type Entry = { name: string; method: number; compressed: number; uncompressed: number; localOffset: number };

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const damaged = () => new FileRejected("damaged", reasons.damaged("Word document"));

function findEndOfDirectory(view: DataView): number {
  // The record is 22 bytes plus a comment of at most 65,535.
  const last = view.byteLength - 22;
  for (let at = last; at >= Math.max(0, last - 65_535); at--) {
    if (view.getUint32(at, true) === EOCD) return at;
  }
  throw damaged();
}

/** The entries of the central directory, with ZIP64 sizes where the 32-bit fields overflow. */
export function readCentralDirectory(bytes: Uint8Array): Entry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.byteLength < 22) throw damaged();
  const eocd = findEndOfDirectory(view);
  let count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if ((count === 0xffff || offset === 0xffffffff) && eocd >= 20 && view.getUint32(eocd - 20, true) === ZIP64_LOCATOR) {
    const record = Number(view.getBigUint64(eocd - 12, true));
    if (record + 56 > view.byteLength) throw damaged();
    count = Number(view.getBigUint64(record + 32, true));
    offset = Number(view.getBigUint64(record + 48, true));
  }
  if (count > MAX_DOCX_ENTRIES) throw new FileRejected("too_large", reasons.tooManyEntries(count, MAX_DOCX_ENTRIES));
  const entries: Entry[] = [];
  const decoder = new TextDecoder();
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > view.byteLength || view.getUint32(at, true) !== CENTRAL) throw damaged();
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const entry: Entry = {
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressed: view.getUint32(at + 20, true),
      uncompressed: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    };
    readZip64Extra(view, at + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** ZIP64 extended information (header id 1): the 64-bit values of the fields that read 0xFFFFFFFF. */
function readZip64Extra(view: DataView, start: number, length: number, entry: Entry) {
  for (let at = start; at + 4 <= start + length; ) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 1) {
      let field = at + 4;
      const next = () => {
        const value = field + 8 <= view.byteLength ? Number(view.getBigUint64(field, true)) : 0;
        field += 8;
        return value;
      };
      if (entry.uncompressed === 0xffffffff) entry.uncompressed = next();
      if (entry.compressed === 0xffffffff) entry.compressed = next();
      if (entry.localOffset === 0xffffffff) entry.localOffset = next();
      return;
    }
    at += 4 + size;
  }
}

/** The parts mammoth reads and parses: XML and relationships. Media are never inflated (images are skipped). */
const parsed = (name: string) => /\.(xml|rels)$/i.test(name);

async function actualSize(bytes: Uint8Array, entry: Entry, budget: number): Promise<number> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const local = entry.localOffset;
  if (local + 30 > view.byteLength || view.getUint32(local, true) !== LOCAL) throw damaged();
  const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  const data = bytes.subarray(dataStart, dataStart + entry.compressed);
  if (entry.method === 0) return data.byteLength;
  if (entry.method !== 8) throw damaged(); // mammoth reads only stored and deflated parts
  const inflated = await inflatedSize(data, "deflate-raw", budget);
  if (inflated.corrupt) throw damaged();
  return inflated.bytes;
}

/** Throws `FileRejected` unless the archive's parsed parts stay within the limits in limits.ts. */
export async function checkDocxArchive(bytes: Uint8Array): Promise<void> {
  const entries = readCentralDirectory(bytes).filter((e) => parsed(e.name));
  let declared = 0;
  for (const entry of entries) {
    declared += entry.uncompressed;
    const ratio = entry.uncompressed / Math.max(1, entry.compressed);
    if (
      entry.uncompressed > MAX_DOCX_PART_BYTES ||
      declared > MAX_DOCX_XML_BYTES ||
      (entry.uncompressed > 1024 * 1024 && ratio > MAX_DOCX_RATIO)
    ) {
      throw new FileRejected(
        "too_large",
        reasons.unpacksTooLarge(Math.max(declared, entry.uncompressed), MAX_DOCX_XML_BYTES),
      );
    }
  }
  // The declared sizes are the sender's word: inflate each part against what is left of the budget.
  let total = 0;
  for (const entry of entries) {
    const budget = Math.min(MAX_DOCX_PART_BYTES, MAX_DOCX_XML_BYTES - total);
    const size = await actualSize(bytes, entry, budget);
    total += size;
    if (size > budget || size > entry.uncompressed) {
      throw new FileRejected("too_large", reasons.unpacksTooLarge(Math.max(total, size), MAX_DOCX_XML_BYTES));
    }
  }
}
