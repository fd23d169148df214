/**
 * A tiny PDF writer for tests and benchmarks: text pages in Helvetica (one line per string), pages with
 * drawings but no text, a bar chart drawn as vector paths with its labels as text, pages that are one image (a
 * scan: encoded bytes with their filter, and optionally a few characters of text over it), optional padding to
 * make a file of a given size, and optionally the font's own encoding and ToUnicode CMap (to write what a PDF
 * writer gets wrong). Runtime-neutral.
 */
export type PdfImage = {
  width: number;
  height: number;
  /** The stream's filter as the PDF names it (`DCTDecode`, `FlateDecode`, `LZWDecode`, `CCITTFaxDecode`…). */
  filter: string;
  /** The encoded bytes (a JPEG file for DCTDecode). */
  data: Uint8Array;
  colorSpace: "DeviceGray" | "DeviceRGB";
  bitsPerComponent: 1 | 8;
  decodeParms?: string;
  /** Where it is drawn, in points: the whole 612×792 page unless given. */
  box?: { x: number; y: number; width: number; height: number };
};
export type PdfPage =
  | { lines: string[] }
  | { drawingOnly: true }
  | { chart: string[] }
  | { image: PdfImage; lines?: string[] };

/** Six bars and two axes as paths, with `labels` under them, one text line each (a chart exported to PDF). */
function chartStream(labels: string[]): string {
  const bars = [120, 260, 200, 340, 300, 420].map((h, i) => `${110 + i * 70} 120 40 ${h} re`);
  const text = labels.map(
    (label, i) => `BT /F1 9 Tf ${90 + (i % 8) * 60} ${100 - Math.floor(i / 8) * 12} Td (${escapePdfText(label)}) Tj ET`,
  );
  return ["0.2 0.4 0.8 rg", ...bars, "f", "0 G 1 w 100 120 m 540 120 l S 100 120 m 100 600 l S", ...text].join("\n");
}

function imageDictionary(image: PdfImage): string {
  const parms = image.decodeParms ? ` /DecodeParms ${image.decodeParms}` : "";
  return `<< /Type /XObject /Subtype /Image /Width ${image.width} /Height ${image.height} /ColorSpace /${image.colorSpace} /BitsPerComponent ${image.bitsPerComponent} /Filter /${image.filter}${parms} /Length ${image.data.length} >>`;
}

function escapePdfText(text: string): string {
  // WinAnsi covers Latin-1; control codes (a font's own encoding may use them) are written as octal
  // escapes; anything else becomes "?".
  return text
    .replace(/[\\()]/g, (c) => `\\${c}`)
    .replace(/[^\x20-\xff]/g, (c) => (c < " " ? `\\${c.charCodeAt(0).toString(8).padStart(3, "0")}` : "?"));
}

function contentStream(page: PdfPage): string {
  if ("drawingOnly" in page) return "0.5 g 72 72 468 648 re f 0 g 100 100 m 500 700 l S";
  if ("chart" in page) return chartStream(page.chart);
  const parts: string[] = [];
  if ("image" in page) {
    const { x, y, width, height } = page.image.box ?? { x: 0, y: 0, width: 612, height: 792 };
    parts.push(`q ${width} 0 0 ${height} ${x} ${y} cm /Im1 Do Q`);
    if (!page.lines?.length) return parts.join("\n");
  }
  parts.push("BT", "/F1 11 Tf", "14 TL", "72 740 Td");
  for (const line of page.lines ?? []) parts.push(`(${escapePdfText(line)}) Tj T*`);
  parts.push("ET");
  return parts.join("\n");
}

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

/** The text font's `/Encoding` (a PDF object, e.g. `<< /Differences [28 /fi] >>`) and ToUnicode CMap. */
export type PdfFontEncoding = { encoding: string; toUnicode?: string };

/**
 * Builds a PDF; `padBytes` adds an unreferenced-by-text filler stream (for size tests), `font` replaces the
 * Helvetica font's WinAnsi encoding.
 */
export function makePdf(pages: PdfPage[], options: { padBytes?: number; font?: PdfFontEncoding } = {}): Uint8Array {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const offsets: number[] = [];
  const write = (data: string | Uint8Array) => {
    const bytes = typeof data === "string" ? latin1(data) : data;
    chunks.push(bytes);
    length += bytes.length;
  };
  const object = (id: number, body: string | Uint8Array[]) => {
    offsets[id] = length;
    write(`${id} 0 obj\n`);
    if (typeof body === "string") write(body);
    else for (const part of body) write(part);
    write("\nendobj\n");
  };

  const n = pages.length;
  const fontId = 3;
  const padId = 4;
  const firstPageId = 5;
  // Three objects a page: the page, its content stream and (for an image page) its image.
  const kids = pages.map((_, i) => `${firstPageId + i * 3} 0 R`).join(" ");
  write("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n");
  object(1, "<< /Type /Catalog /Pages 2 0 R >>");
  object(2, `<< /Type /Pages /Kids [${kids}] /Count ${n} >>`);
  // The ToUnicode CMap, when there is one, is the object after the pages'.
  const toUnicodeId = firstPageId + n * 3;
  const { encoding = "/WinAnsiEncoding", toUnicode } = options.font ?? {};
  const toUnicodeRef = toUnicode === undefined ? "" : ` /ToUnicode ${toUnicodeId} 0 R`;
  object(fontId, `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding ${encoding}${toUnicodeRef} >>`);
  const pad = options.padBytes ?? 0;
  const filler = new Uint8Array(pad);
  for (let i = 0; i < pad; i++) filler[i] = (i * 2654435761) >>> 24;
  object(padId, [latin1(`<< /Length ${pad} >>\nstream\n`), filler, latin1("\nendstream")]);
  pages.forEach((page, i) => {
    const pageId = firstPageId + i * 3;
    const content = contentStream(page);
    const font = "drawingOnly" in page ? "" : `/Font << /F1 ${fontId} 0 R >>`;
    const image = "image" in page ? `/XObject << /Im1 ${pageId + 2} 0 R >>` : "";
    object(
      pageId,
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << ${font} ${image} >> /Contents ${pageId + 1} 0 R >>`,
    );
    object(pageId + 1, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    if ("image" in page) {
      object(pageId + 2, [latin1(`${imageDictionary(page.image)}\nstream\n`), page.image.data, latin1("\nendstream")]);
    } else object(pageId + 2, "null");
  });
  if (toUnicode !== undefined)
    object(toUnicodeId, `<< /Length ${toUnicode.length} >>\nstream\n${toUnicode}\nendstream`);
  const size = toUnicodeId + (toUnicode === undefined ? 0 : 1);
  const xrefAt = length;
  let xref = `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let id = 1; id < size; id++) xref += `${String(offsets[id] ?? 0).padStart(10, "0")} 00000 n \n`;
  write(`${xref}trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`);

  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const WORDS =
  "the student reads a chapter about photosynthesis light energy converts water and carbon dioxide into glucose oxygen chlorophyll absorbs mostly blue and red wavelengths while reflecting green cells store energy as starch plants respire at night mitochondria release energy".split(
    " ",
  );

/** Deterministic study-like prose: `pages` pages of about `linesPerPage` lines, with a heading per page. */
export function samplePages(pages: number, linesPerPage = 45): PdfPage[] {
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed;
  };
  return Array.from({ length: pages }, (_, p) => {
    const lines = [`Chapter ${p + 1} Notes on Biology`, ""];
    for (let l = 0; l < linesPerPage; l++) {
      const words = Array.from({ length: 12 }, () => WORDS[next() % WORDS.length]);
      lines.push(`${words.join(" ")}${l % 4 === 3 ? "." : ""}`);
    }
    lines.push(`Unique marker page${p + 1}marker.`);
    return { lines };
  });
}
