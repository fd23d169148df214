import { createRoute } from "@hono/zod-openapi";
import { StudyGuideSchema } from "../../../../../schemas/study";
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
    "Key concepts, definitions and likely exam questions, each citing its pages. The guide is cached until the notebook's documents change (added, removed or re-ingested): while they do not, this returns the cached guide (`cached: true`) without a model call or quota. Generating counts against the daily generations quota; without a language model (and no cached guide): 503.",
  request: { params: NotebookParams },
  responses: {
    200: { description: "The guide", content: { "application/json": { schema: StudyGuideSchema } } },
    ...problemResponses(401, 403, 404, 409, 429, 502, 503),
  },
});
