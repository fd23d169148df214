/**
 * The content tables of the scale prototype (issue 21): the columns search reads, as migrations 0002/0005/0010 make
 * them. `shared` is today's layout (every notebook in one database: the notebook is a token inside the FTS5 index,
 * migration 0010); `own` is one notebook per database (a Durable Object's SQLite): no notebook column is needed
 * anywhere, the index holds only the stemmed terms.
 */
export const SHARED_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS shard_name (name TEXT PRIMARY KEY NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS chunk (
     seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, document_id TEXT NOT NULL, notebook_id TEXT NOT NULL,
     chunk_index INTEGER NOT NULL, page_start INTEGER NOT NULL, page_end INTEGER NOT NULL, text TEXT NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS chunk_notebook_idx ON chunk (notebook_id)`,
  `CREATE TABLE IF NOT EXISTS chunk_keyword (seq INTEGER PRIMARY KEY, notebook TEXT, terms TEXT NOT NULL)`,
  `CREATE VIRTUAL TABLE IF NOT EXISTS chunk_terms USING fts5(notebook, terms, content = 'chunk_keyword',
     content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2')`,
  `CREATE TRIGGER IF NOT EXISTS chunk_terms_after_insert AFTER INSERT ON chunk_keyword BEGIN
     INSERT INTO chunk_terms (rowid, notebook, terms) VALUES (new.seq, new.notebook, new.terms);
   END`,
];

export const OWN_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS chunk (
     seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, document_id TEXT NOT NULL,
     chunk_index INTEGER NOT NULL, page_start INTEGER NOT NULL, page_end INTEGER NOT NULL, text TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS chunk_keyword (seq INTEGER PRIMARY KEY, terms TEXT NOT NULL)`,
  `CREATE VIRTUAL TABLE IF NOT EXISTS chunk_terms USING fts5(terms, content = 'chunk_keyword', content_rowid = 'seq',
     tokenize = 'unicode61 remove_diacritics 2')`,
  `CREATE TRIGGER IF NOT EXISTS chunk_terms_after_insert AFTER INSERT ON chunk_keyword BEGIN
     INSERT INTO chunk_terms (rowid, terms) VALUES (new.seq, new.terms);
   END`,
];

/** retrieval/search.ts keywordRanking's statement, unchanged: ?1 notebookMatch(...), ?2 notebook id, ?3 depth. */
export const SHARED_KEYWORD_SQL = `SELECT chunk.id AS id FROM chunk_terms JOIN chunk ON chunk.seq = chunk_terms.rowid
  WHERE chunk_terms MATCH ?1 AND chunk.notebook_id = ?2 ORDER BY bm25(chunk_terms, 0.0, 1.0) LIMIT ?3`;

/** The same ranking in a notebook's own database (positional binds, as ctx.storage.sql takes them): toFtsMatch(query), depth. */
export const OWN_KEYWORD_SQL = `SELECT chunk.id AS id FROM chunk_terms JOIN chunk ON chunk.seq = chunk_terms.rowid
  WHERE chunk_terms MATCH ? ORDER BY bm25(chunk_terms) LIMIT ?`;

/** One chunk as the prototype stores it; `terms` is indexText(context + text), as ingestion writes it. */
export type ChunkRow = {
  id: string;
  doc: string;
  index: number;
  pageStart: number;
  pageEnd: number;
  text: string;
  terms: string;
};
