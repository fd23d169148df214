import { z } from "@hono/zod-openapi";
import { ANSWER_MODES, THREAD_TITLE_SOURCES } from "./db";
import { MAX_QUESTION_LENGTH, MAX_THREAD_TITLE_LENGTH } from "./limits";

export { MAX_QUESTION_LENGTH, MAX_THREAD_TITLE_LENGTH };

export const AskRequestSchema = z
  .object({
    question: z
      .string()
      .trim()
      .min(1, "must not be empty")
      .max(MAX_QUESTION_LENGTH, `must be at most ${MAX_QUESTION_LENGTH} characters`)
      .openapi({ example: "What was the probable cause of the accident?" }),
    threadId: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .openapi({ description: "Continue this thread (follow-ups are rewritten into standalone queries)" }),
    documentIds: z.array(z.string().min(1).max(64)).max(50).optional(),
  })
  .openapi("AskRequest");

export const AnswerCitationSchema = z
  .object({
    n: z.number().int().openapi({ description: "The `[n]` marker in the answer text" }),
    chunkId: z.string(),
    documentId: z.string(),
    documentTitle: z.string(),
    pageStart: z.number().int().openapi({ description: "First page of the cited chunk" }),
    pageEnd: z.number().int().openapi({ description: "Last page of the cited chunk (at most pageStart + 1)" }),
    page: z.number().int().openapi({ description: "The page the quote is on: open the source here" }),
    quote: z.string().openapi({ description: "Text of `page` (whitespace normalised) that supports the claim" }),
  })
  .openapi("AnswerCitation", { description: "What an `[n]` marker of an answer points to" });

export const AnswerModeSchema = z.enum(ANSWER_MODES).openapi({
  description:
    "generated: written by a language model from the sources; extractive: sentences quoted from the sources (no model); not-covered: the material does not cover the question",
});

export const AnswerSchema = z
  .object({
    threadId: z.string(),
    mode: AnswerModeSchema,
    cached: z.boolean(),
    answer: z.string().openapi({ description: "Text with `[n]` markers, each one listed in `citations`" }),
    citations: z.array(AnswerCitationSchema),
    provider: z.string().nullable(),
    model: z.string().nullable(),
    retrievalMs: z.number().int(),
    modelMs: z.number().int(),
  })
  .openapi("Answer");

export const ThreadSchema = z
  .object({
    id: z.string(),
    notebookId: z.string(),
    title: z.string(),
    titleSource: z.enum(THREAD_TITLE_SOURCES).openapi({
      description: "question: the first question; model: named by the language model; user: renamed by the student",
    }),
    createdAt: z.string().openapi({ format: "date-time" }),
    updatedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Thread");

export const ThreadPageSchema = z
  .object({ items: z.array(ThreadSchema), nextCursor: z.string().nullable() })
  .openapi("ThreadPage");

export const ThreadMessageSchema = z
  .object({
    id: z.string(),
    role: z.enum(["user", "assistant"]),
    text: z.string(),
    standalone: z.string().nullable().openapi({ description: "User messages: the rewritten standalone query" }),
    mode: AnswerModeSchema.nullable(),
    citations: z.array(AnswerCitationSchema),
    cached: z.boolean(),
    createdAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("ThreadMessage");

export const ThreadDetailSchema = ThreadSchema.extend({ messages: z.array(ThreadMessageSchema) }).openapi(
  "ThreadDetail",
);

export const RenameThreadSchema = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, "must not be empty")
      .max(MAX_THREAD_TITLE_LENGTH, `must be at most ${MAX_THREAD_TITLE_LENGTH} characters`)
      .regex(/[^\p{Cf}\p{Z}\p{Cc}]/u, "must contain a visible character"),
  })
  .openapi("RenameThread");

export type AskRequestDto = z.infer<typeof AskRequestSchema>;
export type AnswerDto = z.infer<typeof AnswerSchema>;
export type AnswerCitationDto = z.infer<typeof AnswerCitationSchema>;
export type ThreadDto = z.infer<typeof ThreadSchema>;
export type ThreadDetailDto = z.infer<typeof ThreadDetailSchema>;

/** `messageMetadata` of the SSE stream's `start` chunk. */
export type AnswerStartMetadata = { threadId: string; mode: AnswerDto["mode"]; cached: boolean };
/** `messageMetadata` of the SSE stream's `finish` chunk. */
export type AnswerFinishMetadata = AnswerStartMetadata &
  Pick<AnswerDto, "provider" | "model" | "retrievalMs" | "modelMs">;
