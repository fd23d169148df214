import { z } from "@hono/zod-openapi";
import { PAGE_OCR_STATES } from "./db";

/** Most text a browser may post for one page: a dense page holds ~5,000 characters. */
export const BROWSER_OCR_TEXT_MAX = 50_000;
/** Most recognised words (with boxes) a page may carry: a dense page has ~1,000. */
export const BROWSER_OCR_WORDS_MAX = 10_000;
/** Languages the web app ships recognition data for (tesseract codes). */
export const OCR_LANGUAGES = ["eng", "por", "spa"] as const;

const fraction = z.number().min(0).max(1);

export const OcrWordSchema = z
  .object({
    t: z.string().min(1).max(200).openapi({ description: "The word as recognised" }),
    b: z
      .tuple([fraction, fraction, fraction, fraction])
      .refine(([x0, y0, x1, y1]) => x0 <= x1 && y0 <= y1, "must be [x0, y0, x1, y1] with x0 ≤ x1 and y0 ≤ y1")
      .openapi({ description: "Box [x0, y0, x1, y1] in fractions of the page image (top-left origin)" }),
  })
  .openapi("OcrWord");

export const OcrReasonSchema = z
  .object({
    code: z.string().openapi({ example: "no-provider" }),
    message: z.string().openapi({ description: "Why the page has no text yet, in words a student reads" }),
  })
  .openapi("OcrReason");

export const PageOcrSchema = z
  .object({
    status: z.enum(PAGE_OCR_STATES).nullable().openapi({
      description:
        "null: read from the PDF's text layer; needs-ocr: a scanned page not read yet (see reason); provider: read by the server's vision model; browser: read in the student's browser",
    }),
    reason: OcrReasonSchema.nullable(),
    imageType: z
      .string()
      .nullable()
      .openapi({ description: "Media type of the page image at …/pages/{page}/image, null when none is kept" }),
    words: z
      .array(OcrWordSchema)
      .nullable()
      .openapi({ description: "Recognised words with boxes, when the reader gave them" }),
  })
  .openapi("PageOcr");

export const ScannedPageSchema = z
  .object({ page: z.number().int(), ocr: PageOcrSchema.omit({ words: true }) })
  .openapi("ScannedPage");

export const ScannedPagesSchema = z
  .object({ documentId: z.string(), items: z.array(ScannedPageSchema) })
  .openapi("ScannedPages");

export const BrowserOcrSchema = z
  .object({
    text: z
      .string()
      .max(BROWSER_OCR_TEXT_MAX, `must be at most ${BROWSER_OCR_TEXT_MAX} characters`)
      .regex(/[^\p{Cf}\p{Z}\p{Cc}]/u, "must contain recognised text"),
    words: z
      .array(OcrWordSchema)
      .max(BROWSER_OCR_WORDS_MAX, `must hold at most ${BROWSER_OCR_WORDS_MAX} words`)
      .optional(),
    language: z.enum(OCR_LANGUAGES).optional().openapi({ description: "The recognition language used" }),
  })
  .openapi("BrowserOcr");

export type PageOcrDto = z.infer<typeof PageOcrSchema>;
export type OcrWord = z.infer<typeof OcrWordSchema>;
export type BrowserOcrBody = z.infer<typeof BrowserOcrSchema>;
