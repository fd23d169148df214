/**
 * Issue 20 item 5: a request under /v1/notebooks/{notebookId} authenticates and reads the notebook in one D1
 * round trip (a batch), where it was two in a row (the credential, then `getOwnedNotebook`): an API key since
 * session 12, a session (cookie or bearer session token) since session 13 (auth/session-with.ts). The
 * notebook statement's ownership condition is the live key's owner, or the session's user, in SQL, so a dead
 * credential reads nothing and another user's finds no notebook: the same 401, the same 404 as a missing one.
 */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { authenticateWith, principalOf } from "../auth/require-user";
import { getDb } from "../db";
import type { AppEnv } from "../platform/context";
import { notFound } from "../platform/problem";
import {
  getOwnedNotebook,
  getOwnedNotebookForSearch,
  type NotebookRow,
  ownedNotebookQuery,
  ownedNotebookWithReadyQuery,
  readyDocumentsOf,
} from "./notebooks.store";

/** A search or an ask (POST …/search, …/ask): it starts with the notebook's ready documents too. */
const readsReady = (c: Context<AppEnv>, notebookId: string) =>
  c.req.method === "POST" && [`/${notebookId}/search`, `/${notebookId}/ask`].some((end) => c.req.path.endsWith(end));

/**
 * For `/:notebookId/*` in the notebooks router, before `requireUser`. The routers declaring
 * /v1/notebooks/{notebookId}/… (documents, notes, study, search, ask …) are mounted after it (route-groups.ts),
 * so it runs for their routes too; the scope check (403) still comes first in each route, before its handler.
 */
export const credentialWithNotebook = createMiddleware<AppEnv>(async (c, next) => {
  const notebookId = c.req.param("notebookId");
  if (notebookId && readsReady(c, notebookId)) {
    const rows = await authenticateWith(c, (db, owner) => ownedNotebookWithReadyQuery(db, owner, notebookId));
    if (rows) {
      const { readyDocuments, ...row } = rows[0] ?? {};
      c.set("batchedNotebook", { id: notebookId, row: rows[0] && (row as NotebookRow), readyDocuments });
    }
  } else if (notebookId) {
    const rows = await authenticateWith(c, (db, owner) => ownedNotebookQuery(db, owner, notebookId));
    if (rows) c.set("batchedNotebook", { id: notebookId, row: rows[0] });
  }
  await next();
});

/**
 * The caller's notebook `notebookId`, or a 404 identical to a missing one: the row `credentialWithNotebook`
 * read (once: a second call reads again), else `getOwnedNotebook`.
 */
export async function ownedNotebook(c: Context<AppEnv>, notebookId: string) {
  const read = c.get("batchedNotebook");
  if (read?.id !== notebookId) return getOwnedNotebook(getDb(c.env.DB), principalOf(c).userId, notebookId);
  c.set("batchedNotebook", undefined);
  if (!read.row) throw notFound(`Notebook ${notebookId}`);
  return read.row;
}

/**
 * `ownedNotebook` with its ready documents (among `documentIds`), id → title, for a search or an ask: both
 * from the credential's batch when it read them, else one batch (getOwnedNotebookForSearch).
 */
export async function ownedNotebookForSearch(c: Context<AppEnv>, notebookId: string, documentIds?: readonly string[]) {
  const read = c.get("batchedNotebook");
  if (read?.id === notebookId && (!read.row || read.readyDocuments !== undefined)) {
    const notebook = await ownedNotebook(c, notebookId);
    return { notebook, ready: readyDocumentsOf(read.readyDocuments ?? "[]", documentIds) };
  }
  return getOwnedNotebookForSearch(getDb(c.env.DB), principalOf(c).userId, notebookId, documentIds);
}
