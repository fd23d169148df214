/**
 * The concept map's part of the ingestion Workflow, run once the document is ready (searchable first;
 * the map follows): one step per CONCEPT_PAGES_PER_STEP pages, then one step rebuilding the notebook's
 * graph. Each step returns only counts (the 1 MiB step-state limit is never near) and is idempotent: a
 * page range replaces its own mentions; the graph is rebuilt from the mentions as a whole.
 */
import { eq } from "drizzle-orm";
import { contentOf } from "../content/content-db";
import { getDb, schema } from "../db";
import { DocumentGone, loadDocument } from "../documents/lifecycle";
import { backgroundModelsAllowed, configuredChatModels } from "../models/chat-model";
import { errorFields, type Logger } from "../platform/logger";
import { CONCEPT_PAGES_PER_STEP } from "./concepts.store";
import { enrichConceptMap, MODEL_STEP } from "./enrich";
import { extractConceptRange } from "./extract";
import { logExtraction } from "./extraction-log";
import { buildConceptGraph } from "./graph";

type Run = <T>(name: string, body: () => Promise<T>) => Promise<T>;

/** Runs `body`, writing its error to the extraction log before the step retries (a vanished document is not an error). */
async function logged<T>(env: Env, documentId: string, step: string, body: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await body();
  } catch (err) {
    if (err instanceof DocumentGone) throw err;
    const row = await getDb(env.DB).query.document.findFirst({ where: eq(schema.document.id, documentId) });
    if (row) {
      const { error } = errorFields(err);
      await logExtraction((await contentOf(env, row.notebookId)).db, {
        notebookId: row.notebookId,
        documentId,
        step,
        method: step.includes("graph") ? "graph" : step === MODEL_STEP ? "model" : "offline-other",
        counts: {},
        durationMs: Date.now() - started,
        error: String(error ?? err).slice(0, 500),
      });
    }
    throw err;
  }
}

/**
 * Extracts the document's concepts page range by page range, then rebuilds the notebook's map. A vanished
 * document ends it through `run` (DocumentGone), like every other step.
 */
export async function extractConcepts(run: Run, env: Env, documentId: string, log: Logger): Promise<void> {
  const { pageCount } = await run("concepts: plan", async () => ({
    pageCount: (await loadDocument(getDb(env.DB), documentId)).pageCount,
  }));
  for (let from = 1; from <= Math.max(1, pageCount); from += CONCEPT_PAGES_PER_STEP) {
    const to = from + CONCEPT_PAGES_PER_STEP - 1;
    const name = `concepts: pages ${from}-${to}`;
    await run(name, () => logged(env, documentId, name, () => extractConceptRange(env, documentId, from, to)));
  }
  await run("concepts: graph", () =>
    logged(env, documentId, "concepts: graph", async () => {
      const db = getDb(env.DB);
      const row = await loadDocument(db, documentId);
      const notebook = await db.query.notebook.findFirst({ where: eq(schema.notebook.id, row.notebookId) });
      if (!notebook) throw new DocumentGone(documentId);
      const content = (await contentOf(env, row.notebookId)).db;
      const stats = await buildConceptGraph(content, row.notebookId, notebook.contentVersion);
      await logExtraction(content, {
        notebookId: row.notebookId,
        documentId,
        step: "concepts: graph",
        method: "graph",
        counts: { concepts: stats.concepts, edges: stats.edges, communities: stats.communities, merged: stats.merged },
        durationMs: stats.durationMs,
      });
      return stats;
    }),
  );
  // With a chat model configured: typed relations and cited summaries (nothing runs, nothing is faked, without).
  if (backgroundModelsAllowed() && configuredChatModels(env).length) {
    await run(MODEL_STEP, () => logged(env, documentId, MODEL_STEP, () => enrichConceptMap(env, documentId, log)));
  }
}
