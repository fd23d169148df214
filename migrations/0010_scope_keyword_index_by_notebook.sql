-- Keyword search scoped by notebook inside the index (issue 20).
--
-- Before: chunk_terms indexed only the stemmed text, so `MATCH` ran over every notebook in the database and
-- the notebook filter was applied to its matches afterwards: an unchanged notebook's search slowed as other
-- notebooks were added. Now every row carries its notebook as one indexed token and search matches
-- `notebook : "<token>" AND (terms …)`: FTS5 intersects the notebook's doclist with the terms' doclists
-- (rowid seeks; a notebook's chunks are written together, so its rowids are close), and bm25 gives the
-- notebook column weight 0. bench/perf.mjs measures the same notebook alone and in a full database.
--
-- The token is 'n' || lower(hex(notebook_id)): one unicode61 token (letters and digits only) whatever the
-- id's characters, computed the same way in the Worker (retrieval/fts-query.ts notebookToken).
--
-- chunk_keyword (0005) stays: it is the external content the index is rebuilt from after a restore and
-- the old values FTS5 needs to delete a row; stemming happens in the Worker, so the index could not be
-- rebuilt from chunk.text in SQL. It gains the notebook token, filled here by the insert trigger, so the
-- ingestion code that writes (seq, terms) is unchanged. Chunks never move between notebooks.
ALTER TABLE chunk_keyword ADD COLUMN notebook TEXT NOT NULL DEFAULT '';
UPDATE chunk_keyword
SET notebook = (SELECT 'n' || lower(hex(chunk.notebook_id)) FROM chunk WHERE chunk.seq = chunk_keyword.seq);

DROP TRIGGER IF EXISTS chunk_terms_after_insert;
DROP TRIGGER IF EXISTS chunk_terms_after_delete;
DROP TRIGGER IF EXISTS chunk_terms_after_update;
DROP TABLE IF EXISTS chunk_terms;

CREATE VIRTUAL TABLE chunk_terms USING fts5(
  notebook,
  terms,
  content = 'chunk_keyword',
  content_rowid = 'seq',
  tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO chunk_terms (chunk_terms) VALUES ('rebuild');

-- The chunk exists when its keyword row is written (foreign key), so its notebook is read from it.
CREATE TRIGGER chunk_terms_after_insert AFTER INSERT ON chunk_keyword BEGIN
  UPDATE chunk_keyword
  SET notebook = (SELECT 'n' || lower(hex(chunk.notebook_id)) FROM chunk WHERE chunk.seq = new.seq)
  WHERE seq = new.seq;
  INSERT INTO chunk_terms (rowid, notebook, terms)
  SELECT seq, notebook, terms FROM chunk_keyword WHERE seq = new.seq;
END;
CREATE TRIGGER chunk_terms_after_delete AFTER DELETE ON chunk_keyword BEGIN
  INSERT INTO chunk_terms (chunk_terms, rowid, notebook, terms) VALUES ('delete', old.seq, old.notebook, old.terms);
END;
CREATE TRIGGER chunk_terms_after_update AFTER UPDATE OF terms ON chunk_keyword BEGIN
  INSERT INTO chunk_terms (chunk_terms, rowid, notebook, terms) VALUES ('delete', old.seq, old.notebook, old.terms);
  INSERT INTO chunk_terms (rowid, notebook, terms) VALUES (new.seq, new.notebook, new.terms);
END;
