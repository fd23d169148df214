/**
 * A problem with the file itself (password, damage, no text, too many pages): the document ends
 * `rejected` with a reason a student understands, and nothing is retried.
 */
export type RejectionCode =
  | "encrypted"
  | "damaged"
  | "empty"
  | "no_text_layer"
  | "too_many_pages"
  | "too_large"
  | "unsupported_type"
  | "model_mismatch"
  | "quota";

export class FileRejected extends Error {
  constructor(
    readonly code: RejectionCode,
    readonly reason: string,
  ) {
    super(reason);
    this.name = "FileRejected";
  }
}

export const reasons = {
  encrypted:
    "This PDF is password-protected. Remove the password (print or export it to a new PDF) and upload it again.",
  damaged: (what: string) =>
    `This ${what} is damaged and cannot be read. Try exporting it again from the program that made it.`,
  empty: "This file contains no text.",
  noTextLayer:
    "This PDF has no text layer (scanned?): its pages are images, so there is nothing to search. Run it through OCR and upload the result.",
  tooManyPages: (pages: number, cap: number) =>
    `This PDF has ${pages.toLocaleString("en")} pages; the limit is ${cap.toLocaleString("en")}. Split it into smaller parts and upload those.`,
  tooLarge: (bytes: number, cap: number) =>
    `This file is ${(bytes / 1048576).toFixed(1)} MB; the limit is ${(cap / 1048576).toFixed(0)} MB.`,
  notWhatItClaims: (claimed: string) =>
    `This file is named like a ${claimed.toUpperCase()} but its content is not one — it is damaged or was renamed.`,
} as const;
