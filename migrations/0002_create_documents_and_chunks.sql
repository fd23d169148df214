-- Documents, their extracted pages, chunks, the keyword index (FTS5) and the exact vector store used
-- when Vectorize is absent. Everything hangs off document(id) with ON DELETE CASCADE, so deleting a
-- document (or its notebook) can never leave a page, chunk, keyword row or local vector behind, and a
-- late write from a running ingestion fails its foreign key instead of creating an orphan.

CREATE TABLE document (
  id TEXT PRIMARY KEY NOT NULL,
  notebook_id TEXT NOT NULL REFERENCES notebook(id) ON DELETE CASCADE,
  owner_id TEXT NOT NULL REFERENCES user(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  -- pdf | docx | html | text (what the magic bytes said, never the file name)
  source_type TEXT NOT NULL,
  media_type TEXT NOT NULL,
  file_name TEXT,
  source_url TEXT,
  size_bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  r2_key TEXT NOT NULL,
  -- queued | processing | ready | failed | rejected
  status TEXT NOT NULL DEFAULT 'queued',
  -- queued | extracting | chunking | embedding | indexing | finalizing | done
  stage TEXT NOT NULL DEFAULT 'queued',
  progress_done INTEGER NOT NULL DEFAULT 0,
  progress_total INTEGER NOT NULL DEFAULT 0,
  page_count INTEGER NOT NULL DEFAULT 0,
  chunk_count INTEGER NOT NULL DEFAULT 0,
  embedding_model TEXT,
  error_code TEXT,
  error_message TEXT,
  attempts INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL DEFAULT (unixepoch('subsec') * 1000),
  updated_at INTEGER NOT NULL DEFAULT (unixepoch('subsec') * 1000),
  ready_at INTEGER
);
-- Same bytes twice in one notebook is the same document.
CREATE UNIQUE INDEX document_notebook_sha256_idx ON document (notebook_id, sha256);
CREATE INDEX document_notebook_created_idx ON document (notebook_id, created_at, id);

CREATE TABLE document_page (
  document_id TEXT NOT NULL REFERENCES document(id) ON DELETE CASCADE,
  page_number INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (document_id, page_number)
) WITHOUT ROWID;

-- `seq` is the stable integer rowid the FTS index points at (a TEXT primary key's implicit rowid may
-- change on VACUUM); `id` is the public chunk id and the vector id: `${document_id}:${chunk_index}`.
CREATE TABLE chunk (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  document_id TEXT NOT NULL REFERENCES document(id) ON DELETE CASCADE,
  notebook_id TEXT NOT NULL,
  chunk_index INTEGER NOT NULL,
  page_start INTEGER NOT NULL,
  page_end INTEGER NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  text TEXT NOT NULL,
  token_count INTEGER NOT NULL,
  embedding_model TEXT NOT NULL
);
CREATE UNIQUE INDEX chunk_document_index_idx ON chunk (document_id, chunk_index);
CREATE INDEX chunk_notebook_idx ON chunk (notebook_id);

-- Keyword index: external-content FTS5 over chunk.text keyed by chunk.seq. Diacritics are folded
-- (remove_diacritics 2), so "estatística" matches "estatistica". Kept in sync by triggers, so a chunk
-- and its keyword row are written (and removed, also by cascades) in the same transaction. Retrieval
-- can add stemmed indexes over the same content table later and fill them with 'rebuild'.
CREATE VIRTUAL TABLE chunk_fts USING fts5(
  text,
  content = 'chunk',
  content_rowid = 'seq',
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER chunk_fts_after_insert AFTER INSERT ON chunk BEGIN
  INSERT INTO chunk_fts (rowid, text) VALUES (new.seq, new.text);
END;
CREATE TRIGGER chunk_fts_after_delete AFTER DELETE ON chunk BEGIN
  INSERT INTO chunk_fts (chunk_fts, rowid, text) VALUES ('delete', old.seq, old.text);
END;
CREATE TRIGGER chunk_fts_after_update AFTER UPDATE OF text ON chunk BEGIN
  INSERT INTO chunk_fts (chunk_fts, rowid, text) VALUES ('delete', old.seq, old.text);
  INSERT INTO chunk_fts (rowid, text) VALUES (new.seq, new.text);
END;

-- The exact vector store (local development and tests, where Vectorize does not exist): one
-- little-endian Float32 BLOB per chunk, filtered by notebook and scored in the Worker.
CREATE TABLE chunk_vector (
  id TEXT PRIMARY KEY NOT NULL,
  notebook_id TEXT NOT NULL,
  document_id TEXT NOT NULL REFERENCES document(id) ON DELETE CASCADE,
  dimensions INTEGER NOT NULL,
  vector BLOB NOT NULL
);
CREATE INDEX chunk_vector_notebook_idx ON chunk_vector (notebook_id, document_id);
