/** Notebook persistence. Every query is scoped by owner: another tenant's notebook is simply absent. */
import { and, desc, eq, getTableColumns, lt, or, type SQLWrapper, sql } from "drizzle-orm";
import type { NotebookDto } from "../../../../schemas/notebooks";
import { titleMap, titlesQuery } from "../content/content-db";
import type { Db } from "../db";
import { schema } from "../db";
import { newId } from "../platform/ids";
import type { Cursor } from "../platform/pagination";
import { notFound } from "../platform/problem";

const { notebook } = schema;

/**
 * The notebook `notebookId` if `owner` owns it: every single-notebook query's condition. `owner` is a user id,
 * or a subquery giving one (an API key's owner, api-keys.store `KeyOwner`; a session's user, auth/session-with.ts).
 */
const ownedBy = (owner: string | SQLWrapper, notebookId: string) =>
  and(eq(notebook.id, notebookId), eq(notebook.ownerId, owner));

export type NotebookRow = typeof notebook.$inferSelect;

/** The statement reading the notebook if `owner` owns it (a select, so that it can join a batch). */
export const ownedNotebookQuery = (db: Db, owner: string | SQLWrapper, notebookId: string) =>
  db.select().from(notebook).where(ownedBy(owner, notebookId)).limit(1);

/**
 * ownedNotebookQuery with the notebook's ready documents as a JSON array of {id, title} in a column of the same
 * row (`readyDocuments`): what a search or an ask reads first, as one statement that joins the credential's
 * batch (owned-notebook.ts). Read only when the notebook is the caller's, like the row itself.
 */
export const ownedNotebookWithReadyQuery = (db: Db, owner: string | SQLWrapper, notebookId: string) =>
  db
    .select({
      ...getTableColumns(notebook),
      // Spelled out: drizzle writes a column in a select's sql without its table, which the subquery would misread.
      readyDocuments: sql<string>`(SELECT json_group_array(json_object('id', d.id, 'title', d.title)) FROM document d WHERE d.notebook_id = "notebook"."id" AND d.status = 'ready')`,
    })
    .from(notebook)
    .where(ownedBy(owner, notebookId))
    .limit(1);

/** `readyDocuments` of ownedNotebookWithReadyQuery as id → title, only those among `documentIds` when given. */
export function readyDocumentsOf(json: string, documentIds?: readonly string[]): Map<string, string> {
  const among = documentIds?.length ? new Set(documentIds) : undefined;
  const rows = JSON.parse(json) as { id: string; title: string }[];
  return titleMap(among ? rows.filter((r) => among.has(r.id)) : rows);
}

export function toNotebookDto(row: NotebookRow): NotebookDto {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    embeddingModel: row.embeddingModel,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * `vectorIndex`: the Vectorize index its vectors will live in (VECTOR_INDEX_FOR_NEW_NOTEBOOKS), recorded now
 * and never re-derived (docs/scale.md §5 "index groups").
 */
export async function createNotebook(
  db: Db,
  ownerId: string,
  input: { title: string; description?: string },
  vectorIndex = 0,
) {
  const now = new Date();
  const [row] = await db
    .insert(notebook)
    .values({
      id: newId("nb", now.getTime()),
      ownerId,
      title: input.title,
      description: input.description ?? "",
      vectorIndex,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error("notebook insert returned no row");
  return row;
}

export async function listNotebooks(db: Db, ownerId: string, limit: number, after?: Cursor) {
  const afterCursor = after
    ? or(
        lt(notebook.createdAt, new Date(after.createdAt)),
        and(eq(notebook.createdAt, new Date(after.createdAt)), lt(notebook.id, after.id)),
      )
    : undefined;
  return db
    .select()
    .from(notebook)
    .where(and(eq(notebook.ownerId, ownerId), afterCursor))
    .orderBy(desc(notebook.createdAt), desc(notebook.id))
    .limit(limit + 1);
}

/** The caller's notebook, or a 404 identical to a missing one. */
export async function getOwnedNotebook(db: Db, ownerId: string, notebookId: string) {
  const row = await db.query.notebook.findFirst({
    where: ownedBy(ownerId, notebookId),
  });
  if (!row) throw notFound(`Notebook ${notebookId}`);
  return row;
}

/**
 * The caller's notebook and its ready documents' titles (id → title, optionally among `documentIds`) in one D1
 * round trip (a batch): what a search or an answer needs before it reads the notebook's content. The titles
 * are read whoever owns the notebook and dropped unless the caller does.
 */
export async function getOwnedNotebookForSearch(
  db: Db,
  ownerId: string,
  notebookId: string,
  documentIds?: readonly string[],
) {
  // A select, not db.query…findFirst: drizzle's batch fails to map a relational query's empty result.
  const [[row], titles] = await db.batch([
    ownedNotebookQuery(db, ownerId, notebookId),
    titlesQuery(db, notebookId, { readyOnly: true, documentIds }),
  ]);
  if (!row) throw notFound(`Notebook ${notebookId}`);
  return { notebook: row, ready: titleMap(titles) };
}

export async function updateNotebook(
  db: Db,
  ownerId: string,
  notebookId: string,
  patch: { title?: string; description?: string },
) {
  const [row] = await db
    .update(notebook)
    .set({ ...patch, updatedAt: new Date() })
    .where(ownedBy(ownerId, notebookId))
    .returning();
  if (!row) throw notFound(`Notebook ${notebookId}`);
  return row;
}

export async function deleteNotebookRow(db: Db, ownerId: string, notebookId: string) {
  const deleted = await db.delete(notebook).where(ownedBy(ownerId, notebookId)).returning({ id: notebook.id });
  if (!deleted.length) throw notFound(`Notebook ${notebookId}`);
}
