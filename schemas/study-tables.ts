/**
 * Study tools' tables (migrations/0006_create_study_tools.sql is the source of truth) as drizzle tables,
 * kept beside db.ts so the row types can be shared without touching the core schema.
 */
import { index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { notebook, user } from "./db";

const created = integer("created_at", { mode: "timestamp_ms" }).notNull();

/** A citation snapshot: where a card, question or guide item came from. */
const citation = {
  chunkId: text("chunk_id"),
  documentId: text("document_id"),
  documentTitle: text("document_title"),
  pageStart: integer("page_start"),
  pageEnd: integer("page_end"),
};

export const flashcard = sqliteTable(
  "flashcard",
  {
    id: text("id").primaryKey(),
    notebookId: text("notebook_id")
      .notNull()
      .references(() => notebook.id, { onDelete: "cascade" }),
    ownerId: text("owner_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    front: text("front").notNull(),
    back: text("back").notNull(),
    frontKey: text("front_key").notNull(),
    origin: text("origin", { enum: ["manual", "generated"] }).notNull(),
    ...citation,
    due: integer("due", { mode: "timestamp_ms" }).notNull(),
    stability: real("stability").notNull(),
    difficulty: real("difficulty").notNull(),
    elapsedDays: integer("elapsed_days").notNull(),
    scheduledDays: integer("scheduled_days").notNull(),
    learningSteps: integer("learning_steps").notNull(),
    reps: integer("reps").notNull(),
    lapses: integer("lapses").notNull(),
    state: integer("state").notNull(),
    lastReview: integer("last_review", { mode: "timestamp_ms" }),
    createdAt: created,
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("flashcard_notebook_created_idx").on(t.notebookId, t.createdAt, t.id),
    index("flashcard_notebook_due_idx").on(t.notebookId, t.due, t.id),
    index("flashcard_notebook_front_key_idx").on(t.notebookId, t.frontKey),
  ],
);

export const flashcardReview = sqliteTable("flashcard_review", {
  id: text("id").primaryKey(),
  cardId: text("card_id")
    .notNull()
    .references(() => flashcard.id, { onDelete: "cascade" }),
  ownerId: text("owner_id").notNull(),
  rating: integer("rating").notNull(),
  state: integer("state").notNull(),
  due: integer("due", { mode: "timestamp_ms" }).notNull(),
  stability: real("stability").notNull(),
  difficulty: real("difficulty").notNull(),
  elapsedDays: integer("elapsed_days").notNull(),
  lastElapsedDays: integer("last_elapsed_days").notNull(),
  scheduledDays: integer("scheduled_days").notNull(),
  learningSteps: integer("learning_steps").notNull(),
  reviewedAt: integer("reviewed_at", { mode: "timestamp_ms" }).notNull(),
  nextDue: integer("next_due", { mode: "timestamp_ms" }).notNull(),
});

export const quiz = sqliteTable("quiz", {
  id: text("id").primaryKey(),
  notebookId: text("notebook_id")
    .notNull()
    .references(() => notebook.id, { onDelete: "cascade" }),
  ownerId: text("owner_id").notNull(),
  title: text("title").notNull(),
  questionCount: integer("question_count").notNull(),
  createdAt: created,
});

export const quizQuestion = sqliteTable("quiz_question", {
  id: text("id").primaryKey(),
  quizId: text("quiz_id")
    .notNull()
    .references(() => quiz.id, { onDelete: "cascade" }),
  position: integer("position").notNull(),
  kind: text("kind", { enum: ["multiple_choice", "short_answer"] }).notNull(),
  prompt: text("prompt").notNull(),
  choices: text("choices", { mode: "json" }).$type<string[] | null>(),
  correctChoice: integer("correct_choice"),
  acceptedAnswers: text("accepted_answers", { mode: "json" }).$type<string[] | null>(),
  explanation: text("explanation").notNull(),
  chunkId: text("chunk_id").notNull(),
  documentId: text("document_id").notNull(),
  documentTitle: text("document_title").notNull(),
  pageStart: integer("page_start").notNull(),
  pageEnd: integer("page_end").notNull(),
});

export const quizAttempt = sqliteTable("quiz_attempt", {
  id: text("id").primaryKey(),
  quizId: text("quiz_id")
    .notNull()
    .references(() => quiz.id, { onDelete: "cascade" }),
  ownerId: text("owner_id").notNull(),
  score: integer("score").notNull(),
  total: integer("total").notNull(),
  results: text("results", { mode: "json" }).notNull().$type<unknown[]>(),
  createdAt: created,
});

export const studyGuide = sqliteTable("study_guide", {
  notebookId: text("notebook_id")
    .primaryKey()
    .references(() => notebook.id, { onDelete: "cascade" }),
  contentVersion: integer("content_version").notNull(),
  guide: text("guide", { mode: "json" }).notNull().$type<unknown>(),
  /** The documents it was made from, sorted; null: every ready document (migration 0013). */
  documentIds: text("document_ids", { mode: "json" }).$type<string[] | null>(),
  provider: text("provider").notNull(),
  model: text("model").notNull(),
  createdAt: created,
});

export type FlashcardRow = typeof flashcard.$inferSelect;
export type QuizRow = typeof quiz.$inferSelect;
export type QuizQuestionRow = typeof quizQuestion.$inferSelect;
export type QuizAttemptRow = typeof quizAttempt.$inferSelect;
