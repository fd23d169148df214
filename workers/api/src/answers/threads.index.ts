import { principalOf } from "../auth/require-user";
import { getDb } from "../db";
import { createRouter } from "../platform/create-router";
import { conflict } from "../platform/problem";
import { modelTitle } from "./thread-title";
import * as routes from "./threads.routes";
import { deleteThread, firstQuestion, getOwnedThread, renameThread, toThreadDto } from "./threads.store";

/** Renaming, deleting and model-titling conversations (listing and reading them: ask.index.ts). */
export const threadsRouter = createRouter()
  .openapi(routes.rename, async (c) => {
    const { threadId } = c.req.valid("param");
    const row = await renameThread(getDb(c.env.DB), principalOf(c).userId, threadId, c.req.valid("json").title, "user");
    return c.json(toThreadDto(row), 200);
  })
  .openapi(routes.remove, async (c) => {
    await deleteThread(getDb(c.env.DB), principalOf(c).userId, c.req.valid("param").threadId);
    return c.body(null, 204);
  })
  .openapi(routes.nameWithModel, async (c) => {
    const db = getDb(c.env.DB);
    const { userId } = principalOf(c);
    const thread = await getOwnedThread(db, userId, c.req.valid("param").threadId);
    if (thread.titleSource === "user") return c.json(toThreadDto(thread), 200);
    const question = await firstQuestion(db, thread.id);
    if (!question) throw conflict("This conversation has no question yet to name it after.");
    const { title } = await modelTitle({
      env: c.env,
      log: c.get("log"),
      userId,
      notebookId: thread.notebookId,
      question,
    });
    const row = await renameThread(db, userId, thread.id, title, "model");
    return c.json(toThreadDto(row), 200);
  });
