import { createRoute, z } from "@hono/zod-openapi";
import { ConceptDetailSchema, ConceptMapQuerySchema, ConceptMapSchema } from "../../../../schemas/concepts";
import { scoped } from "../auth/require-user";
import { NotebookParams } from "../notebooks/notebooks.routes";
import { problemResponses } from "../platform/openapi";

export const ConceptParams = z.object({
  conceptId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "conceptId", in: "path" } }),
});

export const conceptMap = createRoute({
  method: "get",
  path: "/notebooks/{notebookId}/concept-map",
  tags: ["Concept map"],
  ...scoped("read"),
  summary: "The notebook's concept map: concepts, their relations and communities, every node citing pages",
  description:
    "The heaviest concepts (sentences mentioning them) with up to three cited pages each, the edges among them (sentence co-occurrence weighted by normalised PMI over the whole notebook) and their communities. Built during ingestion without a model (noun phrases and names, acronyms merged); a map older than the notebook's content version is rebuilt before it is returned. With `documentIds` the nodes and citations come from those documents only.",
  request: { params: NotebookParams, query: ConceptMapQuerySchema },
  responses: {
    200: { description: "The map", content: { "application/json": { schema: ConceptMapSchema } } },
    ...problemResponses(401, 403, 404, 422),
  },
});

export const concept = createRoute({
  method: "get",
  path: "/concepts/{conceptId}",
  tags: ["Concept map"],
  ...scoped("read"),
  summary: "One concept: how the documents write it, its neighbours and the passages (with pages) that mention it",
  request: { params: ConceptParams },
  responses: {
    200: { description: "The concept", content: { "application/json": { schema: ConceptDetailSchema } } },
    ...problemResponses(401, 403, 404),
  },
});
