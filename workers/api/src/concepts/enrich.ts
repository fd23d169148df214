/**
 * The concept map's model step (only when a chat model is configured): typed relations and cited community
 * summaries, paid by the notebook's owner and within the AI budget (the seam's chain is empty past it, and
 * the step then records why it did nothing). A model failure is logged and leaves the offline map as it is:
 * it never fails the document. What a model wrote survives a rebuild of the graph while what it cites does.
 */
import { eq } from "drizzle-orm";
import { contentOf } from "../content/content-db";
import type { Db } from "../db";
import { getDb, schema } from "../db";
import { loadDocument } from "../documents/lifecycle";
import { chatModels } from "../models/chat-model";
import type { Logger } from "../platform/logger";
import { logExtraction } from "./extraction-log";
import { writeMapSnapshot } from "./map-body";
import { typeRelations } from "./relations";
import { summariseCommunities } from "./summaries";

export const MODEL_STEP = "concepts: model";

export async function enrichConceptMap(env: Env, documentId: string, log: Logger) {
  const registry = getDb(env.DB);
  const started = Date.now();
  const row = await loadDocument(registry, documentId);
  const notebook = await registry.query.notebook.findFirst({ where: eq(schema.notebook.id, row.notebookId) });
  const db = (await contentOf(env, row.notebookId)).db;
  const userId = notebook?.ownerId ?? "";
  const { chain, reason } = await chatModels(env, { userId });
  const entry = { notebookId: row.notebookId, documentId, step: MODEL_STEP, method: "model" as const };
  if (!chain.length) {
    const error = `skipped: ${reason?.title ?? "no language model"}`;
    await logExtraction(db, { ...entry, counts: {}, durationMs: Date.now() - started, error });
    return { skipped: true };
  }
  const input = { chain, userId, notebookId: row.notebookId };
  let counts: Record<string, number> = {};
  let error: string | null = null;
  try {
    const relations = await typeRelations(env, db, log, input);
    const summaries = await summariseCommunities(env, db, log, input);
    counts = {
      pairsAsked: relations.asked,
      relationsTyped: relations.typed,
      relationsDropped: relations.dropped,
      communitiesAsked: summaries.asked,
      summaries: summaries.summarised,
      summariesDropped: summaries.dropped,
    };
  } catch (err) {
    error = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    log.warn("concept map enrichment failed", { documentId, error });
  }
  await writeMapSnapshot(db, row.notebookId);
  await logExtraction(db, { ...entry, counts, durationMs: Date.now() - started, error });
  return counts;
}

type Saved = { edges: string; communities: string };

/** What models wrote on the notebook's map, read before the graph step replaces its edges and communities. */
export async function readModelOutput(db: Db, notebookId: string): Promise<Saved> {
  const [edges, communities] = await db.$client.batch([
    db.$client
      .prepare(
        `SELECT json_group_array(json_array(source_id, target_id, relation, relation_source_id, relation_chunk_id,
           relation_quote)) AS rows FROM concept_edge WHERE notebook_id = ?1 AND relation_checked = 1`,
      )
      .bind(notebookId),
    db.$client
      .prepare(
        `SELECT json_group_array(json_array(label, summary, summary_citations)) AS rows FROM concept_community
         WHERE notebook_id = ?1 AND summary IS NOT NULL`,
      )
      .bind(notebookId),
  ]);
  const rows = (r: typeof edges) => ((r?.results[0] as { rows?: string } | undefined)?.rows ?? "[]") as string;
  return { edges: rows(edges), communities: rows(communities) };
}

/**
 * Statements putting saved model output back on the rebuilt map: a relation on the same pair while its
 * cited chunk exists, a summary on the community with the same label while every chunk it cites exists.
 */
export function restoreModelOutput(db: Db, notebookId: string, saved: Saved) {
  return [
    db.$client
      .prepare(
        `UPDATE concept_edge SET relation = j.value ->> 2, relation_source_id = j.value ->> 3,
           relation_chunk_id = j.value ->> 4, relation_quote = j.value ->> 5, relation_checked = 1
         FROM json_each(?2) AS j
         WHERE concept_edge.notebook_id = ?1 AND concept_edge.source_id = j.value ->> 0
           AND concept_edge.target_id = j.value ->> 1
           AND (j.value ->> 4 IS NULL OR EXISTS (SELECT 1 FROM chunk WHERE chunk.id = j.value ->> 4))`,
      )
      .bind(notebookId, saved.edges),
    db.$client
      .prepare(
        `UPDATE concept_community SET summary = j.value ->> 1, summary_citations = j.value ->> 2
         FROM json_each(?2) AS j
         WHERE concept_community.notebook_id = ?1 AND concept_community.label = j.value ->> 0
           AND NOT EXISTS (SELECT 1 FROM json_each(j.value ->> 2) AS c
                           WHERE NOT EXISTS (SELECT 1 FROM chunk WHERE chunk.id = c.value ->> 'chunkId'))`,
      )
      .bind(notebookId, saved.communities),
  ];
}
