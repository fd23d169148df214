import { createRoute } from "@hono/zod-openapi";
import { CreateStudyGuideSchema, StudyGuideSchema } from "../../../../../schemas/study";
import { scoped } from "../../auth/require-user";
import { NotebookParams } from "../../notebooks/notebooks.routes";
import { problemResponses } from "../../platform/openapi";

export const guide = createRoute({
  method: "post",
  path: "/notebooks/{notebookId}/guide",
  tags: ["Study guides"],
  ...scoped("write"),
  summary: "Get the notebook's study guide, generating it when the notebook changed",
  description:
    "Key concepts, definitions and likely exam questions, each citing its pages. With `documentIds` it is made from those documents only (like flashcards and quizzes); without a body, or without `documentIds`, from every ready document. The guide is cached for that choice until the notebook's documents change (added, removed or re-ingested): while they do not, asking again with the same choice returns the cached guide (`cached: true`) without a model call or quota; another choice generates a new guide. Generating counts against the daily generations quota; without a language model (and no cached guide): 503.",
  request: {
    params: NotebookParams,
    body: { content: { "application/json": { schema: CreateStudyGuideSchema } }, required: false },
  },
  responses: {
    200: { description: "The guide", content: { "application/json": { schema: StudyGuideSchema } } },
    ...problemResponses(401, 403, 404, 409, 422, 429, 502, 503),
  },
});
