/** Content planted straight into a notebook's object (until ingestion writes there) and its fingerprint. */
import { notebookObject } from "../src/content/content-db";
import { CONTENT_TABLES } from "../src/content/content-schema";
import { encodeRow, quoteIdent, sha256Hex } from "../src/operations/backup-format";

/** Pages, chunks with keyword rows, vectors (BLOBs) and a concept with a mention, for one document. */
export async function plantContent(env: Env, notebookId: string, documentId: string, chunks = 3, firstSeq = 1) {
  const object = notebookObject(env, notebookId);
  const vector = (i: number) => new Uint8Array(new Float32Array([i, 0.5, -0.25, 1e-3]).buffer);
  const conceptId = `concept_${documentId}`;
  await object.batch([
    object
      .prepare("INSERT INTO document_page (document_id, page_number, text) VALUES (?, 1, ?)")
      .bind(documentId, "Osmosis — água atravessa a membrana. O'Brien's \"quote\"\nnext line 🧪"),
    ...Array.from({ length: chunks }, (_, i) => [
      object
        .prepare(
          `INSERT INTO chunk (seq, id, document_id, notebook_id, chunk_index, page_start, page_end, start_offset,
             end_offset, text, token_count, embedding_model) VALUES (?, ?, ?, ?, ?, 1, 1, 0, 10, ?, 4, 'local')`,
        )
        .bind(firstSeq + i, `${documentId}:${i}`, documentId, notebookId, i, `chunk ${i} about osmosis`),
      object.prepare("INSERT INTO chunk_keyword (seq, terms) VALUES (?, ?)").bind(firstSeq + i, `osmosis chunk${i}`),
      object
        .prepare("INSERT INTO chunk_vector (id, notebook_id, document_id, dimensions, vector) VALUES (?, ?, ?, 4, ?)")
        .bind(`${documentId}:${i}`, notebookId, documentId, vector(i)),
    ]).flat(),
    object
      .prepare(
        "INSERT INTO concept (id, notebook_id, key, label, mention_count, document_count) VALUES (?, ?, ?, ?, 1, 1)",
      )
      .bind(conceptId, notebookId, `osmosis-${documentId}`, "Osmosis"),
    object
      .prepare(
        `INSERT INTO concept_mention (concept_id, document_id, notebook_id, chunk_id, page, sentence, start_offset,
           surface) VALUES (?, ?, ?, ?, 1, 0, 0, 'Osmosis')`,
      )
      .bind(conceptId, documentId, notebookId, `${documentId}:0`),
  ]);
}

/** Row count and a checksum of every row of every content table of the object (rows in column order). */
export async function objectFingerprint(env: Env, notebookId: string) {
  const object = notebookObject(env, notebookId);
  const out: Record<string, { rows: number; sha256: string }> = {};
  for (const table of CONTENT_TABLES) {
    const outcome = await object.one({ sql: `SELECT * FROM ${quoteIdent(table)} ORDER BY 1, 2, 3`, params: [] });
    const lines = outcome.rows.map((row) =>
      encodeRow(Object.fromEntries(outcome.columns.map((c, i) => [c, row[i]])), outcome.columns),
    );
    out[table] = { rows: lines.length, sha256: await sha256Hex(lines.join("\n")) };
  }
  return out;
}

export async function clearObject(env: Env, notebookId: string) {
  const object = notebookObject(env, notebookId);
  await object.batch([...CONTENT_TABLES].reverse().map((t) => object.prepare(`DELETE FROM ${quoteIdent(t)}`)));
}
