import { principalOf } from "../auth/require-user";
import { getDb } from "../db";
import { getOwnedNotebook } from "../notebooks/notebooks.store";
import { createRouter } from "../platform/create-router";
import { SEARCH_DEADLINE_MS, workSignal } from "../platform/work-limits";
import { searchNotebook, toSearchResultDto } from "./search";
import * as routes from "./search.routes";

export const searchRouter = createRouter().openapi(routes.search, async (c) => {
  const { notebookId } = c.req.valid("param");
  const notebook = await getOwnedNotebook(getDb(c.env.DB), principalOf(c).userId, notebookId);
  const { query, limit, mode, documentIds } = c.req.valid("json");
  const outcome = await searchNotebook(
    c.env,
    {
      notebookId: notebook.id,
      embeddingModel: notebook.embeddingModel,
      vectorGeneration: notebook.vectorGeneration,
      vectorIndex: notebook.vectorIndex,
      documentIds,
      userId: notebook.ownerId,
      contentVersion: notebook.contentVersion,
      log: c.get("log"),
    },
    query,
    { limit, mode, signal: workSignal(c, SEARCH_DEADLINE_MS) },
  );
  return c.json({ query, ...outcome, results: outcome.results.map(toSearchResultDto) }, 200);
});
