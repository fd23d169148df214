/**
 * Scanned-page fixtures made by the tests: a page "photographed" as pixels (dark word blocks on paper, with
 * noise, like a scan at 150 dpi), encoded the way scanners write them (JPEG, Flate, LZW, 1-bit Flate) and
 * wrapped into a PDF by make-pdf.ts. The readable versions (real glyphs, drawn by a browser) are made by the
 * e2e flow and the OCR benchmark; these exercise detection, image extraction and the provider seam.
 */
import jpeg from "jpeg-js";
import type { PdfImage } from "./make-pdf";

/**
 * A grey page at `dpi` over US Letter: white paper, lines of dark word blocks, salt-and-pepper noise (one
 * pixel in `noise` on average: 20 is a poor scanner and makes JPEG large, ~800 KiB a page at 150 dpi).
 */
export function scannedPixels(dpi = 150, seed = 1, noise = 20): { width: number; height: number; grey: Uint8Array } {
  const width = Math.round(8.5 * dpi);
  const height = Math.round(11 * dpi);
  const grey = new Uint8Array(width * height).fill(240);
  let s = seed;
  const rand = () => {
    s = (s * 1103515245 + 12345) >>> 0;
    return s / 2 ** 32;
  };
  const line = Math.round(dpi / 6);
  for (let y = dpi; y < height - dpi; y += line) {
    let x = dpi;
    while (x < width - dpi) {
      const word = Math.round((0.2 + rand() * 0.6) * dpi);
      for (let yy = y; yy < y + line * 0.55; yy++)
        grey.fill(30, yy * width + x, yy * width + Math.min(x + word, width - dpi));
      x += word + Math.round(dpi / 12);
    }
  }
  for (let i = 0; i < grey.length; i += 1 + Math.floor(rand() * 2 * noise)) grey[i] = rand() < 0.5 ? 0 : 255;
  return { width, height, grey };
}

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** PDF LZW (early change 1), the filter old scanners wrote before Flate. */
export function lzw(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  let width = 9;
  const emit = (code: number) => {
    acc = (acc << width) | code;
    bits += width;
    while (bits >= 8) {
      out.push((acc >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
    acc &= (1 << bits) - 1;
  };
  let table = new Map<string, number>();
  let next = 258;
  const reset = () => {
    table = new Map();
    next = 258;
    width = 9;
  };
  emit(256);
  let w = "";
  for (const byte of bytes) {
    const c = String.fromCharCode(byte);
    const wc = w + c;
    if (w === "" || table.has(wc) || wc.length === 1) {
      w = wc;
      continue;
    }
    emit(w.length === 1 ? w.charCodeAt(0) : (table.get(w) as number));
    table.set(wc, next++);
    // The decoder adds each entry one code later and widens when its next code + 1 is a power of two.
    if (next >= 4000) {
      emit(256);
      reset();
    } else if (next === 1 << width) width++;
    w = c;
  }
  if (w) emit(w.length === 1 ? w.charCodeAt(0) : (table.get(w) as number));
  emit(257);
  if (bits > 0) out.push((acc << (8 - bits)) & 0xff);
  return Uint8Array.from(out);
}

/** 1 bit a pixel, rows padded to a byte, 1 = white (DeviceGray with BitsPerComponent 1). */
function bilevel(grey: Uint8Array, width: number, height: number): Uint8Array {
  const stride = Math.ceil(width / 8);
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = y * stride + (x >> 3);
      if ((grey[y * width + x] ?? 0) >= 128) out[at] = (out[at] ?? 0) | (0x80 >> (x & 7));
    }
  }
  return out;
}

export type ScanEncoding = "jpeg" | "flate" | "lzw" | "flate-1bit";

/** A page-sized scan image in `encoding`, ready for `makePdf([{ image }])`. */
export async function scanImage(encoding: ScanEncoding, dpi = 150, seed = 1, noise = 20): Promise<PdfImage> {
  const { width, height, grey } = scannedPixels(dpi, seed, noise);
  const base = { width, height, colorSpace: "DeviceGray" as const, bitsPerComponent: 8 as const };
  switch (encoding) {
    case "jpeg": {
      const rgba = new Uint8Array(width * height * 4);
      for (let i = 0; i < grey.length; i++) {
        rgba.fill(grey[i] ?? 0, i * 4, i * 4 + 3);
        rgba[i * 4 + 3] = 255;
      }
      const file = jpeg.encode({ data: rgba, width, height }, 75).data;
      return { ...base, colorSpace: "DeviceRGB", filter: "DCTDecode", data: new Uint8Array(file) };
    }
    case "flate":
      return { ...base, filter: "FlateDecode", data: await deflate(grey) };
    case "lzw":
      return { ...base, filter: "LZWDecode", data: lzw(grey) };
    case "flate-1bit":
      return { ...base, bitsPerComponent: 1, filter: "FlateDecode", data: await deflate(bilevel(grey, width, height)) };
  }
}
