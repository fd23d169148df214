/**
 * Merges across a notebook's documents before the graph is built: a concept whose key is a defined
 * acronym ("faa", from a document that only wrote "FAA") joins the long form's concept; an acronym never
 * defined joins the one multi-word concept whose initials spell it, when exactly one does. Labels become
 * each concept's most frequent surface form ("Long Name (ACR)" for a defined acronym).
 */
import type { Db } from "../db";
import { ACRONYM, abbreviates, conceptKey } from "./concept-key";
import { CONCEPT_PAGES_PER_STEP } from "./concepts.store";

type ConceptRow = { id: string; key: string; label: string; acronym: string | null };

/**
 * Moves `from`'s mentions to `into` (a sentence already mentioning `into` keeps its one row), drops `from`,
 * and recounts `into`'s pairs and pages from its mentions, per extraction step as the steps count them (the pairs of
 * `from` go; those of other concepts are unchanged, since no sentence gained or lost them).
 */
function mergeStatements(db: Db, notebookId: string, from: string, into: string) {
  return [
    db.$client
      .prepare(
        `INSERT OR IGNORE INTO concept_mention
           (concept_id, document_id, notebook_id, chunk_id, page, sentence, start_offset, surface)
         SELECT ?2, document_id, notebook_id, chunk_id, page, sentence, start_offset, surface
         FROM concept_mention WHERE concept_id = ?1`,
      )
      .bind(from, into),
    db.$client.prepare("DELETE FROM concept WHERE id = ?1").bind(from),
    db.$client
      .prepare(
        `DELETE FROM concept_pair WHERE notebook_id = ?1
         AND (source_id IN (?2, ?3) OR target_id IN (?2, ?3))`,
      )
      .bind(notebookId, from, into),
    db.$client
      .prepare(
        `INSERT INTO concept_pair (notebook_id, document_id, first_page, source_id, target_id, together)
         SELECT ?1, x.document_id, ((x.page - 1) / ?3) * ?3 + 1 AS first_page,
           min(x.concept_id, y.concept_id), max(x.concept_id, y.concept_id), count(*)
         FROM concept_mention x
         JOIN concept_mention y ON y.document_id = x.document_id AND y.sentence = x.sentence AND y.concept_id <> x.concept_id
         WHERE x.concept_id = ?2
         GROUP BY x.document_id, first_page, y.concept_id`,
      )
      .bind(notebookId, into, CONCEPT_PAGES_PER_STEP),
    db.$client.prepare("DELETE FROM concept_page WHERE concept_id IN (?1, ?2)").bind(from, into),
    db.$client
      .prepare(
        `INSERT INTO concept_page (notebook_id, document_id, concept_id, page, chunk_id, mentions)
         SELECT ?1, document_id, concept_id, page, min(chunk_id), count(*) FROM concept_mention
         WHERE concept_id = ?2 GROUP BY document_id, page`,
      )
      .bind(notebookId, into),
  ];
}

/** The merges to make: [from, into, acronym] for every acronym concept that names a long-form one. */
export function acronymMerges(concepts: readonly ConceptRow[], surfaces: ReadonlyMap<string, string>) {
  const byKey = new Map(concepts.map((c) => [c.key, c]));
  const merges: Array<{ from: string; into: string; acronym: string }> = [];
  const merged = new Set<string>();
  for (const long of concepts) {
    if (!long.acronym) continue;
    const short = byKey.get(conceptKey(long.acronym) ?? "");
    if (short && short.id !== long.id && !merged.has(short.id)) {
      merges.push({ from: short.id, into: long.id, acronym: long.acronym });
      merged.add(short.id);
    }
  }
  const multiWord = concepts.filter((c) => c.key.includes(" ") && !merged.has(c.id));
  for (const short of concepts) {
    const written = surfaces.get(short.id) ?? short.label;
    if (merged.has(short.id) || short.key.includes(" ") || !ACRONYM.test(written)) continue;
    const candidates = multiWord.filter(
      (c) => c.key.split(" ").length >= 2 && abbreviates(written, surfaces.get(c.id) ?? c.label),
    );
    const only = candidates.length === 1 ? candidates[0] : undefined;
    if (only && !only.acronym) {
      merges.push({ from: short.id, into: only.id, acronym: written.replace(/s$/, "") });
      merged.add(short.id);
    }
  }
  return merges;
}

/** Applies acronym merges and refreshes labels and counts; returns how many concepts were merged away. */
export async function mergeAndLabel(db: Db, notebookId: string): Promise<number> {
  const { results: concepts } = await db.$client
    .prepare("SELECT id, key, label, acronym FROM concept WHERE notebook_id = ?1")
    .bind(notebookId)
    .all<ConceptRow>();
  const { results: forms } = await db.$client
    .prepare(
      // The most frequent way of writing it, the acronym itself last (its label adds it in brackets).
      `SELECT concept_id, surface FROM (
         SELECT m.concept_id, m.surface, row_number() OVER (
           PARTITION BY m.concept_id ORDER BY m.surface = coalesce(c.acronym, ''), count(*) DESC, m.surface) AS rank
         FROM concept_mention m JOIN concept c ON c.id = m.concept_id
         WHERE m.notebook_id = ?1 GROUP BY m.concept_id, m.surface)
       WHERE rank = 1`,
    )
    .bind(notebookId)
    .all<{ concept_id: string; surface: string }>();
  const surfaces = new Map(forms.map((f) => [f.concept_id, f.surface]));
  const merges = acronymMerges(concepts, surfaces);
  const statements = merges.flatMap((m) => [
    ...mergeStatements(db, notebookId, m.from, m.into),
    db.$client.prepare("UPDATE concept SET acronym = coalesce(acronym, ?2) WHERE id = ?1").bind(m.into, m.acronym),
  ]);
  const mergedAway = new Set(merges.map((m) => m.from));
  const acronymOf = new Map(concepts.map((c) => [c.id, c.acronym]));
  for (const m of merges) acronymOf.set(m.into, acronymOf.get(m.into) ?? m.acronym);
  const labels = concepts
    .filter((c) => !mergedAway.has(c.id))
    .map((c) => {
      const surface = surfaces.get(c.id) ?? c.label;
      const acronym = acronymOf.get(c.id);
      const label = acronym && surface !== acronym ? `${surface} (${acronym})` : surface;
      return [c.id, label.slice(0, 200)];
    });
  for (let i = 0; i < labels.length; i += 500) {
    statements.push(
      db.$client
        .prepare("UPDATE concept SET label = j.value ->> 1 FROM json_each(?1) AS j WHERE concept.id = j.value ->> 0")
        .bind(JSON.stringify(labels.slice(i, i + 500))),
    );
  }
  statements.push(
    db.$client
      .prepare(
        `UPDATE concept SET
           mention_count = (SELECT count(*) FROM concept_mention m WHERE m.concept_id = concept.id),
           document_count = (SELECT count(DISTINCT document_id) FROM concept_mention m WHERE m.concept_id = concept.id)
         WHERE notebook_id = ?1`,
      )
      .bind(notebookId),
    db.$client.prepare("DELETE FROM concept WHERE notebook_id = ?1 AND mention_count = 0").bind(notebookId),
  );
  await db.$client.batch(statements);
  return merges.length;
}
