import { and, eq, isNull } from "drizzle-orm";
import type { SourceType } from "../../../../schemas/db";
import { getDb, schema } from "../db";
import { embedderFor } from "../embeddings/embedder";
import { loadDocument, type StepOutcome, setProgress } from "./document-state";
import { FileRejected } from "./rejection";

const { document, notebook } = schema;

export type Begun = { outcome: StepOutcome; sourceType: SourceType; model: string };

/**
 * First step: the document is still there and still to do, and its notebook's embedding model is this
 * deployment's (set on the first ingestion; a different one is refused, never mixed).
 */
export async function beginIngestion(env: Env, documentId: string): Promise<Begun> {
  const db = getDb(env.DB);
  const row = await loadDocument(db, documentId);
  const model = embedderFor(env).model;
  if (row.status === "ready" || row.status === "rejected")
    return { outcome: "done", sourceType: row.sourceType, model };

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
  await db.batch([
    db.update(document).set({ errorCode: null, errorMessage: null }).where(eq(document.id, documentId)),
    setProgress(db, documentId, "extracting", 0, 0),
  ]);
  return { outcome: "continue", sourceType: row.sourceType, model };
}
