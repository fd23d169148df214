/**
 * Study tools through the API (/v1 flashcards, reviews, quizzes, attempts, study guide), every body checked
 * with the shared DTO schemas in schemas/study.ts, through the client generated from the OpenAPI document.
 */

import type { z } from "@hono/zod-openapi";
import { TZ_COOKIE } from "$lib/study";
import {
  AttemptSchema,
  type CreateAttemptSchema,
  FlashcardPageSchema,
  FlashcardSchema,
  GeneratedFlashcardsSchema,
  QuizPageSchema,
  QuizSchema,
  type Rating,
  ReviewResultSchema,
  StudyGuideSchema,
} from "$schemas/study";
import { ApiError, type ApiEvent, createApi, expectData } from "./api";
import { logFailure } from "./log";

export type CreateAttemptDto = z.input<typeof CreateAttemptSchema>;

/** A usable IANA zone, or UTC: the API answers 422 to anything it does not know. */
export function validTimeZone(value: string | null | undefined): string {
  if (!value || value.length > 64) return "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return value;
  } catch {
    return "UTC";
  }
}

/** The student's time zone: `?tz=` first, then the cookie, else UTC. */
export function studentTimeZone(event: ApiEvent & { url: URL }): string {
  return validTimeZone(event.url.searchParams.get("tz") ?? event.cookies.get(TZ_COOKIE));
}

/** Cards due by the end of the student's local day, earliest first (at most 100). */
export function listDueCards(event: ApiEvent, notebookId: string, tz: string) {
  return expectData(
    createApi(event).GET("/v1/notebooks/{notebookId}/flashcards", {
      params: { path: { notebookId }, query: { due: "now", tz, limit: 100 } },
    }),
    (body) => FlashcardPageSchema.parse(body),
  );
}

/** All the notebook's cards, newest first. */
export function listCards(event: ApiEvent, notebookId: string, limit = 20) {
  return expectData(
    createApi(event).GET("/v1/notebooks/{notebookId}/flashcards", {
      params: { path: { notebookId }, query: { limit } },
    }),
    (body) => FlashcardPageSchema.parse(body),
  );
}

export function createCard(event: ApiEvent, notebookId: string, input: { front: string; back: string }) {
  return expectData(
    createApi(event).POST("/v1/notebooks/{notebookId}/flashcards", { params: { path: { notebookId } }, body: input }),
    (body) => FlashcardSchema.parse(body),
  );
}

/** `documentIds`: only those sources (the ones the student selected); undefined: every ready source. */
export type SourceChoice = { documentIds?: string[] };

export function generateCards(event: ApiEvent, notebookId: string, { documentIds }: SourceChoice = {}, count = 10) {
  return expectData(
    createApi(event).POST("/v1/notebooks/{notebookId}/flashcards/generate", {
      params: { path: { notebookId } },
      body: { count, documentIds },
    }),
    (body) => GeneratedFlashcardsSchema.parse(body),
  );
}

export function reviewCard(event: ApiEvent, cardId: string, rating: Rating) {
  return expectData(
    createApi(event).POST("/v1/flashcards/{cardId}/reviews", { params: { path: { cardId } }, body: { rating } }),
    (body) => ReviewResultSchema.parse(body),
  );
}

export function listQuizzes(event: ApiEvent, notebookId: string) {
  return expectData(
    createApi(event).GET("/v1/notebooks/{notebookId}/quizzes", {
      params: { path: { notebookId }, query: { limit: 20 } },
    }),
    (body) => QuizPageSchema.parse(body),
  );
}

export function generateQuiz(event: ApiEvent, notebookId: string, { documentIds }: SourceChoice = {}, count = 5) {
  return expectData(
    createApi(event).POST("/v1/notebooks/{notebookId}/quizzes", {
      params: { path: { notebookId } },
      body: { count, documentIds },
    }),
    (body) => QuizSchema.parse(body),
  );
}

export function getQuiz(event: ApiEvent, quizId: string) {
  return expectData(createApi(event).GET("/v1/quizzes/{quizId}", { params: { path: { quizId } } }), (body) =>
    QuizSchema.parse(body),
  );
}

export function submitAttempt(event: ApiEvent, quizId: string, input: CreateAttemptDto) {
  return expectData(
    createApi(event).POST("/v1/quizzes/{quizId}/attempts", { params: { path: { quizId } }, body: input }),
    (body) => AttemptSchema.parse(body),
  );
}

export function createGuide(event: ApiEvent, notebookId: string, { documentIds }: SourceChoice = {}) {
  return expectData(
    createApi(event).POST("/v1/notebooks/{notebookId}/guide", {
      params: { path: { notebookId } },
      body: { documentIds },
    }),
    (body) => StudyGuideSchema.parse(body),
  );
}

/** Why a study call failed, as the page explains it (a message key chosen by the page). */
export type StudyFailure = "no-model" | "budget" | "quota" | "no-material" | "model-failed" | "invalid" | "generic";

export function studyFailure(error: unknown): { status: number; reason: StudyFailure; detail?: string } {
  if (!(error instanceof ApiError)) return { status: 500, reason: "generic" };
  const { status, problem } = error;
  const type = problem.type ?? "";
  const base = { status, ...(problem.detail ? { detail: problem.detail } : {}) };
  if (type.endsWith("no-language-model")) return { ...base, reason: "no-model" };
  if (type.endsWith("ai-budget-exhausted")) return { ...base, reason: "budget" };
  if (status === 429) return { ...base, reason: "quota" };
  if (status === 409) return { ...base, reason: "no-material" };
  if (status === 502 || status === 503) return { ...base, reason: status === 503 ? "no-model" : "model-failed" };
  if (status === 422 || status === 400) return { ...base, reason: "invalid" };
  return { ...base, reason: "generic" };
}

/** Logs an unexpected failure as one JSON line with the request id. */
export function logStudyError(event: ApiEvent, msg: string, error: unknown): void {
  if (error instanceof ApiError && error.status < 500 && error.status !== 404) return;
  logFailure(event, msg, error);
}
