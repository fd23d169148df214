-- Page-exact chunks (issue 12).
--
-- chunk.context: the nearest heading and, for a chunk that starts inside a table, the table's header rows.
-- It is not part of chunk.text (whose offsets reproduce the page text exactly, for citations); the
-- stemmed keyword row, the embedding and the answer's source all read context + text. Chunks written
-- before this migration have none until re-ingested.
ALTER TABLE chunk ADD COLUMN context TEXT;

-- chunk_fts (0002) indexed the raw chunk text, but search reads only chunk_terms (0005, stemmed), so it
-- was a second copy of every chunk's text that nothing queried, and the tests that checked it proved
-- nothing about real search. Dropped with its triggers.
DROP TRIGGER IF EXISTS chunk_fts_after_insert;
DROP TRIGGER IF EXISTS chunk_fts_after_delete;
DROP TRIGGER IF EXISTS chunk_fts_after_update;
DROP TABLE IF EXISTS chunk_fts;
