/** A page's OCR state as the API shows it (PageOcr in schemas/ocr.ts). */
import type { OcrWord, PageOcrDto } from "../../../../schemas/ocr";
import type { PageRow } from "../documents/documents.store";
import { ocrReasonText } from "./ocr-reasons";

function wordsOf(json: string | null): OcrWord[] | null {
  if (!json) return null;
  try {
    const words = JSON.parse(json) as unknown;
    return Array.isArray(words) ? (words as OcrWord[]) : null;
  } catch {
    return null;
  }
}

export function pageOcrDto(row: Pick<PageRow, "ocr" | "ocrReason" | "imageType" | "ocrWords">): PageOcrDto {
  return {
    status: row.ocr,
    reason:
      row.ocr === "needs-ocr" ? { code: row.ocrReason ?? "not-read-yet", message: ocrReasonText(row.ocrReason) } : null,
    imageType: row.imageType,
    words: wordsOf(row.ocrWords),
  };
}
