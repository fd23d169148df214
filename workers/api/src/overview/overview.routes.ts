import { createRoute } from "@hono/zod-openapi";
import { OverviewSchema } from "../../../../schemas/overview";
import { scoped } from "../auth/require-user";
import { NotebookParams } from "../notebooks/notebooks.routes";
import { problemResponses } from "../platform/openapi";

export const overview = createRoute({
  method: "get",
  path: "/notebooks/{notebookId}/overview",
  tags: ["Notebooks"],
  ...scoped("read"),
  summary: "A first look at the notebook: what its sources cover and 3–5 questions to start with",
  description:
    "Built once per content version of the notebook (a document added, ready or removed makes a new one) and cached: while the documents do not change this returns the cached overview (`cached: true`). With a language model the summary and questions are generated and cite their pages (`mode: generated`); without one (or when it fails) the overview lists each document's headings and key phrases, with no summary, and `reason`/`notice` say why (`mode: extractive`). Either way every suggested question was run through the notebook's own search and retrieves at least one passage; without a model, only questions the extractive answer can answer are kept. Generating does not count against the daily generations quota (it happens at most once per content version) but is paid from the AI allowance. An extractive overview built while a model was configured but failing is retried after 10 minutes.",
  request: { params: NotebookParams },
  responses: {
    200: { description: "The overview", content: { "application/json": { schema: OverviewSchema } } },
    ...problemResponses(401, 403, 404),
  },
});
