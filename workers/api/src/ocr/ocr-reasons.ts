/**
 * Why a scanned page has no text yet: a code stored on the page (`ocr_reason`) and the sentence a student
 * reads (the web app has its own translations of each code, keyed the same way).
 */
export const OCR_REASONS = {
  "not-read-yet": "This page is a scan; its text has not been read yet.",
  "no-provider":
    "This page is a scanned image and this server has no text-recognition model. Open it and choose “Recognise the text in this browser” to make it searchable.",
  "ai-budget":
    "This page is a scanned image, and the AI allowance for reading scans is used up for this month. Recognise the text in your browser instead (free), or wait until next month.",
  "ocr-quota":
    "This page is a scanned image, and your plan's scanned pages for this month are used up. Recognise the text in your browser instead (free), or wait until next month.",
  "provider-failed":
    "This page is a scanned image and the text-recognition service could not read it. Recognise the text in your browser instead, or retry the document later.",
  "nothing-recognised": "This page is a scanned image, but no text was recognised on it (a photo or a blank page?).",
  "no-image":
    "The text on this page is stored in a form that cannot be read (a broken font), and the page has no image to read instead. Export the PDF again or print it to a new PDF, then upload that.",
  "image-encoding":
    "This page is a scanned image in a format we cannot open here (JPEG 2000 or a damaged image). Export the PDF again with JPEG images, then upload that.",
  "image-too-large":
    "This page is a scanned image of more than 16 megapixels, too large to read here. Scan it at 300 dpi or less, then upload it again.",
} as const;

export type OcrReason = keyof typeof OCR_REASONS;

export const OCR_REASON_CODES = Object.keys(OCR_REASONS) as OcrReason[];

/** The sentence for a stored code (an unknown one reads as "not read yet"). */
export function ocrReasonText(code: string | null): string {
  return OCR_REASONS[(code ?? "not-read-yet") as OcrReason] ?? OCR_REASONS["not-read-yet"];
}
