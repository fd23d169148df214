/**
 * A small PNG encoder for page images decoded by PDF.js (Flate, LZW, CCITT, JBIG2 and run-length images
 * arrive as pixels, which no vision model or browser takes as they are). The zlib stream comes from the
 * runtime's native `CompressionStream("deflate")`, so no compression code is shipped and the CPU spent is
 * native; rows use filter 0 (scans compress well without prediction, and it keeps one row in memory).
 */

/** Pixel layouts PDF.js hands over (its `ImageKind`): 1 bit grey (1 = white), 8 bit RGB, 8 bit RGBA. */
export type RawImage = { width: number; height: number; kind: 1 | 2 | 3; data: Uint8Array | Uint8ClampedArray };
/** One 8-bit grey channel (a grey scan). */
export type GreyImage = { width: number; height: number; grey: Uint8Array };

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(parts: Uint8Array[]): number {
  let c = 0xffffffff;
  for (const part of parts) for (const byte of part) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const head = new Uint8Array(8);
  const view = new DataView(head.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) head[4 + i] = type.charCodeAt(i);
  const tail = new Uint8Array(4);
  new DataView(tail.buffer).setUint32(0, crc32([head.subarray(4), data]));
  const out = new Uint8Array(12 + data.length);
  out.set(head, 0);
  out.set(data, 8);
  out.set(tail, 8 + data.length);
  return out;
}

/** Bytes of one stored row (without the filter byte) and the PNG colour type and depth of each kind. */
function layout(image: RawImage | GreyImage): { rowBytes: number; depth: number; colourType: number } {
  if ("grey" in image) return { rowBytes: image.width, depth: 8, colourType: 0 };
  if (image.kind === 1) return { rowBytes: Math.ceil(image.width / 8), depth: 1, colourType: 0 };
  if (image.kind === 2) return { rowBytes: image.width * 3, depth: 8, colourType: 2 };
  return { rowBytes: image.width * 4, depth: 8, colourType: 6 };
}

/** Encodes `image` as a PNG; its data must hold `height` rows of the kind's layout. */
export async function encodePng(image: RawImage | GreyImage): Promise<Uint8Array> {
  const { rowBytes, depth, colourType } = layout(image);
  const data = "grey" in image ? image.grey : image.data;
  if (data.length < rowBytes * image.height) throw new Error("image data shorter than its size says");
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, image.width);
  view.setUint32(4, image.height);
  header.set([depth, colourType, 0, 0, 0], 8);

  const compressor = new CompressionStream("deflate");
  const writer = compressor.writable.getWriter();
  const compressed = new Response(compressor.readable).arrayBuffer();
  // Rows go in groups of about 256 KiB: each group is one copy with its filter bytes, never the whole image.
  const rowsPerWrite = Math.max(1, Math.floor(262_144 / (rowBytes + 1)));
  for (let y = 0; y < image.height; y += rowsPerWrite) {
    const rows = Math.min(rowsPerWrite, image.height - y);
    const block = new Uint8Array(rows * (rowBytes + 1));
    for (let r = 0; r < rows; r++) {
      const start = (y + r) * rowBytes;
      block.set(data.subarray(start, start + rowBytes), r * (rowBytes + 1) + 1);
    }
    await writer.write(block);
  }
  await writer.close();
  const idat = new Uint8Array(await compressed);

  const signature = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const parts = [signature, chunk("IHDR", header), chunk("IDAT", idat), chunk("IEND", new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
