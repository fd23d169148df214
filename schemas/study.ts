/** Study tools' DTOs: flashcards and reviews, quizzes and attempts, study guides. */
import { z } from "@hono/zod-openapi";
import { FLASHCARD_BACK_MAX, FLASHCARD_FRONT_MAX } from "./limits";

export const CitationSchema = z
  .object({
    chunkId: z.string().openapi({ example: "doc_01jd0c2v9x3f7k2m4q8r6t1w5y:3" }),
    documentId: z.string(),
    documentTitle: z.string(),
    pageStart: z.number().int(),
    pageEnd: z.number().int(),
  })
  .openapi("StudyCitation", { description: "The page span a card, question or guide item came from" });

const documentIds = z
  .array(z.string().min(1).max(64))
  .max(50)
  .optional()
  .openapi({ description: "Only these documents of the notebook (default: every ready document)" });

// ---- flashcards

export const CARD_STATES = ["new", "learning", "review", "relearning"] as const;
export const RATINGS = ["again", "hard", "good", "easy"] as const;

export const FlashcardSchema = z
  .object({
    id: z.string().openapi({ example: "card_01jd0c2v9x3f7k2m4q8r6t1w5y" }),
    notebookId: z.string(),
    front: z.string(),
    back: z.string(),
    origin: z.enum(["manual", "generated"]),
    citation: CitationSchema.nullable(),
    state: z.enum(CARD_STATES),
    due: z.string().openapi({ format: "date-time" }),
    stability: z.number(),
    difficulty: z.number(),
    scheduledDays: z.number().int(),
    reps: z.number().int(),
    lapses: z.number().int(),
    lastReviewedAt: z.string().nullable().openapi({ format: "date-time" }),
    createdAt: z.string().openapi({ format: "date-time" }),
    updatedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Flashcard");

export const FlashcardPageSchema = z
  .object({ items: z.array(FlashcardSchema), nextCursor: z.string().nullable() })
  .openapi("FlashcardPage");

const front = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(FLASHCARD_FRONT_MAX, `must be at most ${FLASHCARD_FRONT_MAX} characters`);
const back = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(FLASHCARD_BACK_MAX, `must be at most ${FLASHCARD_BACK_MAX} characters`);

export const CreateFlashcardSchema = z
  .object({
    front,
    back,
    chunkId: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: "A chunk of this notebook the card cites (its page span becomes the citation)" }),
  })
  .openapi("CreateFlashcard");

export const UpdateFlashcardSchema = z
  .object({
    front: front.optional(),
    back: back.optional(),
    chunkId: z.string().min(1).max(200).nullable().optional().openapi({ description: "null removes the citation" }),
  })
  .refine(
    (v) => v.front !== undefined || v.back !== undefined || v.chunkId !== undefined,
    "send front, back and/or chunkId",
  )
  .openapi("UpdateFlashcard");

export const GenerateFlashcardsSchema = z
  .object({ documentIds, count: z.number().int().min(1).max(50).default(10) })
  .openapi("GenerateFlashcards");

export const GeneratedFlashcardsSchema = z
  .object({
    items: z
      .array(FlashcardSchema)
      .openapi({ description: "The new cards (duplicates of existing fronts are skipped)" }),
    skipped: z.object({
      duplicates: z.number().int(),
      invalidCitations: z.number().int().openapi({ description: "Cards citing no provided source, dropped" }),
    }),
    model: z.object({ provider: z.string(), model: z.string() }),
  })
  .openapi("GeneratedFlashcards");

export const ReviewSchema = z.object({ rating: z.enum(RATINGS).openapi({ example: "good" }) }).openapi("CreateReview");

export const ReviewResultSchema = z
  .object({
    card: FlashcardSchema,
    review: z.object({
      id: z.string(),
      rating: z.enum(RATINGS),
      reviewedAt: z.string().openapi({ format: "date-time" }),
    }),
    nextDue: z.string().openapi({ format: "date-time" }),
    scheduledDays: z.number().int().openapi({ description: "Whole days until nextDue (0 while learning)" }),
  })
  .openapi("ReviewResult");

export const FlashcardListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ example: 20 }),
  cursor: z.string().max(200).optional().openapi({ description: "Opaque cursor from a previous page's nextCursor" }),
  due: z.enum(["now"]).optional().openapi({
    description:
      "`now`: only cards due by the end of the student's current local day in `tz` (due ≤ next local midnight), earliest first",
  }),
  tz: z
    .string()
    .max(64)
    .optional()
    .openapi({ description: "IANA time zone for `due` (default UTC)", example: "America/Sao_Paulo" }),
});

// ---- quizzes

export const QUESTION_KINDS = ["multiple_choice", "short_answer"] as const;

export const CreateQuizSchema = z
  .object({
    documentIds,
    count: z.number().int().min(1).max(20).default(5),
    kinds: z.array(z.enum(QUESTION_KINDS)).min(1).max(2).optional().openapi({ description: "Default: both kinds" }),
  })
  .openapi("CreateQuiz");

export const QuizQuestionSchema = z
  .object({
    id: z.string(),
    position: z.number().int(),
    kind: z.enum(QUESTION_KINDS),
    prompt: z.string(),
    choices: z.array(z.string()).nullable().openapi({ description: "Multiple choice only; answer with its index" }),
  })
  .openapi("QuizQuestion", { description: "A question as asked: no answers before an attempt" });

export const ScoreSummarySchema = z
  .object({
    attempts: z.number().int(),
    best: z.number().nullable().openapi({ description: "Best score as a fraction 0–1" }),
    last: z.number().nullable().openapi({ description: "Latest score as a fraction 0–1" }),
    lastAttemptAt: z.string().nullable().openapi({ format: "date-time" }),
  })
  .openapi("ScoreSummary");

export const QuizSummarySchema = z
  .object({
    id: z.string().openapi({ example: "quiz_01jd0c2v9x3f7k2m4q8r6t1w5y" }),
    notebookId: z.string(),
    title: z.string(),
    questionCount: z.number().int(),
    createdAt: z.string().openapi({ format: "date-time" }),
    scores: ScoreSummarySchema,
  })
  .openapi("QuizSummary");

export const QuizSchema = QuizSummarySchema.extend({ questions: z.array(QuizQuestionSchema) }).openapi("Quiz");

export const QuizPageSchema = z
  .object({ items: z.array(QuizSummarySchema), nextCursor: z.string().nullable() })
  .openapi("QuizPage");

export const CreateAttemptSchema = z
  .object({
    answers: z
      .array(
        z.object({
          questionId: z.string().min(1).max(64),
          choice: z.number().int().min(0).max(9).optional(),
          text: z.string().max(2000).optional(),
        }),
      )
      .max(50)
      .openapi({ description: "Unanswered questions count as wrong" }),
  })
  .openapi("CreateAttempt");

export const QuestionResultSchema = z
  .object({
    questionId: z.string(),
    kind: z.enum(QUESTION_KINDS),
    prompt: z.string(),
    choice: z.number().int().nullable(),
    text: z.string().nullable(),
    correct: z.boolean(),
    gradedBy: z.enum(["choice", "match", "model"]),
    feedback: z.string().nullable(),
    correctChoice: z.number().int().nullable(),
    acceptedAnswers: z.array(z.string()).nullable(),
    explanation: z.string(),
    citation: CitationSchema,
  })
  .openapi("QuestionResult");

export const AttemptSchema = z
  .object({
    id: z.string(),
    quizId: z.string(),
    score: z.number().int(),
    total: z.number().int(),
    fraction: z.number(),
    createdAt: z.string().openapi({ format: "date-time" }),
    results: z.array(QuestionResultSchema),
  })
  .openapi("QuizAttempt");

export const AttemptPageSchema = z
  .object({ items: z.array(AttemptSchema), nextCursor: z.string().nullable() })
  .openapi("QuizAttemptPage");

// ---- study guide

const cited = { citations: z.array(CitationSchema) };

export const CreateStudyGuideSchema = z.object({ documentIds }).openapi("CreateStudyGuide");

export const StudyGuideSchema = z
  .object({
    notebookId: z.string(),
    documentIds: z
      .array(z.string())
      .nullable()
      .openapi({ description: "The documents the guide was made from (sorted); null: every ready document" }),
    title: z.string(),
    overview: z.string(),
    keyConcepts: z.array(z.object({ name: z.string(), explanation: z.string(), ...cited })),
    definitions: z.array(z.object({ term: z.string(), definition: z.string(), ...cited })),
    likelyQuestions: z.array(z.object({ question: z.string(), answer: z.string(), ...cited })),
    contentVersion: z.number().int(),
    cached: z.boolean().openapi({ description: "true when served from the cache (the notebook did not change)" }),
    model: z.object({ provider: z.string(), model: z.string() }),
    createdAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("StudyGuide");

export type CitationDto = z.infer<typeof CitationSchema>;
export type FlashcardDto = z.infer<typeof FlashcardSchema>;
export type Rating = (typeof RATINGS)[number];
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export type QuizQuestionDto = z.infer<typeof QuizQuestionSchema>;
export type QuizSummaryDto = z.infer<typeof QuizSummarySchema>;
export type QuestionResultDto = z.infer<typeof QuestionResultSchema>;
export type AttemptDto = z.infer<typeof AttemptSchema>;
export type StudyGuideDto = z.infer<typeof StudyGuideSchema>;
