/**
 * Writes of the concept map's extraction: concepts (one per notebook and key, deterministic ids) and
 * mentions, in bulk through `json_each` (one bound parameter per statement instead of D1's 100), and the
 * removal of concepts a deleted document left without mentions.
 */
import type { Db } from "../db";

/**
 * Pages per extraction step: ~7 ms of tagging per page (bench `concepts`), so 100 pages are ~1 s of CPU
 * and ~3,000 mention rows, far inside the 30 s CPU default and one D1 batch. A step's pair counts are
 * keyed by its first page, so a merge recomputing them from mentions derives it the same way.
 */
export const CONCEPT_PAGES_PER_STEP = 100;

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
/** A pair row is ~60 bytes of JSON: 1,000 a statement is ~60 KB, like a mention batch. */
const PAIRS_PER_STATEMENT = 1000;

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

/** Sentences mentioning both concepts of each pair (source < target), counted from one range's mentions. */
export function countPairs(
  mentions: readonly Pick<MentionRow, "conceptId" | "sentence">[],
): Array<[string, string, number]> {
  const bySentence = new Map<number, string[]>();
  for (const m of mentions) bySentence.set(m.sentence, [...(bySentence.get(m.sentence) ?? []), m.conceptId]);
  const counts = new Map<string, number>();
  for (const ids of bySentence.values()) {
    const unique = [...new Set(ids)].sort();
    for (let i = 0; i < unique.length; i++) {
      for (let j = i + 1; j < unique.length; j++) {
        const pair = `${unique[i]}\n${unique[j]}`;
        counts.set(pair, (counts.get(pair) ?? 0) + 1);
      }
    }
  }
  return [...counts].map(([pair, n]) => {
    const [source, target] = pair.split("\n") as [string, string];
    return [source, target, n];
  });
}

/** Mentions per (concept, page), with the first chunk (lowest id) that mentions it there. */
export function countPages(
  mentions: readonly Pick<MentionRow, "conceptId" | "page" | "chunkId">[],
): Array<[string, number, string, number]> {
  const pages = new Map<string, { conceptId: string; page: number; chunkId: string; n: number }>();
  for (const m of mentions) {
    const key = `${m.conceptId}\n${m.page}`;
    const row = pages.get(key);
    if (!row) pages.set(key, { conceptId: m.conceptId, page: m.page, chunkId: m.chunkId, n: 1 });
    else {
      row.n++;
      if (m.chunkId < row.chunkId) row.chunkId = m.chunkId;
    }
  }
  return [...pages.values()].map((r) => [r.conceptId, r.page, r.chunkId, r.n]);
}

/**
 * Replaces the document's mentions in one page range (its sentence interval) with `mentions`, and the
 * range's pair and page counts with theirs, atomically: the graph step sums pairs instead of joining
 * mentions, and the map reads a node's best pages instead of ranking its mentions.
 */
export async function insertMentions(
  db: Db,
  notebookId: string,
  documentId: string,
  range: {
    firstPage: number;
    lastPage: number;
    fromSentence: number;
    toSentence: number;
    mentions: readonly MentionRow[];
  },
) {
  const rows = range.mentions.map((m) => [m.conceptId, m.chunkId, m.page, m.sentence, m.startOffset, m.surface]);
  await db.$client.batch([
    db.$client
      .prepare("DELETE FROM concept_mention WHERE document_id = ?1 AND sentence BETWEEN ?2 AND ?3")
      .bind(documentId, range.fromSentence, range.toSentence),
    db.$client
      .prepare("DELETE FROM concept_pair WHERE document_id = ?1 AND first_page = ?2")
      .bind(documentId, range.firstPage),
    db.$client
      .prepare("DELETE FROM concept_page WHERE document_id = ?1 AND page BETWEEN ?2 AND ?3")
      .bind(documentId, range.firstPage, range.lastPage),
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
    ...inBatches(countPairs(range.mentions), PAIRS_PER_STATEMENT).map((batch) =>
      db.$client
        .prepare(
          `INSERT INTO concept_pair (notebook_id, document_id, first_page, source_id, target_id, together)
           SELECT ?1, ?2, ?3, value ->> 0, value ->> 1, value ->> 2 FROM json_each(?4)`,
        )
        .bind(notebookId, documentId, range.firstPage, JSON.stringify(batch)),
    ),
    ...inBatches(countPages(range.mentions), PAIRS_PER_STATEMENT).map((batch) =>
      db.$client
        .prepare(
          `INSERT INTO concept_page (notebook_id, document_id, concept_id, page, chunk_id, mentions)
           SELECT ?1, ?2, value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?3)`,
        )
        .bind(notebookId, documentId, JSON.stringify(batch)),
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
