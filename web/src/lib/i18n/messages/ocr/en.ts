/** Scanned pages and text recognition in the browser (issue 19), in English; spread into ../en.ts. */
export const ocrEn = {
  "ocr.pagesWaiting": "{count} scanned pages have no text yet",
  "ocr.pageWaiting": "1 scanned page has no text yet",
  "ocr.openPage": "Open page {page}",
  "ocr.pageImage": "Scan of page {page}",
  "ocr.recognise": "Recognise the text in this browser",
  "ocr.language": "Language of the page",
  "ocr.language.eng": "English",
  "ocr.language.por": "Portuguese",
  "ocr.language.spa": "Spanish",
  "ocr.working": "Recognising the text… {percent}%",
  "ocr.saving": "Saving the recognised text…",
  "ocr.done": "Text recognised and added to your sources: this page is now searchable.",
  "ocr.failed": "The text could not be recognised or saved. Please try again.",
  "ocr.privacy": "The page is read on your device; only the recognised text is sent back.",
  "ocr.readBy.browser": "Text recognised in a browser",
  "ocr.readBy.provider": "Text recognised by the server",
  "ocr.reason.not-read-yet": "This page is a scan; its text has not been read yet.",
  "ocr.reason.no-provider":
    "This page is a scanned image and this server has no text-recognition model. Recognise the text in this browser to make it searchable.",
  "ocr.reason.ai-budget":
    "This page is a scanned image and the AI allowance for reading scans is used up this month. Recognise the text in this browser instead (free).",
  "ocr.reason.ocr-quota":
    "This page is a scanned image and your plan's scanned pages for this month are used up. Recognise the text in this browser instead (free).",
  "ocr.reason.provider-failed":
    "This page is a scanned image and the text-recognition service could not read it. Recognise the text in this browser instead.",
  "ocr.reason.nothing-recognised": "This page is a scanned image, but no text was recognised on it.",
  "ocr.reason.no-image":
    "The text on this page is stored in a form that cannot be read, and the page has no image to read instead. Export the PDF again and upload that.",
  "ocr.reason.image-encoding":
    "This page is a scanned image in a format we cannot open (JPEG 2000 or a damaged image). Export the PDF again with JPEG images.",
  "ocr.reason.image-too-large":
    "This page's scan is larger than 16 megapixels. Scan it at 300 dpi or less and upload it again.",
};
