/**
 * Where a scanned page's image is kept: under the document's prefix, so deleting the document removes it.
 * Its own module so the api Worker (ocr/ocr.index.ts serves the image) does not import scan-pages.ts and
 * with it unpdf, which only the ingest Worker bundles.
 */
export const pageImageKey = (documentPrefix: string, page: number) => `${documentPrefix}pages/${page}`;
