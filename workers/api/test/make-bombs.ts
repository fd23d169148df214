/**
 * Hostile files made by the tests themselves (issue 13), so no large fixture is committed: a Word
 * document whose text inflates to tens of MiB, and a one-page PDF with a huge content stream. Both are
 * small on the wire and large once decoded; both are built with the runtime's CompressionStream.
 */
const encoder = new TextEncoder();

async function compress(data: Uint8Array, format: "deflate" | "deflate-raw"): Promise<Uint8Array> {
  const stream = new Blob([data]).stream().pipeThrough(new CompressionStream(format));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A ZIP archive (deflated entries) from name → content. */
export async function makeZip(files: Record<string, string | Uint8Array>): Promise<Uint8Array> {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const raw = typeof content === "string" ? encoder.encode(content) : content;
    const data = await compress(raw, "deflate-raw");
    const nameBytes = encoder.encode(name);
    const crc = crc32(raw);
    const local = new Uint8Array(30 + nameBytes.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, 8, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, raw.length, true);
    lv.setUint16(26, nameBytes.length, true);
    local.set(nameBytes, 30);
    const central = new Uint8Array(46 + nameBytes.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, 8, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, raw.length, true);
    cv.setUint16(28, nameBytes.length, true);
    cv.setUint32(42, offset, true);
    central.set(nameBytes, 46);
    locals.push(local, data);
    centrals.push(central);
    offset += local.length + data.length;
  }
  const directorySize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, centrals.length, true);
  ev.setUint16(10, centrals.length, true);
  ev.setUint32(12, directorySize, true);
  ev.setUint32(16, offset, true);
  return new Uint8Array(await new Blob([...locals, ...centrals, end]).arrayBuffer());
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

/** A .docx whose paragraphs are `paragraph` repeated `count` times. */
export function makeDocx(paragraph: string, count: number): Promise<Uint8Array> {
  const body = `<w:p><w:r><w:t>${paragraph}</w:t></w:r></w:p>`.repeat(count);
  const document = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
  return makeZip({ "[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS, "word/document.xml": document });
}

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

/** ASCII85 (PDF's `/ASCII85Decode`), so a test can wrap a Flate stream the way an evasive bomb would. */
function ascii85(data: Uint8Array): Uint8Array {
  let out = "";
  for (let i = 0; i < data.length; i += 4) {
    const chunk = [0, 1, 2, 3].map((k) => data[i + k] ?? 0);
    let value =
      (chunk[0] as number) * 2 ** 24 +
      (chunk[1] as number) * 2 ** 16 +
      (chunk[2] as number) * 256 +
      (chunk[3] as number);
    const digits: string[] = [];
    for (let d = 0; d < 5; d++) {
      digits.unshift(String.fromCharCode((value % 85) + 33));
      value = Math.floor(value / 85);
    }
    out += digits.slice(0, Math.min(4, data.length - i) + 1).join("");
  }
  return latin1(`${out}~>`);
}

/**
 * A one-page PDF whose content stream (Flate-compressed, optionally wrapped in ASCII85) decodes to about
 * `decodedBytes`.
 */
export function makePdfWithHugeContent(decodedBytes: number, options: { ascii85?: boolean } = {}): Promise<Uint8Array> {
  const line = "BT /F1 12 Tf 72 720 Td (Hello from a very long page) Tj ET\n";
  return makeOnePagePdf(line.repeat(Math.ceil(decodedBytes / line.length)), options.ascii85);
}

/** One page of `lines` strings in 1 pt type (PDF.js keeps only text inside the page): much text, small stream. */
export function makeDenseTextPdf(lines: string[]): Promise<Uint8Array> {
  const shown = lines.map((l) => `(${l.replace(/[\\()]/g, "")}) Tj T*`).join("\n");
  return makeOnePagePdf(`BT /F1 1 Tf 1 TL 0 790 Td\n${shown}\nET`);
}

async function makeOnePagePdf(contentText: string, wrapInAscii85 = false): Promise<Uint8Array> {
  const deflated = await compress(encoder.encode(contentText), "deflate");
  const stream = wrapInAscii85 ? ascii85(deflated) : deflated;
  const filter = wrapInAscii85 ? "[/ASCII85Decode /FlateDecode]" : "/FlateDecode";
  const parts: Uint8Array[] = [];
  const offsets: number[] = [];
  let length = 0;
  const write = (data: string | Uint8Array) => {
    const bytes = typeof data === "string" ? latin1(data) : data;
    parts.push(bytes);
    length += bytes.length;
  };
  const object = (id: number, body: string) => {
    offsets[id] = length;
    write(`${id} 0 obj\n${body}\nendobj\n`);
  };
  write("%PDF-1.4\n");
  object(1, "<< /Type /Catalog /Pages 2 0 R >>");
  object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  object(
    3,
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
  );
  offsets[4] = length;
  write(`4 0 obj\n<< /Length ${stream.length} /Filter ${filter} >>\nstream\n`);
  write(stream);
  write("\nendstream\nendobj\n");
  object(5, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  const xref = length;
  write(`xref\n0 6\n0000000000 65535 f \n`);
  for (let id = 1; id <= 5; id++) write(`${String(offsets[id]).padStart(10, "0")} 00000 n \n`);
  write(`trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return new Uint8Array(await new Blob(parts).arrayBuffer());
}
