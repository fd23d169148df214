/** Quiz persistence: quizzes with their questions, graded attempts, and score summaries. */
import { and, asc, desc, eq, lt, or } from "drizzle-orm";
import type {
  AttemptDto,
  CitationDto,
  QuestionKind,
  QuestionResultDto,
  QuizQuestionDto,
  QuizSummaryDto,
} from "../../../../../schemas/study";
import {
  type QuizAttemptRow,
  type QuizQuestionRow,
  type QuizRow,
  quiz,
  quizAttempt,
  quizQuestion,
} from "../../../../../schemas/study-tables";
import type { Db } from "../../db";
import { newId } from "../../platform/ids";
import type { Cursor } from "../../platform/pagination";
import { notFound } from "../../platform/problem";

export type NewQuestion = {
  kind: QuestionKind;
  prompt: string;
  choices: string[] | null;
  correctChoice: number | null;
  acceptedAnswers: string[] | null;
  explanation: string;
  citation: CitationDto;
};

export type Scores = QuizSummaryDto["scores"];
const NO_SCORES: Scores = { attempts: 0, best: null, last: null, lastAttemptAt: null };

export function citationOfQuestion(q: QuizQuestionRow): CitationDto {
  return {
    chunkId: q.chunkId,
    documentId: q.documentId,
    documentTitle: q.documentTitle,
    pageStart: q.pageStart,
    pageEnd: q.pageEnd,
  };
}

/** A question as the student sees it before answering: no correct choice, accepted answers or explanation. */
export function toQuestionDto(q: QuizQuestionRow): QuizQuestionDto {
  return { id: q.id, position: q.position, kind: q.kind, prompt: q.prompt, choices: q.choices ?? null };
}

export function toQuizSummaryDto(row: QuizRow, scores: Scores = NO_SCORES): QuizSummaryDto {
  return {
    id: row.id,
    notebookId: row.notebookId,
    title: row.title,
    questionCount: row.questionCount,
    createdAt: row.createdAt.toISOString(),
    scores,
  };
}

export function toAttemptDto(row: QuizAttemptRow): AttemptDto {
  return {
    id: row.id,
    quizId: row.quizId,
    score: row.score,
    total: row.total,
    fraction: row.total ? row.score / row.total : 0,
    createdAt: row.createdAt.toISOString(),
    results: row.results as QuestionResultDto[],
  };
}

/** Stores a quiz and all its questions in one batch: a quiz is never stored half-formed. */
export async function insertQuiz(
  db: Db,
  input: { ownerId: string; notebookId: string; title: string; questions: NewQuestion[] },
) {
  const now = new Date();
  const quizId = newId("quiz", now.getTime());
  const [[row], questions] = await db.batch([
    db
      .insert(quiz)
      .values({
        id: quizId,
        notebookId: input.notebookId,
        ownerId: input.ownerId,
        title: input.title,
        questionCount: input.questions.length,
        createdAt: now,
      })
      .returning(),
    db
      .insert(quizQuestion)
      .values(
        input.questions.map((q, position) => ({
          id: newId("qq", now.getTime()),
          quizId,
          position,
          kind: q.kind,
          prompt: q.prompt,
          choices: q.choices,
          correctChoice: q.correctChoice,
          acceptedAnswers: q.acceptedAnswers,
          explanation: q.explanation,
          ...q.citation,
        })),
      )
      .returning(),
  ]);
  if (!row) throw new Error("quiz insert returned no row");
  return { quiz: row, questions: questions.sort((x, y) => x.position - y.position) };
}

export async function getOwnedQuiz(db: Db, ownerId: string, quizId: string) {
  const [row] = await db
    .select()
    .from(quiz)
    .where(and(eq(quiz.id, quizId), eq(quiz.ownerId, ownerId)));
  if (!row) throw notFound(`Quiz ${quizId}`);
  const questions = await db
    .select()
    .from(quizQuestion)
    .where(eq(quizQuestion.quizId, quizId))
    .orderBy(asc(quizQuestion.position));
  return { quiz: row, questions };
}

export async function listQuizzes(db: Db, ownerId: string, notebookId: string, limit: number, after?: Cursor) {
  const afterCursor = after
    ? or(
        lt(quiz.createdAt, new Date(after.createdAt)),
        and(eq(quiz.createdAt, new Date(after.createdAt)), lt(quiz.id, after.id)),
      )
    : undefined;
  return db
    .select()
    .from(quiz)
    .where(and(eq(quiz.ownerId, ownerId), eq(quiz.notebookId, notebookId), afterCursor))
    .orderBy(desc(quiz.createdAt), desc(quiz.id))
    .limit(limit + 1);
}

/** Attempts, best and latest score (fractions) per quiz. */
export async function scoresOf(d1: D1Database, quizIds: string[]): Promise<Map<string, Scores>> {
  const scores = new Map<string, Scores>();
  if (!quizIds.length) return scores;
  const marks = quizIds.map(() => "?").join(", ");
  const rows = await d1
    .prepare(
      `SELECT quiz_id AS quizId, attempts, best, score * 1.0 / total AS last, created_at AS lastAt FROM (
         SELECT quiz_id, score, total, created_at,
                count(*) OVER (PARTITION BY quiz_id) AS attempts,
                max(score * 1.0 / total) OVER (PARTITION BY quiz_id) AS best,
                row_number() OVER (PARTITION BY quiz_id ORDER BY created_at DESC, id DESC) AS n
           FROM quiz_attempt WHERE quiz_id IN (${marks})
       ) WHERE n = 1`,
    )
    .bind(...quizIds)
    .all<{ quizId: string; attempts: number; best: number; last: number; lastAt: number }>();
  for (const r of rows.results) {
    scores.set(r.quizId, {
      attempts: r.attempts,
      best: r.best,
      last: r.last,
      lastAttemptAt: new Date(r.lastAt).toISOString(),
    });
  }
  return scores;
}

export async function insertAttempt(db: Db, input: { quizId: string; ownerId: string; results: QuestionResultDto[] }) {
  const now = new Date();
  const [row] = await db
    .insert(quizAttempt)
    .values({
      id: newId("att", now.getTime()),
      quizId: input.quizId,
      ownerId: input.ownerId,
      score: input.results.filter((r) => r.correct).length,
      total: input.results.length,
      results: input.results,
      createdAt: now,
    })
    .returning();
  if (!row) throw new Error("attempt insert returned no row");
  return row;
}

export async function listAttempts(db: Db, quizId: string, limit: number, after?: Cursor) {
  const afterCursor = after
    ? or(
        lt(quizAttempt.createdAt, new Date(after.createdAt)),
        and(eq(quizAttempt.createdAt, new Date(after.createdAt)), lt(quizAttempt.id, after.id)),
      )
    : undefined;
  return db
    .select()
    .from(quizAttempt)
    .where(and(eq(quizAttempt.quizId, quizId), afterCursor))
    .orderBy(desc(quizAttempt.createdAt), desc(quizAttempt.id))
    .limit(limit + 1);
}
