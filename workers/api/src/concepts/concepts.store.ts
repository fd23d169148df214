/**
 * Writes of the concept map's extraction: concepts (one per notebook and key, deterministic ids) and
 * mentions, in bulk through `json_each` (one bound parameter per statement instead of D1's 100), and the
 * removal of concepts a deleted document left without mentions.
 */
import type { Db } from "../db";

export type MentionRow = {
  conceptId: string;
  chunkId: string;
  page: number;
  sentence: number;
  startOffset: number;
  surface: string;
};

/** Rows per `json_each` statement: ~120 bytes a mention, so ~60 KB of JSON, well inside D1's limits. */
const ROWS_PER_STATEMENT = 500;

function inBatches<T>(rows: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < rows.length; i += size) batches.push(rows.slice(i, i + size));
  return batches;
}

async function hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest).slice(0, 10)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Deterministic concept ids: the same key in the same notebook is the same concept, on every retry. */
export async function conceptIds(notebookId: string, keys: readonly string[]): Promise<Map<string, string>> {
  const ids = await Promise.all(keys.map(async (key) => [key, `cpt_${await hex(`${notebookId}\n${key}`)}`] as const));
  return new Map(ids);
}

/** The notebook's defined acronyms: "FAA" -> the key of "Federal Aviation Administration". */
export async function knownAcronyms(db: Db, notebookId: string): Promise<Map<string, string>> {
  const { results } = await db.$client
    .prepare("SELECT acronym, key FROM concept WHERE notebook_id = ?1 AND acronym IS NOT NULL")
    .bind(notebookId)
    .all<{ acronym: string; key: string }>();
  return new Map(results.map((r) => [r.acronym, r.key]));
}

/** Creates the concepts that do not exist yet; an existing one gains an acronym it did not have. */
export async function upsertConcepts(
  db: Db,
  notebookId: string,
  concepts: ReadonlyMap<string, { label: string; acronym: string | null }>,
  ids: ReadonlyMap<string, string>,
) {
  const rows = [...concepts].map(([key, c]) => [ids.get(key), key, c.label.slice(0, 200), c.acronym]);
  const statements = inBatches(rows).map((batch) =>
    db.$client
      .prepare(
        `INSERT INTO concept (id, notebook_id, key, label, acronym)
         SELECT value ->> 0, ?1, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?2) WHERE true
         ON CONFLICT (notebook_id, key) DO UPDATE SET acronym = coalesce(concept.acronym, excluded.acronym)`,
      )
      .bind(notebookId, JSON.stringify(batch)),
  );
  if (statements.length) await db.$client.batch(statements);
}

/** Replaces the document's mentions in one sentence interval (a page range) with `mentions`, atomically. */
export async function insertMentions(
  db: Db,
  notebookId: string,
  documentId: string,
  range: { fromSentence: number; toSentence: number; mentions: readonly MentionRow[] },
) {
  const rows = range.mentions.map((m) => [m.conceptId, m.chunkId, m.page, m.sentence, m.startOffset, m.surface]);
  await db.$client.batch([
    db.$client
      .prepare("DELETE FROM concept_mention WHERE document_id = ?1 AND sentence BETWEEN ?2 AND ?3")
      .bind(documentId, range.fromSentence, range.toSentence),
    ...inBatches(rows).map((batch) =>
      db.$client
        .prepare(
          `INSERT OR IGNORE INTO concept_mention
             (concept_id, document_id, notebook_id, chunk_id, page, sentence, start_offset, surface)
           SELECT value ->> 0, ?1, ?2, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5
           FROM json_each(?3)`,
        )
        .bind(documentId, notebookId, JSON.stringify(batch)),
    ),
  ]);
}

/**
 * After a document is deleted (its mentions went with it, by cascade): removes the notebook's concepts
 * that no document mentions any more; their edges go by cascade. The map is rebuilt on its next read,
 * because deleting bumped the notebook's content version.
 */
export async function removeOrphanConcepts(db: Db, notebookId: string): Promise<number> {
  const result = await db.$client
    .prepare(
      `DELETE FROM concept WHERE notebook_id = ?1
       AND NOT EXISTS (SELECT 1 FROM concept_mention m WHERE m.concept_id = concept.id)`,
    )
    .bind(notebookId)
    .run();
  return result.meta.changes ?? 0;
}
