/**
 * A scanned page's image, got inside the Worker (no canvas): PDF.js decodes the image it paints while it
 * builds the page's operator list; a JPEG (DCTDecode alone) is then read back from the original as it is
 * (an R2 range read of the stream `checkPdfStreams` located), everything else is encoded as PNG.
 *
 * Encodings: DCT (JPEG) passed through; Flate, LZW, run-length, CCITT fax and JBIG2 arrive decoded from
 * PDF.js and become PNG (1-bit pages stay 1-bit, grey stays grey). JPX (JPEG 2000) is not supported:
 * PDF.js needs its OpenJPEG WebAssembly decoder, which this Worker does not ship, so such a page stays
 * `needs-ocr` with a reason. Memory is bounded per page: images over `MAX_PAGE_IMAGE_PIXELS` are never
 * decoded (PDF.js' `maxImageSize`), pages are read one at a time, and only one page's pixels are held.
 */
import type { getDocumentProxy } from "unpdf";
import type { JpegStreams } from "./pdf-streams";
import { encodePng, type RawImage } from "./png";
import type { PlacedImage } from "./scanned-page";

type PdfPage = Awaited<ReturnType<Awaited<ReturnType<typeof getDocumentProxy>>["getPage"]>>;

/** 16 megapixels: a Letter/A4 page at 400 dpi; its RGB pixels are 48 MB, a third of the isolate. */
export const MAX_PAGE_IMAGE_PIXELS = 16_000_000;

export type PageImage = { bytes: Uint8Array; type: "image/jpeg" | "image/png"; width: number; height: number };

/** Why no image could be had (a code; ocr-reasons.ts has the student's sentence). */
export type NoImage = { unsupported: "image-encoding" | "image-too-large" };

type DecodedImage = {
  width: number;
  height: number;
  kind?: number;
  data?: Uint8Array | Uint8ClampedArray;
  ref?: { num: number; gen: number } | string | null;
};

function objectOf(page: PdfPage, objId: string): Promise<DecodedImage | null> {
  const store = objId.startsWith("g_") ? page.commonObjs : page.objs;
  return new Promise((resolve) => {
    try {
      store.get(objId, (value: unknown) => resolve((value as DecodedImage) ?? null));
    } catch {
      resolve(null);
    }
  });
}

/** The object number PDF.js read the image from (`ref` is `{num, gen}` or "12R"). */
function refNumber(ref: DecodedImage["ref"]): number | null {
  if (!ref) return null;
  if (typeof ref === "string") {
    const n = /^(\d+)R/.exec(ref)?.[1];
    return n === undefined ? null : Number(n);
  }
  return ref.num;
}

/** RGB whose three channels agree everywhere (a grey scan PDF.js expanded) becomes one grey channel. */
function greyIfNeutral(image: RawImage): RawImage | { width: number; height: number; grey: Uint8Array } {
  if (image.kind !== 2) return image;
  const { data } = image;
  for (let i = 0; i < data.length; i += 3) {
    if (data[i] !== data[i + 1] || data[i] !== data[i + 2]) return image;
  }
  const grey = new Uint8Array(image.width * image.height);
  for (let p = 0, i = 0; p < grey.length; p++, i += 3) grey[p] = data[i] as number;
  return { width: image.width, height: image.height, grey };
}

export async function pageImage(
  page: PdfPage,
  placed: PlacedImage,
  jpeg: { streams: JpegStreams; read: (start: number, end: number) => Promise<Uint8Array | null> },
): Promise<PageImage | NoImage> {
  if (placed.width * placed.height > MAX_PAGE_IMAGE_PIXELS) return { unsupported: "image-too-large" };
  const decoded = placed.objId ? await objectOf(page, placed.objId) : (placed.inline as DecodedImage);
  if (!decoded?.data || !decoded.width || !decoded.height) return { unsupported: "image-encoding" };
  const number = refNumber(decoded.ref);
  const range = number === null ? undefined : jpeg.streams[number];
  if (range) {
    const bytes = await jpeg.read(range[0], range[1]);
    if (bytes && bytes[0] === 0xff && bytes[1] === 0xd8) {
      return { bytes, type: "image/jpeg", width: decoded.width, height: decoded.height };
    }
  }
  const kind = decoded.kind === 1 || decoded.kind === 2 || decoded.kind === 3 ? decoded.kind : null;
  if (!kind) return { unsupported: "image-encoding" };
  const raw = greyIfNeutral({ width: decoded.width, height: decoded.height, kind, data: decoded.data });
  const bytes = await encodePng(raw);
  return { bytes, type: "image/png", width: decoded.width, height: decoded.height };
}
