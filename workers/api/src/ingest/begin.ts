import { and, eq, isNull } from "drizzle-orm";
import type { SourceType } from "../../../../schemas/db";
import { getDb, schema } from "../db";
import { beginProcessing, loadDocument } from "../documents/lifecycle";
import { FileRejected } from "../documents/rejection";
import { embedderFor } from "../embeddings/embedder";

const { notebook } = schema;

/** `finished`: the document is already ready or rejected (a late run), so there is nothing to do. */
export type Begun = { finished: boolean; sourceType: SourceType; model: string };

/**
 * First step: the document is still there and still to do, and its notebook's embedding model is this
 * deployment's (set on the first ingestion; a different one is refused, never mixed).
 */
export async function beginIngestion(env: Env, documentId: string): Promise<Begun> {
  const db = getDb(env.DB);
  const row = await loadDocument(db, documentId);
  const model = embedderFor(env).model;
  if (row.status === "ready" || row.status === "rejected") return { finished: true, sourceType: row.sourceType, model };

  await db
    .update(notebook)
    .set({ embeddingModel: model })
    .where(and(eq(notebook.id, row.notebookId), isNull(notebook.embeddingModel)));
  const owner = await db.query.notebook.findFirst({ where: eq(notebook.id, row.notebookId) });
  if (owner?.embeddingModel && owner.embeddingModel !== model) {
    throw new FileRejected(
      "model_mismatch",
      `This notebook is indexed with ${owner.embeddingModel}, but the server now embeds with ${model}. Mixing the two would break search, so this file was not added: ask the operator to re-embed the notebook, or add it to a new notebook.`,
    );
  }
  await beginProcessing(db, documentId);
  return { finished: false, sourceType: row.sourceType, model };
}
