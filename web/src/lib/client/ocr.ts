/**
 * "Recognise the text in this browser": tesseract.js reads a scanned page's image on the student's device,
 * loaded on first use from our own origin (`/ocr/`, copied from npm packages by scripts/copy-ocr-assets.mjs):
 * the library, its worker, the LSTM WebAssembly core and the language data (English, Portuguese, Spanish:
 * @tesseract.js-data/{eng,por,spa}). The strict CSP holds: a same-origin module, a same-origin worker (not a
 * blob), fetches to 'self'. The result is the page's text and its words with boxes in fractions of the image.
 */

import type { components } from "$lib/api-types";
import type { BoxedWord } from "$schemas/ocr-quote";

export { quoteBoxes } from "$schemas/ocr-quote";

export type OcrLanguage = "eng" | "por" | "spa";

/** Sent on `window` when a page's recognised text was saved (`detail`: the document id), so lists refresh. */
export const PAGE_RECOGNISED_EVENT = "studyai:page-recognised";
/** A word and its box [x0, y0, x1, y1] in fractions of the image (the API's OcrWord). */
export type RecognisedWord = BoxedWord;
/** A page's OCR state as the viewer uses it (boxes as plain arrays, as both API directions type them). */
export type PageOcr = Omit<components["schemas"]["PageOcr"], "words"> & { words: RecognisedWord[] | null };
export type ScannedPageText = { text: string; pageCount: number; ocr: PageOcr };
export type Recognised = { text: string; words: RecognisedWord[]; confidence: number };

/** The recognition language for the interface's locale (a student reading Portuguese reads Portuguese scans). */
export function ocrLanguageFor(locale: string): OcrLanguage {
  if (locale.startsWith("pt")) return "por";
  if (locale.startsWith("es")) return "spa";
  return "eng";
}

type Bbox = { x0: number; y0: number; x1: number; y1: number };
type TesseractWord = { text: string; bbox: Bbox };
type TesseractPage = {
  text: string;
  confidence: number;
  blocks: Array<{ paragraphs: Array<{ lines: Array<{ words: TesseractWord[] }> }> }> | null;
};
type TesseractWorker = {
  recognize(image: unknown, options?: object, output?: object): Promise<{ data: TesseractPage }>;
  terminate(): Promise<unknown>;
};
type Tesseract = {
  createWorker(lang: string, oem: number, options: object): Promise<TesseractWorker>;
};

const clamp = (n: number) => Math.min(1, Math.max(0, n));

/** Words of a tesseract page with their boxes as fractions of a `width`×`height` image. */
export function wordsOf(page: TesseractPage, width: number, height: number): RecognisedWord[] {
  const words: RecognisedWord[] = [];
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        for (const word of line.words) {
          const t = word.text.trim();
          if (!t) continue;
          const { x0, y0, x1, y1 } = word.bbox;
          words.push({
            t: t.slice(0, 200),
            b: [clamp(x0 / width), clamp(y0 / height), clamp(x1 / width), clamp(y1 / height)],
          });
        }
      }
    }
  }
  return words;
}

async function imageSize(image: Blob): Promise<{ width: number; height: number }> {
  const bitmap = await createImageBitmap(image);
  const size = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return size;
}

/**
 * Recognises the text of `image` in `language`. `base` is where the assets are served (`/ocr` in the app);
 * `onprogress` gets 0–1 while the engine loads and reads.
 */
export async function recogniseImage(
  image: Blob,
  language: OcrLanguage,
  options: { base?: string; onprogress?: (done: number) => void } = {},
): Promise<Recognised> {
  const base = options.base ?? "/ocr";
  const module = (await import(/* @vite-ignore */ `${base}/tesseract.esm.min.js`)) as { default: Tesseract };
  const worker = await module.default.createWorker(language, 1, {
    workerPath: `${base}/worker.min.js`,
    corePath: `${base}/core`,
    langPath: `${base}/lang`,
    // A blob: worker would need `worker-src blob:`; a same-origin file does not.
    workerBlobURL: false,
    gzip: true,
    logger: (m: { status: string; progress: number }) => {
      if (m.status === "recognizing text") options.onprogress?.(0.2 + m.progress * 0.8);
      else options.onprogress?.(Math.min(0.2, m.progress * 0.2));
    },
  });
  try {
    const { width, height } = await imageSize(image);
    const { data } = await worker.recognize(image, {}, { text: true, blocks: true });
    return { text: data.text.trim(), words: wordsOf(data, width, height), confidence: data.confidence };
  } finally {
    await worker.terminate();
  }
}
