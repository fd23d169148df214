import { createRoute, z } from "@hono/zod-openapi";
import {
  AttemptPageSchema,
  AttemptSchema,
  CreateAttemptSchema,
  CreateQuizSchema,
  QuizPageSchema,
  QuizSchema,
} from "../../../../../schemas/study";
import { scoped } from "../../auth/require-user";
import { NotebookParams } from "../../notebooks/notebooks.routes";
import { problemResponses } from "../../platform/openapi";
import { PageQuerySchema } from "../../platform/pagination";

const tags = ["Quizzes"];
const json = <T>(schema: T) => ({ "application/json": { schema } });

export const QuizParams = z.object({
  quizId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "quizId", in: "path" } }),
});

export const create = createRoute({
  method: "post",
  path: "/notebooks/{notebookId}/quizzes",
  tags,
  ...scoped("write"),
  summary: "Generate a quiz from the notebook's documents",
  description:
    "A language model writes multiple-choice and/or short-answer questions, each with its answer, an explanation and the page it came from. The response holds the questions only: answers, explanations and citations come back with a graded attempt. Counts against the daily generations quota. Without a language model: 503.",
  request: { params: NotebookParams, body: { content: json(CreateQuizSchema), required: true } },
  responses: {
    201: { description: "The quiz, questions without answers", content: json(QuizSchema) },
    ...problemResponses(401, 403, 404, 409, 422, 429, 502, 503),
  },
});

export const list = createRoute({
  method: "get",
  path: "/notebooks/{notebookId}/quizzes",
  tags,
  ...scoped("read"),
  summary: "List the notebook's quizzes with attempts, best and latest score",
  request: { params: NotebookParams, query: PageQuerySchema },
  responses: {
    200: { description: "A page of quizzes, newest first", content: json(QuizPageSchema) },
    ...problemResponses(401, 403, 404, 422),
  },
});

export const get = createRoute({
  method: "get",
  path: "/quizzes/{quizId}",
  tags,
  ...scoped("read"),
  summary: "Get a quiz (questions without answers) and its scores",
  request: { params: QuizParams },
  responses: { 200: { description: "The quiz", content: json(QuizSchema) }, ...problemResponses(401, 403, 404) },
});

export const attempt = createRoute({
  method: "post",
  path: "/quizzes/{quizId}/attempts",
  tags,
  ...scoped("write"),
  summary: "Submit answers and get them graded",
  description:
    "Multiple choice: `choice` is the option's index. Short answer: `text`, right when it matches an accepted answer ignoring case, accents, punctuation and articles; otherwise, when a language model is available, it judges the meaning (gradedBy `model`, with feedback). The result reveals the correct answers, explanations and citations.",
  request: { params: QuizParams, body: { content: json(CreateAttemptSchema), required: true } },
  responses: {
    201: { description: "The graded attempt", content: json(AttemptSchema) },
    ...problemResponses(401, 403, 404, 422),
  },
});

export const attempts = createRoute({
  method: "get",
  path: "/quizzes/{quizId}/attempts",
  tags,
  ...scoped("read"),
  summary: "The quiz's graded attempts, newest first (score history)",
  request: { params: QuizParams, query: PageQuerySchema },
  responses: {
    200: { description: "A page of attempts", content: json(AttemptPageSchema) },
    ...problemResponses(401, 403, 404, 422),
  },
});
