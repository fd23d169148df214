import { z } from "@hono/zod-openapi";
import { DOCUMENT_STAGES, DOCUMENT_STATUSES, SOURCE_TYPES } from "./db";
import { DOCUMENT_TITLE_MAX, SOURCE_URL_MAX } from "./limits";
import { PageOcrSchema } from "./ocr";

export const DocumentErrorSchema = z
  .object({
    code: z.string().openapi({ example: "encrypted" }),
    message: z
      .string()
      .openapi({ example: "This PDF is password-protected. Remove the password and upload it again." }),
  })
  .openapi("DocumentError");

export const DocumentSchema = z
  .object({
    id: z.string().openapi({ example: "doc_01jd0c2v9x3f7k2m4q8r6t1w5y" }),
    notebookId: z.string(),
    title: z.string(),
    sourceType: z.enum(SOURCE_TYPES).openapi({ description: "Detected from the content (magic bytes), not the name" }),
    mediaType: z.string().openapi({ example: "application/pdf" }),
    fileName: z.string().nullable(),
    sourceUrl: z.string().nullable(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    status: z.enum(DOCUMENT_STATUSES).openapi({
      description:
        "queued → processing → ready (searchable) | failed (temporary problem, POST …/retry) | rejected (the file itself cannot be used)",
    }),
    progress: z
      .object({
        stage: z.enum(DOCUMENT_STAGES),
        done: z.number().int(),
        total: z.number().int(),
      })
      .openapi({ description: "While processing: the current stage and its done/total (pages, then chunks)" }),
    /** PDFs have real pages; other sources are split into numbered sections of about 4,000 characters. */
    paginated: z.boolean(),
    pageCount: z.number().int(),
    chunkCount: z.number().int(),
    embeddingModel: z.string().nullable(),
    error: DocumentErrorSchema.nullable(),
    attempts: z.number().int(),
    createdAt: z.string().openapi({ format: "date-time" }),
    updatedAt: z.string().openapi({ format: "date-time" }),
    readyAt: z.string().nullable().openapi({ format: "date-time" }),
  })
  .openapi("Document");

export const DocumentPageSchema = z
  .object({ items: z.array(DocumentSchema), nextCursor: z.string().nullable() })
  .openapi("DocumentPage");

export const PageTextSchema = z
  .object({
    documentId: z.string(),
    page: z.number().int(),
    pageCount: z.number().int(),
    text: z.string().openapi({ description: "The page's extracted text; chunk offsets point into it" }),
    ocr: PageOcrSchema,
  })
  .openapi("PageText");

const title = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(DOCUMENT_TITLE_MAX, `must be at most ${DOCUMENT_TITLE_MAX} characters`)
  // Zero-width and bidi controls only (U+200B, U+202E, ...) would make an invisible title.
  .regex(/[^\p{Cf}\p{Z}\p{Cc}]/u, "must contain a visible character");

export const CreateTextDocumentSchema = z
  .object({
    title,
    text: z.string().trim().min(1, "must not be empty"),
  })
  .openapi("CreateTextDocument");

export const CreateUrlDocumentSchema = z
  .object({
    url: z
      .string()
      .trim()
      .max(SOURCE_URL_MAX, `must be at most ${SOURCE_URL_MAX} characters`)
      .pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })),
    title: title.optional(),
  })
  .openapi("CreateUrlDocument");

export const CreateDocumentJsonSchema = z
  .union([CreateTextDocumentSchema, CreateUrlDocumentSchema])
  .openapi("CreateDocumentJson");

export type DocumentDto = z.infer<typeof DocumentSchema>;
export type PageTextDto = z.infer<typeof PageTextSchema>;
export type CreateDocumentJson = z.infer<typeof CreateDocumentJsonSchema>;
