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
  textTooLarge: (bytes: number, cap: number) =>
    `This text is ${(bytes / 1048576).toFixed(1)} MB; text and web pages are limited to ${(cap / 1048576).toFixed(0)} MB (about 2,000 pages). Split it into smaller parts and upload those.`,
  tooMuchText: (chars: number, cap: number) =>
    `This document holds ${chars.toLocaleString("en")} characters of text; the limit is ${cap.toLocaleString("en")} (about 2,000 pages). Split it into smaller parts and upload those.`,
  tooManySections: (sections: number, cap: number) =>
    `This document makes ${sections.toLocaleString("en")} pages of text; the limit is ${cap.toLocaleString("en")}. Split it into smaller parts and upload those.`,
  pageTooLong: (page: number, cap: number) =>
    `Page ${page} of this PDF holds more than ${cap.toLocaleString("en")} characters of text, far more than any real page. The file looks generated or damaged; export it again or upload the text instead.`,
  tooBigToStore:
    "Part of this document is too large to store as text (a single page or section of several megabytes). Split the file or export it again, then upload it.",
  unpacksTooLarge: (bytes: number, cap: number) =>
    `This Word document unpacks to more than ${(bytes / 1048576).toFixed(1)} MB of text and layout; the limit is ${(cap / 1048576).toFixed(0)} MB. Split it into smaller documents (or save it as PDF) and upload those.`,
  tooManyEntries: (entries: number, cap: number) =>
    `This Word document is made of ${entries.toLocaleString("en")} parts; the limit is ${cap.toLocaleString("en")}. Save it again from Word (or as PDF) and upload that.`,
  pdfStreamTooLarge: (bytes: number, cap: number) =>
    `This PDF holds ${(bytes / 1048576).toFixed(1)} MB or more of drawing instructions in one place (the limit is ${(cap / 1048576).toFixed(0)} MB), far more than any page of text. The file looks generated or damaged; export it again or upload the text instead.`,
  pdfContentTooLarge: (bytes: number, cap: number) =>
    `This PDF's pages unpack to ${(bytes / 1048576).toFixed(1)} MB or more of drawing instructions; the limit for its page count is ${(cap / 1048576).toFixed(0)} MB. Export it again (print to PDF) or split it, then upload it.`,
  notWhatItClaims: (claimed: string) =>
    `This file is named like a ${claimed.toUpperCase()} but its content is not one — it is damaged or was renamed.`,
} as const;

/** SQLite's "string or blob too big": text larger than a D1 value, the same every time it is tried. */
const TOO_BIG_TO_STORE = /SQLITE_TOOBIG|string or blob too big/i;

/** The rejection a step's error means, when the same input would fail the same way again; else undefined. */
export function deterministicRejection(err: unknown): FileRejected | undefined {
  if (err instanceof FileRejected) return err;
  if (TOO_BIG_TO_STORE.test(String((err as Error)?.message ?? err))) {
    return new FileRejected("too_large", reasons.tooBigToStore);
  }
  return undefined;
}
