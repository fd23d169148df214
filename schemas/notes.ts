/** Notes' DTOs: an answer saved with its citations, or written by hand; limits live here. */
import { z } from "@hono/zod-openapi";
import { AnswerCitationSchema } from "./answers";

/**
 * A note's text: an answer is at most ~800 output tokens (~3,500 characters); a page of hand-written notes
 * is ~3,000. 20,000 characters holds several pages and stays far below what one D1 row and one text source
 * (8 MiB) may hold.
 */
export const MAX_NOTE_TEXT_LENGTH = 20_000;
export const MAX_NOTE_TITLE_LENGTH = 200;
/** Notes a notebook may hold: a semester's worth; bounds the list and the rows a notebook can grow. */
export const MAX_NOTES_PER_NOTEBOOK = 1_000;

const title = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(MAX_NOTE_TITLE_LENGTH, `must be at most ${MAX_NOTE_TITLE_LENGTH} characters`)
  .regex(/[^\p{Cf}\p{Z}\p{Cc}]/u, "must contain a visible character");
const text = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(MAX_NOTE_TEXT_LENGTH, `must be at most ${MAX_NOTE_TEXT_LENGTH} characters`);

export const NoteSchema = z
  .object({
    id: z.string().openapi({ example: "note_01jd0c2v9x3f7k2m4q8r6t1w5y" }),
    notebookId: z.string(),
    title: z.string(),
    text: z.string().openapi({ description: "Markdown; an answer's `[n]` markers point into `citations`" }),
    citations: z.array(AnswerCitationSchema),
    threadId: z.string().nullable().openapi({ description: "The conversation the answer was saved from" }),
    messageId: z.string().nullable().openapi({ description: "The answer the note was saved from" }),
    sourceDocumentId: z
      .string()
      .nullable()
      .openapi({ description: "The document this note was turned into (POST /v1/notes/{noteId}/source)" }),
    createdAt: z.string().openapi({ format: "date-time" }),
    updatedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Note");

export const NotePageSchema = z
  .object({ items: z.array(NoteSchema), nextCursor: z.string().nullable() })
  .openapi("NotePage");

/** Unknown fields (owner ids, citations) are stripped: citations only ever come from a saved answer. */
export const CreateNoteSchema = z
  .object({
    title: title.optional().openapi({ description: "Default: the question (saved answer) or the first line" }),
    text: text.optional().openapi({ description: "The note's text; with `messageId`, replaces the answer's text" }),
    messageId: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .openapi({ description: "Save this answer (an assistant message of this notebook) with its citations" }),
  })
  .openapi("CreateNote", { description: "Send `text` (a note by hand) or `messageId` (save an answer)" });

export const UpdateNoteSchema = z
  .object({ title: title.optional(), text: text.optional() })
  .refine((v) => v.title !== undefined || v.text !== undefined, "send title and/or text")
  .openapi("UpdateNote");

export type NoteDto = z.infer<typeof NoteSchema>;
export type CreateNoteDto = z.infer<typeof CreateNoteSchema>;
export type UpdateNoteDto = z.infer<typeof UpdateNoteSchema>;
