/**
 * Floors for bench/perf.mjs, measured on the very database file the Worker serves (opened read-only in
 * Node's own SQLite while `wrangler dev` runs): the notebook's keyword query exactly as search sends it
 * (same MATCH text, same SQL) and the local vector read + exact cosine of the same rows. What the Worker
 * spends above these is D1's and ours.
 * Usage: node .bench/perf-floors.mjs DB_FILE NOTEBOOK RUNS  → one JSON line.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { hashEmbed } from "../workers/api/src/embeddings/hashing-embedder";
import { notebookMatch, toFtsMatch } from "../workers/api/src/retrieval/fts-query";

const ROOT = path.resolve(import.meta.dirname, "..");
const [dbFile, notebookId, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 30);
const questions = (
  JSON.parse(readFileSync(path.join(ROOT, "bench/retrieval/ntsb-questions.json"), "utf8")) as { question: string }[]
).map((q) => q.question);

const db = new DatabaseSync(dbFile as string, { readOnly: true });
const columns = (db.prepare("SELECT name FROM pragma_table_info('chunk_keyword')").all() as { name: string }[]).map(
  (c) => c.name,
);
const scopedInIndex = columns.includes("notebook");
// The statement search sends, per schema generation: since session 9 the ranking with its chunks' rows
// (retrieval/reads.ts keywordHits; depth 40 for a 10-result search), before migration 0010 the ids alone.
const keywordSql = scopedInIndex
  ? `SELECT c.id, c.document_id, c.chunk_index, c.page_start, c.page_end, c.start_offset, c.end_offset, c.text, c.context
      FROM (SELECT chunk.id AS id, bm25(chunk_terms, 0.0, 1.0) AS score FROM chunk_terms JOIN chunk ON chunk.seq = chunk_terms.rowid
        WHERE chunk_terms MATCH ?1 AND chunk.notebook_id = ?2 ORDER BY score LIMIT 40) AS ranked
      CROSS JOIN chunk c ON c.id = ranked.id ORDER BY ranked.score`
  : "SELECT chunk.id AS id FROM chunk_terms JOIN chunk ON chunk.seq = chunk_terms.rowid WHERE chunk_terms MATCH ?1 AND chunk.notebook_id = ?2 ORDER BY bm25(chunk_terms) LIMIT 40";
const scopedMatch = (match: string) => (scopedInIndex ? notebookMatch(notebookId as string, match) : match);

const keyword: number[] = [];
const vectors: number[] = [];
for (let i = 0; i < runs; i++) {
  const q = questions[i % questions.length] as string;
  const match = toFtsMatch(q);
  if (match) {
    const t0 = performance.now();
    db.prepare(keywordSql).all(scopedMatch(match), notebookId as string);
    keyword.push(performance.now() - t0);
  }
  const t1 = performance.now();
  const query = hashEmbed(q);
  const rows = db.prepare("SELECT id, vector FROM chunk_vector WHERE notebook_id = ?").all(notebookId as string) as {
    id: string;
    vector: Uint8Array;
  }[];
  const scored = rows.map((r) => {
    const v = new Float32Array(r.vector.buffer, r.vector.byteOffset, r.vector.byteLength / 4);
    let dot = 0;
    for (let d = 0; d < v.length; d++) dot += (query[d] ?? 0) * (v[d] as number);
    return { id: r.id, score: dot };
  });
  scored.sort((a, b) => b.score - a.score);
  vectors.push(performance.now() - t1);
}
db.close();
console.log(JSON.stringify({ keyword, vectors, scopedInIndex }));
