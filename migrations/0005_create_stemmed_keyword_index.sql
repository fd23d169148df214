-- Stemmed keyword index, threads and the answer cache.
--
-- chunk_keyword holds `indexText(chunk.text)` (retrieval/normalize.ts: NFKC, folded diacritics, en/pt/es
-- stems) per chunk: stemming happens in the Worker, identically at index and query time, and FTS5 only
-- splits on spaces. chunk_terms is an external-content FTS5 index over it, kept in sync by triggers like
-- chunk_fts in 0002; being a real table, chunk_keyword is in the daily backup and the restore rebuilds
-- chunk_terms from it. The ingestion Workflow writes chunk_keyword in the same D1 batch as the chunks
-- (ingest/index-steps.ts); ON DELETE CASCADE removes it with its chunk, and its trigger the FTS row.
-- chunk_fts (0002, raw text) is kept: ingestion tests check its integrity and it costs little; search
-- does not read it. Chunks written before this migration have no stemmed row until re-ingested (no
-- deployment had any yet).
CREATE TABLE chunk_keyword (
  seq INTEGER PRIMARY KEY REFERENCES chunk(seq) ON DELETE CASCADE,
  terms TEXT NOT NULL
);

CREATE VIRTUAL TABLE chunk_terms USING fts5(
  terms,
  content = 'chunk_keyword',
  content_rowid = 'seq',
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER chunk_terms_after_insert AFTER INSERT ON chunk_keyword BEGIN
  INSERT INTO chunk_terms (rowid, terms) VALUES (new.seq, new.terms);
END;
CREATE TRIGGER chunk_terms_after_delete AFTER DELETE ON chunk_keyword BEGIN
  INSERT INTO chunk_terms (chunk_terms, rowid, terms) VALUES ('delete', old.seq, old.terms);
END;
CREATE TRIGGER chunk_terms_after_update AFTER UPDATE OF terms ON chunk_keyword BEGIN
  INSERT INTO chunk_terms (chunk_terms, rowid, terms) VALUES ('delete', old.seq, old.terms);
  INSERT INTO chunk_terms (rowid, terms) VALUES (new.seq, new.terms);
END;

-- A conversation over one notebook. Messages alternate user / assistant; an assistant message keeps
-- its mode (generated | extractive | not-covered), citations (JSON array) and where it came from.
CREATE TABLE thread (
  id TEXT PRIMARY KEY NOT NULL,
  notebook_id TEXT NOT NULL REFERENCES notebook(id) ON DELETE CASCADE,
  owner_id TEXT NOT NULL REFERENCES user(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  created_at INTEGER NOT NULL DEFAULT (unixepoch('subsec') * 1000),
  updated_at INTEGER NOT NULL DEFAULT (unixepoch('subsec') * 1000)
);
CREATE INDEX thread_notebook_created_idx ON thread (notebook_id, created_at, id);

CREATE TABLE thread_message (
  id TEXT PRIMARY KEY NOT NULL,
  thread_id TEXT NOT NULL REFERENCES thread(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
  text TEXT NOT NULL,
  -- user: the standalone query the question was rewritten to (null when unchanged)
  standalone TEXT,
  -- assistant only
  mode TEXT,
  citations TEXT,
  cached INTEGER NOT NULL DEFAULT 0,
  provider TEXT,
  model TEXT,
  retrieval_ms INTEGER,
  model_ms INTEGER,
  created_at INTEGER NOT NULL DEFAULT (unixepoch('subsec') * 1000)
);
CREATE INDEX thread_message_thread_created_idx ON thread_message (thread_id, created_at, id);

-- Same normalised question (and document filter) over the same notebook content → the stored answer.
-- notebook.content_version changes with every document change, so older rows can never match again;
-- they are deleted when a newer version writes.
CREATE TABLE answer_cache (
  notebook_id TEXT NOT NULL REFERENCES notebook(id) ON DELETE CASCADE,
  content_version INTEGER NOT NULL,
  question_hash TEXT NOT NULL,
  mode TEXT NOT NULL,
  answer TEXT NOT NULL,
  citations TEXT NOT NULL,
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  created_at INTEGER NOT NULL DEFAULT (unixepoch('subsec') * 1000),
  PRIMARY KEY (notebook_id, content_version, question_hash)
) WITHOUT ROWID;
