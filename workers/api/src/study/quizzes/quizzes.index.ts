import { QUESTION_KINDS } from "../../../../../schemas/study";
import { principalOf } from "../../auth/require-user";
import { getDb } from "../../db";
import { ownedNotebook } from "../../notebooks/owned-notebook";
import { createRouter } from "../../platform/create-router";
import { decodeCursor, pageOf } from "../../platform/pagination";
import { generateQuiz } from "./generate-quiz";
import { gradeAttempt } from "./grade";
import * as routes from "./quizzes.routes";
import {
  getOwnedQuiz,
  insertAttempt,
  listAttempts,
  listQuizzes,
  scoresOf,
  toAttemptDto,
  toQuestionDto,
  toQuizSummaryDto,
} from "./quizzes.store";

export const quizzesRouter = createRouter()
  .openapi(routes.create, async (c) => {
    const { notebookId } = c.req.valid("param");
    const { documentIds, count, kinds } = c.req.valid("json");
    const db = getDb(c.env.DB);
    const { userId } = principalOf(c);
    await ownedNotebook(c, notebookId);
    const created = await generateQuiz({
      env: c.env,
      db,
      log: c.get("log"),
      userId,
      notebookId,
      documentIds,
      count,
      kinds: kinds?.length ? [...new Set(kinds)] : QUESTION_KINDS,
    });
    return c.json({ ...toQuizSummaryDto(created.quiz), questions: created.questions.map(toQuestionDto) }, 201);
  })
  .openapi(routes.list, async (c) => {
    const { notebookId } = c.req.valid("param");
    const { limit, cursor } = c.req.valid("query");
    const db = getDb(c.env.DB);
    const { userId } = principalOf(c);
    await ownedNotebook(c, notebookId);
    const page = pageOf(await listQuizzes(db, userId, notebookId, limit, decodeCursor(cursor)), limit);
    const scores = await scoresOf(
      c.env.DB,
      page.items.map((q) => q.id),
    );
    return c.json(
      { items: page.items.map((q) => toQuizSummaryDto(q, scores.get(q.id))), nextCursor: page.nextCursor },
      200,
    );
  })
  .openapi(routes.get, async (c) => {
    const db = getDb(c.env.DB);
    const found = await getOwnedQuiz(db, principalOf(c).userId, c.req.valid("param").quizId);
    const scores = await scoresOf(c.env.DB, [found.quiz.id]);
    return c.json(
      { ...toQuizSummaryDto(found.quiz, scores.get(found.quiz.id)), questions: found.questions.map(toQuestionDto) },
      200,
    );
  })
  .openapi(routes.attempt, async (c) => {
    const db = getDb(c.env.DB);
    const { userId } = principalOf(c);
    const found = await getOwnedQuiz(db, userId, c.req.valid("param").quizId);
    const results = await gradeAttempt({
      env: c.env,
      log: c.get("log"),
      userId,
      notebookId: found.quiz.notebookId,
      questions: found.questions,
      answers: c.req.valid("json").answers,
    });
    const row = await insertAttempt(db, { quizId: found.quiz.id, ownerId: userId, results });
    return c.json(toAttemptDto(row), 201);
  })
  .openapi(routes.attempts, async (c) => {
    const db = getDb(c.env.DB);
    const found = await getOwnedQuiz(db, principalOf(c).userId, c.req.valid("param").quizId);
    const { limit, cursor } = c.req.valid("query");
    const page = pageOf(await listAttempts(db, found.quiz.id, limit, decodeCursor(cursor)), limit);
    return c.json({ items: page.items.map(toAttemptDto), nextCursor: page.nextCursor }, 200);
  });
