import { contentDb } from "../content/content-db";
import { ownedNotebookForSearch } from "../notebooks/owned-notebook";
import { createRouter } from "../platform/create-router";
import { SEARCH_DEADLINE_MS, workSignal } from "../platform/work-limits";
import { searchNotebook, toSearchResultDto } from "./search";
import * as routes from "./search.routes";

export const searchRouter = createRouter().openapi(routes.search, async (c) => {
  const { notebookId } = c.req.valid("param");
  const { query, limit, mode, documentIds } = c.req.valid("json");
  // The notebook and its ready documents as read with the credential, in its one D1 round trip
  // (owned-notebook.ts); the keyword statement brings its chunks (search.ts): two round trips in a row.
  const { notebook, ready } = await ownedNotebookForSearch(c, notebookId, documentIds);
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
      ready,
      content: await contentDb(c.env, notebook.id, notebook.contentLayout),
      log: c.get("log"),
    },
    query,
    { limit, mode, signal: workSignal(c, SEARCH_DEADLINE_MS) },
  );
  return c.json({ query, ...outcome, results: outcome.results.map(toSearchResultDto) }, 200);
});
