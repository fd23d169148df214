/**
 * Issue 20 item 5: an API-key request under /v1/notebooks/{notebookId} authenticates the key and reads the
 * notebook in one D1 round trip (a batch), where it was two in a row (the key, then `getOwnedNotebook`).
 * The notebook statement's ownership condition is the live key's owner, in SQL, so a dead key reads
 * nothing and another user's key finds no notebook: the same 401, the same 404 as a missing notebook.
 * Sessions (better-auth) authenticate as before, and their handlers read the notebook after.
 */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { authenticateKeyWith, principalOf } from "../auth/require-user";
import { getDb } from "../db";
import type { AppEnv } from "../platform/context";
import { notFound } from "../platform/problem";
import { getOwnedNotebook, ownedNotebookQuery } from "./notebooks.store";

/**
 * For `/:notebookId/*` in the notebooks router, before `requireUser`. The routers declaring
 * /v1/notebooks/{notebookId}/… (documents, notes, study …) are mounted after it (route-groups.ts), so it
 * runs for their routes too; the scope check (403) still comes first in each route, before its handler.
 */
export const keyWithNotebook = createMiddleware<AppEnv>(async (c, next) => {
  const notebookId = c.req.param("notebookId");
  if (notebookId) {
    const rows = await authenticateKeyWith(c, (db, owner) => ownedNotebookQuery(db, owner, notebookId));
    if (rows) c.set("keyNotebook", { id: notebookId, row: rows[0] });
  }
  await next();
});

/**
 * The caller's notebook `notebookId`, or a 404 identical to a missing one: the row `keyWithNotebook` read
 * (once: a second call reads again), else `getOwnedNotebook`.
 */
export async function ownedNotebook(c: Context<AppEnv>, notebookId: string) {
  const read = c.get("keyNotebook");
  if (read?.id !== notebookId) return getOwnedNotebook(getDb(c.env.DB), principalOf(c).userId, notebookId);
  c.set("keyNotebook", undefined);
  if (!read.row) throw notFound(`Notebook ${notebookId}`);
  return read.row;
}
