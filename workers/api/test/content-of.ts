/**
 * Tests read content rows where they live: a notebook's own object (content/content-db.ts) or, for a
 * notebook still in D1, D1. `rowsAnywhere` counts in both, so "nothing left" checks cannot pass just because
 * they looked in the wrong database.
 */
import { env } from "cloudflare:workers";
import { contentDb, NotebookContentGone, notebookObject } from "../src/content/content-db";

/** The content database of a notebook. */
export function contentOfNotebook(notebookId: string): Promise<D1Database> {
  return contentDb(env, notebookId);
}

/** The content database of an existing document's notebook. */
export async function contentOfDocument(documentId: string): Promise<D1Database> {
  const row = await env.DB.prepare("SELECT notebook_id AS notebookId FROM document WHERE id = ?")
    .bind(documentId)
    .first<{ notebookId: string }>();
  if (!row) throw new Error(`document ${documentId} does not exist: read its notebook's content instead`);
  return contentDb(env, row.notebookId);
}

/** `SELECT count(*) AS n …` summed over D1 and the notebook's object (a deleted notebook's object counts 0). */
export async function rowsAnywhere(notebookId: string, sql: string, ...binds: unknown[]): Promise<number> {
  const inD1 =
    (
      await env.DB.prepare(sql)
        .bind(...binds)
        .first<{ n: number }>()
    )?.n ?? 0;
  let inObject = 0;
  try {
    inObject =
      (
        await notebookObject(env, notebookId)
          .prepare(sql)
          .bind(...binds)
          .first<{ n: number }>()
      )?.n ?? 0;
  } catch (err) {
    if (!(err instanceof NotebookContentGone)) throw err;
  }
  return inD1 + inObject;
}
