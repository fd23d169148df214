/**
 * The simulation's notebook content in the product's schema (workers/api/src/content/content-schema.ts), and the
 * statements that write it, shaped as ingestion writes a document (ingest/index-steps.ts chunkInserts): chunk rows
 * seven to a statement (all their columns), then the stemmed keyword rows forty to a statement, found by chunk id
 * (the chunk_terms insert trigger fills the notebook token and the FTS5 index), plus the document's pages
 * (document_page, which the ask's passages read). The same SqlCall list runs on a D1 shard (D1 batch), through a
 * notebook's own object (ContentDatabase.batch → NotebookContent.execute: one transaction) and, for seeding the D1
 * files, through node:sqlite.
 */
import type { SqlCall } from "../../workers/api/src/content/notebook-content";

export type ContentChunk = {
  id: string;
  documentId: string;
  index: number;
  pageStart: number;
  pageEnd: number;
  startOffset: number;
  endOffset: number;
  text: string;
  context: string | null;
  tokenCount: number;
  /** indexText(context + text), as ingestion writes it. */
  terms: string;
};
export type ContentPage = { documentId: string; page: number; text: string };
export type SimNotebook = { id: string; chunks: ContentChunk[]; pages: ContentPage[] };

const CHUNK_ROWS_PER_INSERT = 7;
const KEYWORD_ROWS_PER_INSERT = 40;
const PAGE_ROWS_PER_INSERT = 30;
const MODEL = "local/sim";

const slices = <T>(list: T[], size: number) =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/** One notebook's new documents (chunks + pages) as statements, in the order one batch must run them. */
export function contentCalls(notebookId: string, chunks: ContentChunk[], pages: ContentPage[]): SqlCall[] {
  const calls: SqlCall[] = [];
  for (const part of slices(pages, PAGE_ROWS_PER_INSERT)) {
    calls.push({
      sql: `INSERT INTO document_page (document_id, page_number, text) VALUES ${part.map(() => "(?, ?, ?)").join(", ")}`,
      params: part.flatMap((p) => [p.documentId, p.page, p.text]),
    });
  }
  for (const part of slices(chunks, CHUNK_ROWS_PER_INSERT)) {
    calls.push({
      sql: `INSERT INTO chunk (id, document_id, notebook_id, chunk_index, page_start, page_end, start_offset, end_offset,
          text, token_count, embedding_model, context) VALUES ${part.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}`,
      params: part.flatMap((c) => [
        c.id,
        c.documentId,
        notebookId,
        c.index,
        c.pageStart,
        c.pageEnd,
        c.startOffset,
        c.endOffset,
        c.text,
        c.tokenCount,
        MODEL,
        c.context,
      ]),
    });
  }
  for (const part of slices(chunks, KEYWORD_ROWS_PER_INSERT)) {
    calls.push({
      sql: `INSERT INTO chunk_keyword (seq, terms, notebook)
        SELECT seq, json_extract(?, '$."' || id || '"'), '' FROM chunk WHERE id IN (SELECT value FROM json_each(?))`,
      params: [
        JSON.stringify(Object.fromEntries(part.map((c) => [c.id, c.terms]))),
        JSON.stringify(part.map((c) => c.id)),
      ],
    });
  }
  return calls;
}

/** The document a simulation chunk id belongs to (ids are `${documentId}:${index}`). */
export const documentOf = (chunkId: string) => chunkId.slice(0, chunkId.lastIndexOf(":"));
