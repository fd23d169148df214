import { createRoute, z } from "@hono/zod-openapi";
import {
  CreateNotebookSchema,
  NotebookPageSchema,
  NotebookSchema,
  UpdateNotebookSchema,
} from "../../../../schemas/notebooks";
import { scoped } from "../auth/require-user";
import { problemResponses } from "../platform/openapi";
import { PageQuerySchema } from "../platform/pagination";

const tags = ["Notebooks"];
const json = <T>(schema: T) => ({ "application/json": { schema } });

export const NotebookParams = z.object({
  notebookId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "notebookId", in: "path" } }),
});

export const create = createRoute({
  method: "post",
  path: "/",
  tags,
  ...scoped("write"),
  summary: "Create a notebook",
  request: { body: { content: json(CreateNotebookSchema), required: true } },
  responses: {
    201: { description: "Created", content: json(NotebookSchema) },
    ...problemResponses(401, 403, 413, 422),
  },
});

export const list = createRoute({
  method: "get",
  path: "/",
  tags,
  ...scoped("read"),
  summary: "List your notebooks, newest first",
  request: { query: PageQuerySchema },
  responses: {
    200: { description: "A page of notebooks", content: json(NotebookPageSchema) },
    ...problemResponses(401, 403, 422),
  },
});

export const get = createRoute({
  method: "get",
  path: "/{notebookId}",
  tags,
  ...scoped("read"),
  summary: "Get a notebook",
  request: { params: NotebookParams },
  responses: {
    200: { description: "The notebook", content: json(NotebookSchema) },
    ...problemResponses(401, 403, 404),
  },
});

export const update = createRoute({
  method: "patch",
  path: "/{notebookId}",
  tags,
  ...scoped("write"),
  summary: "Rename or re-describe a notebook",
  request: { params: NotebookParams, body: { content: json(UpdateNotebookSchema), required: true } },
  responses: {
    200: { description: "Updated", content: json(NotebookSchema) },
    ...problemResponses(401, 403, 404, 413, 422),
  },
});

export const remove = createRoute({
  method: "delete",
  path: "/{notebookId}",
  tags,
  ...scoped("write"),
  summary: "Delete a notebook and everything in it",
  request: { params: NotebookParams },
  responses: { 204: { description: "Deleted" }, ...problemResponses(401, 403, 404) },
});
