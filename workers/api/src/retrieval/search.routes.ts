import { createRoute } from "@hono/zod-openapi";
import { SearchRequestSchema, SearchResponseSchema } from "../../../../schemas/search";
import { scoped } from "../auth/require-user";
import { NotebookParams } from "../notebooks/notebooks.routes";
import { problemResponses } from "../platform/openapi";

export const search = createRoute({
  method: "post",
  path: "/notebooks/{notebookId}/search",
  tags: ["Search"],
  ...scoped("read"),
  summary: "Search a notebook's ready documents (hybrid keyword + semantic by default)",
  description:
    "Keyword search (FTS5 bm25 over diacritic-folded, stemmed en/pt/es text) and semantic search (the query embedded with the notebook's model), fused with reciprocal rank fusion; overlapping chunks of one document are merged into one result. `mode` in the response is the mode actually used: when semantic search is unavailable (e.g. the configured embedder differs from the notebook's), the search runs on keywords only and `fallbackReason` says why. 503 with `Retry-After` when this server is running as many semantic searches as it allows at once, or when the search ran past its 10 s deadline.",
  request: {
    params: NotebookParams,
    body: { content: { "application/json": { schema: SearchRequestSchema } }, required: true },
  },
  responses: {
    200: { description: "Results, best first", content: { "application/json": { schema: SearchResponseSchema } } },
    ...problemResponses(401, 403, 404, 422, 503),
  },
});
