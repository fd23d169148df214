import { principalOf } from "../auth/require-user";
import { getDb } from "../db";
import { ownedNotebook, ownedNotebookForSearch } from "../notebooks/owned-notebook";
import { createRouter } from "../platform/create-router";
import { decodeCursor, pageOf } from "../platform/pagination";
import { answerQuestion, beginAsk } from "./ask";
import * as routes from "./ask.routes";
import { answerEventStream } from "./ask-stream";
import { getOwnedThread, listThreads, threadDetail, toThreadDto } from "./threads.store";

const wantsEventStream = (accept: string | undefined) => /\btext\/event-stream\b/i.test(accept ?? "");

export const answersRouter = createRouter()
  .openapi(routes.ask, async (c) => {
    const input = c.req.valid("json");
    // The notebook and its ready documents as read with the credential (notebooks/owned-notebook.ts).
    const read = await ownedNotebookForSearch(c, c.req.valid("param").notebookId, input.documentIds);
    const prepared = await beginAsk(c.env, c.get("log"), principalOf(c).userId, read, input);
    // Aborted when the client disconnects: the model call stops with it.
    const signal = c.req.raw.signal;
    if (wantsEventStream(c.req.header("accept"))) return answerEventStream(prepared, signal, c.get("log"));
    const answer = await answerQuestion(prepared, { start() {}, text() {} }, signal);
    return c.json(answer, 200);
  })
  .openapi(routes.listThreads, async (c) => {
    const db = getDb(c.env.DB);
    const notebook = await ownedNotebook(c, c.req.valid("param").notebookId);
    const { limit, cursor } = c.req.valid("query");
    const page = pageOf(await listThreads(db, notebook.id, limit, decodeCursor(cursor)), limit, (t) => t.updatedAt);
    return c.json({ items: page.items.map(toThreadDto), nextCursor: page.nextCursor }, 200);
  })
  .openapi(routes.getThread, async (c) => {
    const db = getDb(c.env.DB);
    const thread = await getOwnedThread(db, principalOf(c).userId, c.req.valid("param").threadId);
    return c.json(await threadDetail(db, thread), 200);
  });
