import { createRoute, z } from "@hono/zod-openapi";
import {
  CreateDocumentJsonSchema,
  DocumentPageSchema,
  DocumentSchema,
  PageTextSchema,
} from "../../../../schemas/documents";
import { scoped } from "../auth/require-user";
import { NotebookParams } from "../notebooks/notebooks.routes";
import { problemResponses } from "../platform/openapi";
import { PageQuerySchema } from "../platform/pagination";

const tags = ["Documents"];
const json = <T>(schema: T) => ({ "application/json": { schema } });

export const DocumentParams = z.object({
  documentId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "documentId", in: "path" } }),
});

export const PageParams = DocumentParams.extend({
  page: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: "page", in: "path" }, example: 1 }),
});

export const UploadFormSchema = z
  .object({
    file: z
      .custom<File>((v) => v instanceof File, "must be a file")
      .openapi({ type: "string", format: "binary", description: "PDF, DOCX, HTML or text / Markdown" }),
    title: z.string().trim().min(1).max(300).optional(),
  })
  .openapi("UploadDocumentForm");

export const upload = createRoute({
  method: "post",
  path: "/notebooks/{notebookId}/documents",
  tags,
  ...scoped("write"),
  summary: "Add a document: a file (multipart `file`), text (JSON {title, text}) or a web page (JSON {url})",
  description:
    "The type is detected from the content, not the name. The same bytes again in the same notebook return the existing document (200). Processing continues in the background: poll GET /v1/documents/{documentId}. While the operator moves the notebook to another embedding model the upload is refused with 409 `reembed-in-progress`, and while its content moves to its own database with 409 `content-move-in-progress` (nothing stored; Retry-After says when to come back).",
  request: {
    params: NotebookParams,
    body: {
      content: {
        "multipart/form-data": { schema: UploadFormSchema },
        "application/json": { schema: CreateDocumentJsonSchema },
      },
    },
  },
  responses: {
    200: { description: "Already in this notebook: the existing document", content: json(DocumentSchema) },
    202: { description: "Accepted: stored and queued for processing", content: json(DocumentSchema) },
    ...problemResponses(401, 402, 404, 409, 413, 415, 422, 429),
  },
});

export const list = createRoute({
  method: "get",
  path: "/notebooks/{notebookId}/documents",
  tags,
  ...scoped("read"),
  summary: "List a notebook's documents, newest first",
  request: { params: NotebookParams, query: PageQuerySchema },
  responses: {
    200: { description: "A page of documents", content: json(DocumentPageSchema) },
    ...problemResponses(401, 404, 422),
  },
});

export const get = createRoute({
  method: "get",
  path: "/documents/{documentId}",
  tags,
  ...scoped("read"),
  summary: "A document with its status, progress (stage, done/total), counts and any error",
  request: { params: DocumentParams },
  responses: { 200: { description: "The document", content: json(DocumentSchema) }, ...problemResponses(401, 404) },
});

export const file = createRoute({
  method: "get",
  path: "/documents/{documentId}/file",
  tags,
  ...scoped("read"),
  summary: "Download the original file",
  request: { params: DocumentParams },
  responses: {
    200: {
      description: "The original bytes, with their detected media type",
      content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } },
    },
    ...problemResponses(401, 404),
  },
});

export const page = createRoute({
  method: "get",
  path: "/documents/{documentId}/pages/{page}",
  tags,
  ...scoped("read"),
  summary: "The extracted text of one page (PDF) or section (other sources); citations point here",
  request: { params: PageParams },
  responses: {
    200: { description: "The page text", content: json(PageTextSchema) },
    ...problemResponses(401, 404, 422),
  },
});

export const retry = createRoute({
  method: "post",
  path: "/documents/{documentId}/retry",
  tags,
  ...scoped("write"),
  summary: "Process a failed document again",
  request: { params: DocumentParams },
  responses: {
    202: { description: "Queued again", content: json(DocumentSchema) },
    ...problemResponses(401, 404, 409),
  },
});

export const remove = createRoute({
  method: "delete",
  path: "/documents/{documentId}",
  tags,
  ...scoped("write"),
  summary: "Delete a document with its file, pages, chunks, keyword index rows and vectors (also while processing)",
  request: { params: DocumentParams },
  responses: { 204: { description: "Deleted" }, ...problemResponses(401, 404) },
});
