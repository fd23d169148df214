import { createRoute, z } from "@hono/zod-openapi";
import { PageTextSchema } from "../../../../schemas/documents";
import { BrowserOcrSchema, ScannedPagesSchema } from "../../../../schemas/ocr";
import { scoped } from "../auth/require-user";
import { DocumentParams, PageParams } from "../documents/documents.routes";
import { problemResponses } from "../platform/openapi";

const tags = ["Documents"];
const json = <T>(schema: T) => ({ "application/json": { schema } });

export const scannedPages = createRoute({
  method: "get",
  path: "/documents/{documentId}/scanned-pages",
  tags,
  ...scoped("read"),
  summary:
    "The document's scanned pages: which are read (by the server or a browser) and which still need OCR, and why",
  request: { params: DocumentParams },
  responses: {
    200: { description: "Scanned pages in page order", content: json(ScannedPagesSchema) },
    ...problemResponses(401, 404),
  },
});

export const pageImage = createRoute({
  method: "get",
  path: "/documents/{documentId}/pages/{page}/image",
  tags,
  ...scoped("read"),
  summary: "The image of a scanned page (JPEG as the PDF holds it, otherwise PNG), for the viewer and browser OCR",
  request: { params: PageParams },
  responses: {
    200: {
      description: "The page image",
      content: {
        "image/jpeg": { schema: z.string().openapi({ format: "binary" }) },
        "image/png": { schema: z.string().openapi({ format: "binary" }) },
      },
    },
    ...problemResponses(401, 404, 422),
  },
});

export const browserOcr = createRoute({
  method: "post",
  path: "/documents/{documentId}/pages/{page}/ocr",
  tags,
  ...scoped("write"),
  summary:
    "Store the text a browser recognised on a scanned page (`ocr: browser`); it is chunked and indexed like any page",
  request: { params: PageParams, body: { required: true, content: json(BrowserOcrSchema) } },
  responses: {
    200: { description: "The page with its recognised text", content: json(PageTextSchema) },
    ...problemResponses(401, 404, 409, 413, 422),
  },
});
