import { z } from "@hono/zod-openapi";
import { NOTEBOOK_TITLE_MAX } from "./limits";

export const NotebookSchema = z
  .object({
    id: z.string().openapi({ example: "nb_01jd0c2v9x3f7k2m4q8r6t1w5y" }),
    title: z.string(),
    description: z.string(),
    embeddingModel: z.string().nullable(),
    createdAt: z.string().openapi({ format: "date-time" }),
    updatedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Notebook");

const title = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(NOTEBOOK_TITLE_MAX, `must be at most ${NOTEBOOK_TITLE_MAX} characters`)
  // Zero-width and bidi controls only (U+200B, U+202E, ...) would make an invisible title.
  .regex(/[^\p{Cf}\p{Z}\p{Cc}]/u, "must contain a visible character");
const description = z.string().trim().max(2000, "must be at most 2000 characters");

/** Unknown fields (owner ids, timestamps) are stripped, never applied. */
export const CreateNotebookSchema = z.object({ title, description: description.optional() }).openapi("CreateNotebook");

export const UpdateNotebookSchema = z
  .object({ title: title.optional(), description: description.optional() })
  .refine((v) => v.title !== undefined || v.description !== undefined, "send title and/or description")
  .openapi("UpdateNotebook");

export const NotebookPageSchema = z
  .object({ items: z.array(NotebookSchema), nextCursor: z.string().nullable() })
  .openapi("NotebookPage");

export type NotebookDto = z.infer<typeof NotebookSchema>;
export type CreateNotebookDto = z.infer<typeof CreateNotebookSchema>;
export type UpdateNotebookDto = z.infer<typeof UpdateNotebookSchema>;
