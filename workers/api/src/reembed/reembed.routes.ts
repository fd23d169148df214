import { createRoute } from "@hono/zod-openapi";
import { ReembedJobSchema, StartReembedSchema } from "../../../../schemas/reembed";
import { AdminNotebookParams, adminRoute, json } from "../admin/admin.routes";
import { problemResponses } from "../platform/openapi";

export const startReembed = createRoute({
  method: "post",
  path: "/notebooks/{notebookId}/re-embed",
  ...adminRoute,
  summary: "Move a notebook to another embedding model (audited)",
  description:
    "Operators only: `Authorization: Bearer <ADMIN_TOKEN>`. Starts the ReembedNotebook Workflow: every chunk is embedded with `model` beside the current vectors, a recall check on the notebook's own questions decides, and the notebook switches in one guarded update, or keeps its model and vectors with the reason on the job. Uploads to the notebook are refused (409 `reembed-in-progress`) while it runs.",
  request: { params: AdminNotebookParams, body: { content: json(StartReembedSchema), required: true } },
  responses: {
    202: { description: "Started; follow it with GET on the same path", content: json(ReembedJobSchema) },
    ...problemResponses(401, 404, 409, 422, 503),
  },
});

export const getReembed = createRoute({
  method: "get",
  path: "/notebooks/{notebookId}/re-embed",
  ...adminRoute,
  summary: "The notebook's latest re-embed job",
  request: { params: AdminNotebookParams },
  responses: {
    200: { description: "Its status, progress and recall figures", content: json(ReembedJobSchema) },
    ...problemResponses(401, 404, 503),
  },
});
