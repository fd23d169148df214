import { principalOf } from "../auth/require-user";
import { getDb } from "../db";
import { getOwnedNotebook } from "../notebooks/notebooks.store";
import { createRouter } from "../platform/create-router";
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
      documentIds,
      userId: notebook.ownerId,
      log: c.get("log"),
    },
    query,
    { limit, mode },
  );
  return c.json({ query, ...outcome, results: outcome.results.map(toSearchResultDto) }, 200);
});
