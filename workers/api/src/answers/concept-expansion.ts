/**
 * Answers over the concept map, local questions (issue 16, point 5): the concepts a question names (its word
 * runs keyed like the map's concepts, concepts/question-concepts.ts) lead to their strongest neighbours on the
 * map, and a second retrieval with those neighbours' labels added is fused after the first. Behind
 * CONCEPT_EXPANSION_ENABLED (off by default): docs/retrieval-eval.md has the evaluation that decides it.
 */
import { questionConceptKeys } from "../concepts/question-concepts";
import type { Passage } from "./types";

/** Neighbours added to a query: a few, or the question's own words are outweighed. */
const NEIGHBOURS = 3;
/** Weight of the expanded retrieval's ranks in the fusion (the question's own ranks weigh 1). */
const EXPANDED_WEIGHT = 0.5;
/** Reciprocal rank fusion's usual constant. */
const RRF_K = 60;

/** Labels of the strongest map neighbours of the concepts `question` names, strongest first. */
export async function neighbourLabels(db: D1Database, notebookId: string, question: string): Promise<string[]> {
  const keys = questionConceptKeys(question);
  if (!keys.length) return [];
  const { results } = await db
    .prepare(
      `WITH named AS (SELECT id FROM concept WHERE notebook_id = ?1 AND key IN (SELECT value FROM json_each(?2)))
       SELECT c.label, max(e.weight * e.cooccurrences) AS strength FROM concept_edge e
       JOIN concept c ON c.id = CASE WHEN e.source_id IN (SELECT id FROM named) THEN e.target_id ELSE e.source_id END
       WHERE e.notebook_id = ?1 AND (e.source_id IN (SELECT id FROM named) OR e.target_id IN (SELECT id FROM named))
         AND c.id NOT IN (SELECT id FROM named)
       GROUP BY c.id ORDER BY strength DESC, c.id LIMIT ?3`,
    )
    .bind(notebookId, JSON.stringify(keys), NEIGHBOURS)
    .all<{ label: string }>();
  return results.map((r) => r.label.replace(/\s*\([^)]*\)$/, ""));
}

/** The two retrievals fused by reciprocal rank, the question's own first on ties, cut to `limit`. */
export function fuseExpanded(own: readonly Passage[], expanded: readonly Passage[], limit: number): Passage[] {
  const score = new Map<string, { passage: Passage; score: number; order: number }>();
  const add = (list: readonly Passage[], weight: number, offset: number) =>
    list.forEach((p, rank) => {
      const entry = score.get(p.chunkId) ?? { passage: p, score: 0, order: offset + rank };
      entry.score += weight / (RRF_K + rank + 1);
      score.set(p.chunkId, entry);
    });
  add(own, 1, 0);
  add(expanded, EXPANDED_WEIGHT, own.length);
  return [...score.values()]
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, limit)
    .map((e) => e.passage);
}
