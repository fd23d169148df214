/**
 * The bench corpus: notebooks of a chosen size (in chunks) built from real text, written straight into a local
 * D1 database file (the SQLite file miniflare keeps under --persist-to) while no Worker has it open.
 *
 * Text (bench/corpus-text.ts), in a fixed order so every run builds the same corpus on the same lockfile:
 *   1. the ten NTSB accident reports (public domain; bench/retrieval/ntsb-pages.json is their text, one entry
 *      per page, extracted from workers/api/test/fixtures/ntsb by our own extractor);
 *   2. every Markdown file over 2 KB under node_modules (READMEs, changelogs, guides of the pinned packages:
 *      prose people wrote), fenced code removed, sorted by path.
 * Nothing is fetched and nothing is committed: the database lives in a throwaway directory (bench/perf.mjs).
 * When a notebook needs more chunks than the text gives, the text is reused as further documents (the
 * printed `unique` figure says how much of the corpus is distinct text).
 *
 * Rows are what ingestion writes (ingest/index-steps.ts): document (ready), document_page, chunk (chunkPages,
 * the production chunker), the stemmed keyword row (indexText of context + text) and a local vector (the
 * hashing embedder, as `npm run dev` embeds). Usage: node .bench/corpus.mjs DB_FILE OWNER NOTEBOOK:CHUNKS[:novectors] …
 */
import { DatabaseSync } from "node:sqlite";
import { hashEmbed } from "../workers/api/src/embeddings/hashing-embedder";
import { chunkPages } from "../workers/api/src/ingest/chunking";
import { indexText } from "../workers/api/src/retrieval/normalize";
import { sourceDocuments } from "./corpus-text";

const MODEL = "local/hashing-512-v1";

type Plan = { notebookId: string; chunks: number; vectors: boolean };

function seed(dbFile: string, ownerId: string, plans: Plan[]) {
  const db = new DatabaseSync(dbFile);
  db.exec("PRAGMA foreign_keys = ON");
  const sources = sourceDocuments().map((d) => ({ ...d, chunks: chunkPages(d.pages) }));
  const uniqueChunks = sources.reduce((s, d) => s + d.chunks.length, 0);
  const insDoc = db.prepare(
    `INSERT INTO document (id, notebook_id, owner_id, title, source_type, media_type, size_bytes, sha256, r2_key,
       status, stage, page_count, chunk_count, embedding_model, ready_at)
     VALUES (?, ?, ?, ?, 'text', 'text/markdown', ?, ?, ?, 'ready', 'done', ?, ?, ?, unixepoch() * 1000)`,
  );
  const insPage = db.prepare("INSERT INTO document_page (document_id, page_number, text) VALUES (?, ?, ?)");
  const insChunk = db.prepare(
    `INSERT INTO chunk (id, document_id, notebook_id, chunk_index, page_start, page_end, start_offset, end_offset,
       text, token_count, embedding_model, context) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
  );
  // The keyword index's triggers (migrations) fill chunk_terms, as they do for ingestion's rows.
  const insKeyword = db.prepare("INSERT INTO chunk_keyword (seq, terms) VALUES (?, ?)");
  const insVector = db.prepare(
    "INSERT INTO chunk_vector (id, notebook_id, document_id, dimensions, vector) VALUES (?, ?, ?, 512, ?)",
  );
  let cursor = 0;
  const report = [];
  for (const plan of plans) {
    const started = Date.now();
    let written = 0;
    let docs = 0;
    db.exec("BEGIN");
    while (written < plan.chunks) {
      const src = sources[cursor % sources.length] as (typeof sources)[number];
      const pass = Math.floor(cursor / sources.length);
      cursor++;
      const take = src.chunks.slice(0, plan.chunks - written);
      if (!take.length) continue;
      const docId = `doc_bench_${plan.notebookId}_${docs++}`;
      const title = pass ? `${src.title} (copy ${pass + 1})` : src.title;
      insDoc.run(
        docId,
        plan.notebookId,
        ownerId,
        title,
        src.pages.reduce((s, p) => s + p.text.length, 0),
        `${docId}-sha`,
        `bench/${docId}`,
        src.pages.length,
        take.length,
        MODEL,
      );
      for (const p of src.pages) insPage.run(docId, p.page, p.text);
      for (const c of take) {
        const id = `${docId}:${c.index}`;
        const body = c.context ? `${c.context}\n\n${c.text}` : c.text;
        const { seq } = insChunk.get(
          id,
          docId,
          plan.notebookId,
          c.index,
          c.pageStart,
          c.pageEnd,
          c.startOffset,
          c.endOffset,
          c.text,
          c.tokenCount,
          MODEL,
          c.context,
        ) as { seq: number };
        insKeyword.run(seq, indexText(body));
        if (plan.vectors)
          insVector.run(id, plan.notebookId, docId, new Uint8Array(new Float32Array(hashEmbed(body)).buffer));
      }
      written += take.length;
    }
    // Written straight into the D1 file, so these notebooks are in the D1 layout (a notebook's own object can
    // only be filled through workerd): bench/perf-objects.mjs moves them into their objects with the product's
    // MigrateContent Workflow for the perf bench's object-layout rows.
    db.prepare(
      "UPDATE notebook SET embedding_model = ?, content_version = content_version + 1, content_layout = 'd1' WHERE id = ?",
    ).run(MODEL, plan.notebookId);
    db.exec("COMMIT");
    report.push({ notebookId: plan.notebookId, chunks: written, documents: docs, ms: Date.now() - started });
  }
  db.close();
  return { uniqueChunks, notebooks: report };
}

const [dbFile, ownerId, ...specs] = process.argv.slice(2);
if (!dbFile || !ownerId || !specs.length) {
  console.error("usage: corpus.mjs DB_FILE OWNER_ID NOTEBOOK:CHUNKS[:novectors] …");
  process.exit(2);
}
const plans = specs.map((s) => {
  const [notebookId, chunks, flag] = s.split(":");
  return { notebookId: notebookId as string, chunks: Number(chunks), vectors: flag !== "novectors" };
});
console.log(JSON.stringify(seed(dbFile, ownerId, plans)));
