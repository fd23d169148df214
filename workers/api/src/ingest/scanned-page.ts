/**
 * Which PDF pages are scans. Decided per page, so a mixed document keeps its text pages: a page is scanned
 * when an image covers most of it and its text layer holds only a few real words (a scanner's stamp, a
 * page number), or when its text layer is garbage (characters but no real words: a broken font encoding).
 * Numbers are not garbage: a chart drawn as vector paths has axis ticks and values for text ("0 10 20 … 2019"),
 * few words and no image, and its text layer is what it says. A page with neither text nor an image (a
 * drawing alone) is not scanned either: there is no picture of text to read. The image's placement comes from PDF.js'
 * operator list (the transform in force when it is painted), so no canvas is needed.
 */
import type { getDocumentProxy } from "unpdf";

type PdfPage = Awaited<ReturnType<Awaited<ReturnType<typeof getDocumentProxy>>["getPage"]>>;
type OperatorList = Awaited<ReturnType<PdfPage["getOperatorList"]>>;

/** A page with this many real words is a text page whatever else it holds (a figure with a caption). */
export const TEXT_PAGE_WORDS = 20;
/** The share of the page an image must cover for the page to be a picture of a page. */
export const PAGE_IMAGE_COVERAGE = 0.5;

/** Why a page needs OCR (stored in `ocr_reason`'s code; the student's sentence is in ocr-reasons.ts). */
export type ScanKind = "image-only" | "image-few-words" | "garbage-text";

const LATIN_VOWEL = /[aeiouyàáâãäåèéêëìíîïòóôõöùúûüýÿæœ]/i;

/** A number as a chart or a table prints it: digits with their separators ("1,200", "3.5", "2019-20", "12:30"). */
const NUMBER = /^\p{N}[\p{N}.,:/'’-]*$/u;

/**
 * Tokens that read as words: two or more letters, and a vowel when they are Latin (so "xq#lk" is not).
 * `numbers`: the tokens that are numbers (counted in `tokens` too), `numberChars` their characters.
 */
export function countRealWords(text: string): { words: number; tokens: number; numbers: number; numberChars: number } {
  let words = 0;
  let tokens = 0;
  let numbers = 0;
  let numberChars = 0;
  // Letter-spaced text ("H e l l o", a spaced heading or a font's wide tracking) is words, not garbage.
  const unspaced = text.replace(/(?<![\p{L}\p{N}])\p{L}(?: \p{L}(?![\p{L}\p{N}]))+/gu, (run) =>
    run.replaceAll(" ", ""),
  );
  for (const raw of unspaced.split(/\s+/)) {
    const token = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    if (!token) continue;
    tokens++;
    if (NUMBER.test(token)) {
      numbers++;
      numberChars += raw.length;
      continue;
    }
    if (!/^[\p{L}\p{M}'’-]{2,}$/u.test(token)) continue;
    if (/\p{Script=Latin}/u.test(token) && !LATIN_VOWEL.test(token)) continue;
    words++;
  }
  return { words, tokens, numbers, numberChars };
}

export type PlacedImage = {
  /** PDF.js' object id (`img_p0_1`), or null for an inline image (its data is in `inline`). */
  objId: string | null;
  inline?: unknown;
  width: number;
  height: number;
  /** Share of the page's area the image covers (0–1). */
  coverage: number;
};

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  n[0] * m[0] + n[1] * m[2],
  n[0] * m[1] + n[1] * m[3],
  n[2] * m[0] + n[3] * m[2],
  n[2] * m[1] + n[3] * m[3],
  n[4] * m[0] + n[5] * m[2] + m[4],
  n[4] * m[1] + n[5] * m[3] + m[5],
];

/** Numeric codes of the operators read here (PDF.js' `OPS`). */
export type Ops = Record<
  | "save"
  | "restore"
  | "transform"
  | "paintFormXObjectBegin"
  | "paintFormXObjectEnd"
  | "paintImageXObject"
  | "paintInlineImageXObject",
  number
>;

/** Every image the page paints with the area it covers: the transform maps the unit square onto the page. */
export function placedImages(list: OperatorList, ops: Ops, view: number[]): PlacedImage[] {
  const [x0 = 0, y0 = 0, x1 = 612, y1 = 792] = view;
  const pageArea = Math.abs((x1 - x0) * (y1 - y0)) || 1;
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const images: PlacedImage[] = [];
  list.fnArray.forEach((fn, i) => {
    const args = list.argsArray[i] as unknown[] | null;
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? ctm;
    else if (fn === ops.transform) ctm = multiply(ctm, args as Matrix);
    else if (fn === ops.paintFormXObjectBegin) {
      stack.push(ctm);
      if (Array.isArray(args?.[0])) ctm = multiply(ctm, args[0] as Matrix);
    } else if (fn === ops.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === ops.paintImageXObject || fn === ops.paintInlineImageXObject) {
      const inline = fn === ops.paintInlineImageXObject ? (args?.[0] as { width?: number; height?: number }) : null;
      const area = Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]);
      images.push({
        objId: inline ? null : String(args?.[0]),
        inline: inline ?? undefined,
        width: Number(inline ? inline.width : args?.[1]) || 0,
        height: Number(inline ? inline.height : args?.[2]) || 0,
        coverage: Math.min(1, area / pageArea),
      });
    }
  });
  return images;
}

/** The text without the Markdown extraction wrote for its tables (pdf-tables.ts): rule rows, lone pipes. */
const withoutTableMarkup = (text: string) =>
  text.replace(/^\|(?:\s*:?-{3,}:?\s*\|)+\s*$/gm, "").replace(/(?<!\S)\|(?!\S)/g, "");

/** The page's verdict: not scanned, or scanned (of which kind) with the image to read, if there is one. */
export function classifyPage(
  text: string,
  images: PlacedImage[],
): { scanned: false } | { scanned: true; kind: ScanKind; image: PlacedImage | null } {
  const { words, tokens, numbers, numberChars } = countRealWords(text);
  if (words >= TEXT_PAGE_WORDS) return { scanned: false };
  const largest = images.reduce<PlacedImage | null>((a, b) => (a && a.coverage >= b.coverage ? a : b), null);
  if (largest && largest.coverage >= PAGE_IMAGE_COVERAGE) {
    return { scanned: true, kind: words === 0 && !text.trim() ? "image-only" : "image-few-words", image: largest };
  }
  // Garbage is judged on what is not a number, nor the Markdown of a table found on the page (its cells'
  // pipes, its rule row): 40+ such characters, under 30 % of those tokens real words.
  const chars = withoutTableMarkup(text).replace(/\s/g, "").length - numberChars;
  if (chars >= 40 && words < (tokens - numbers) * 0.3) return { scanned: true, kind: "garbage-text", image: null };
  return { scanned: false };
}

/** Whether a page's text might belong to a scan: only those pay for an operator list (images decoded). */
export function mightBeScanned(text: string): boolean {
  return countRealWords(text).words < TEXT_PAGE_WORDS;
}
