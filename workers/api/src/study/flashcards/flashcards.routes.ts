import { createRoute, z } from "@hono/zod-openapi";
import {
  CreateFlashcardSchema,
  FlashcardListQuerySchema,
  FlashcardPageSchema,
  FlashcardSchema,
  GeneratedFlashcardsSchema,
  GenerateFlashcardsSchema,
  ReviewResultSchema,
  ReviewSchema,
  UpdateFlashcardSchema,
} from "../../../../../schemas/study";
import { scoped } from "../../auth/require-user";
import { NotebookParams } from "../../notebooks/notebooks.routes";
import { problemResponses } from "../../platform/openapi";

const tags = ["Flashcards"];
const json = <T>(schema: T) => ({ "application/json": { schema } });

export const CardParams = z.object({
  cardId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "cardId", in: "path" } }),
});

export const generate = createRoute({
  method: "post",
  path: "/notebooks/{notebookId}/flashcards/generate",
  tags,
  ...scoped("write"),
  summary: "Generate flashcards from the notebook's documents",
  description:
    "A language model writes cards from a bounded selection of the notebook's (or the chosen documents') chunks, spread across documents and pages. Every card cites the chunk and page it came from; cards repeating an existing front (case, accents and punctuation ignored) are skipped. Counts against the daily generations quota. Without a language model: 503.",
  request: { params: NotebookParams, body: { content: json(GenerateFlashcardsSchema), required: true } },
  responses: {
    201: { description: "The new cards", content: json(GeneratedFlashcardsSchema) },
    ...problemResponses(401, 403, 404, 409, 422, 429, 502, 503),
  },
});

export const create = createRoute({
  method: "post",
  path: "/notebooks/{notebookId}/flashcards",
  tags,
  ...scoped("write"),
  summary: "Write a flashcard by hand",
  request: { params: NotebookParams, body: { content: json(CreateFlashcardSchema), required: true } },
  responses: {
    201: { description: "Created (new, due now)", content: json(FlashcardSchema) },
    ...problemResponses(401, 403, 404, 422),
  },
});

export const list = createRoute({
  method: "get",
  path: "/notebooks/{notebookId}/flashcards",
  tags,
  ...scoped("read"),
  summary: "List the notebook's flashcards, or those due today",
  description:
    "Without `due`: every card, newest first. With `due=now`: the cards whose due time is at or before the end of the student's current local day in `tz` (an IANA zone, default UTC) — that is, before the next local midnight — earliest due first.",
  request: { params: NotebookParams, query: FlashcardListQuerySchema },
  responses: {
    200: { description: "A page of cards", content: json(FlashcardPageSchema) },
    ...problemResponses(401, 403, 404, 422),
  },
});

export const get = createRoute({
  method: "get",
  path: "/flashcards/{cardId}",
  tags,
  ...scoped("read"),
  summary: "Get a flashcard with its schedule",
  request: { params: CardParams },
  responses: { 200: { description: "The card", content: json(FlashcardSchema) }, ...problemResponses(401, 403, 404) },
});

export const update = createRoute({
  method: "patch",
  path: "/flashcards/{cardId}",
  tags,
  ...scoped("write"),
  summary: "Edit a flashcard's text or citation (its schedule is kept)",
  request: { params: CardParams, body: { content: json(UpdateFlashcardSchema), required: true } },
  responses: {
    200: { description: "Updated", content: json(FlashcardSchema) },
    ...problemResponses(401, 403, 404, 422),
  },
});

export const remove = createRoute({
  method: "delete",
  path: "/flashcards/{cardId}",
  tags,
  ...scoped("write"),
  summary: "Delete a flashcard and its review history",
  request: { params: CardParams },
  responses: { 204: { description: "Deleted" }, ...problemResponses(401, 403, 404) },
});

export const review = createRoute({
  method: "post",
  path: "/flashcards/{cardId}/reviews",
  tags,
  ...scoped("write"),
  summary: "Record a review (again, hard, good, easy) and schedule the card with FSRS",
  request: { params: CardParams, body: { content: json(ReviewSchema), required: true } },
  responses: {
    201: { description: "The card's new schedule and the review", content: json(ReviewResultSchema) },
    ...problemResponses(401, 403, 404, 409, 422),
  },
});
