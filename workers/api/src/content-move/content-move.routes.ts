import { createRoute } from "@hono/zod-openapi";
import {
  ContentMoveBatchSchema,
  ContentMoveJobSchema,
  StartContentMoveSchema,
  StartContentMovesSchema,
} from "../../../../schemas/content-move";
import { AdminNotebookParams, adminRoute, json } from "../admin/admin.routes";
import { problemResponses } from "../platform/openapi";

export const startContentMove = createRoute({
  method: "post",
  path: "/notebooks/{notebookId}/content-move",
  ...adminRoute,
  summary: "Move a notebook's content from the primary D1 to its own database (audited)",
  description:
    "Operators only: `Authorization: Bearer <ADMIN_TOKEN>`. Starts the MigrateContent Workflow: the notebook's pages, chunks, keyword index, vectors and concept map are copied into its own object in pages of 500 rows, every table is verified (row count and sha256 on both sides) with one keyword search, and the notebook switches in one guarded update; then its rows leave D1. On any failure the notebook stays in D1, with the reason on the job. Reads go on throughout; uploads to the notebook are refused (409 `content-move-in-progress`) while it moves.",
  request: { params: AdminNotebookParams, body: { content: json(StartContentMoveSchema), required: true } },
  responses: {
    202: { description: "Started; follow it with GET on the same path", content: json(ContentMoveJobSchema) },
    ...problemResponses(401, 404, 409, 422, 503),
  },
});

export const getContentMove = createRoute({
  method: "get",
  path: "/notebooks/{notebookId}/content-move",
  ...adminRoute,
  summary: "The notebook's latest content move",
  request: { params: AdminNotebookParams },
  responses: {
    200: { description: "Its status, progress per table and verification report", content: json(ContentMoveJobSchema) },
    ...problemResponses(401, 404, 503),
  },
});

export const startContentMoves = createRoute({
  method: "post",
  path: "/content-moves",
  ...adminRoute,
  summary: "Start moving the next batch of notebooks still in the primary D1 (audited)",
  description:
    "Operators only. Starts a content move (as POST /notebooks/{notebookId}/content-move) for up to `limit` notebooks whose content is still in D1, in id order after `after`; a notebook that cannot move now is skipped with why and stays in D1. Call again with `next` until it is null, at most once a second (`npm run content:move -- --all` does: ≤ 100 Workflow creations per second).",
  request: { body: { content: json(StartContentMovesSchema), required: true } },
  responses: {
    200: { description: "What this batch started and skipped", content: json(ContentMoveBatchSchema) },
    ...problemResponses(401, 422, 503),
  },
});
