import { principalOf, requireUser } from "../auth/require-user";
import { getDb } from "../db";
import { deleteNotebookContents } from "../documents/purge";
import { getConfig } from "../platform/config";
import { createRouter } from "../platform/create-router";
import { decodeCursor, pageOf } from "../platform/pagination";
import * as routes from "./notebooks.routes";
import { createNotebook, deleteNotebookRow, listNotebooks, toNotebookDto, updateNotebook } from "./notebooks.store";
import { credentialWithNotebook, ownedNotebook } from "./owned-notebook";

const router = createRouter();
// The credential and the notebook in one D1 round trip (owned-notebook.ts); other callers authenticate below.
router.use("/:notebookId/*", credentialWithNotebook);
router.use("*", requireUser);

export const notebooksRouter = router
  .openapi(routes.create, async (c) => {
    const { vectorIndexForNewNotebooks } = getConfig(c.env);
    const row = await createNotebook(
      getDb(c.env.DB),
      principalOf(c).userId,
      c.req.valid("json"),
      vectorIndexForNewNotebooks,
    );
    return c.json(toNotebookDto(row), 201);
  })
  .openapi(routes.list, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const rows = await listNotebooks(getDb(c.env.DB), principalOf(c).userId, limit, decodeCursor(cursor));
    const page = pageOf(rows, limit);
    return c.json({ items: page.items.map(toNotebookDto), nextCursor: page.nextCursor }, 200);
  })
  .openapi(routes.get, async (c) => {
    const row = await ownedNotebook(c, c.req.valid("param").notebookId);
    return c.json(toNotebookDto(row), 200);
  })
  .openapi(routes.update, async (c) => {
    const { notebookId } = c.req.valid("param");
    const row = await updateNotebook(getDb(c.env.DB), principalOf(c).userId, notebookId, c.req.valid("json"));
    return c.json(toNotebookDto(row), 200);
  })
  .openapi(routes.remove, async (c) => {
    const { notebookId } = c.req.valid("param");
    const db = getDb(c.env.DB);
    const { userId } = principalOf(c);
    await ownedNotebook(c, notebookId);
    // Its documents' files and vectors live outside D1's cascades.
    await deleteNotebookContents(c.env, db, notebookId, () => deleteNotebookRow(db, userId, notebookId));
    return c.body(null, 204);
  });
