-- Where a notebook's content lives (issue 21, docs/scale.md §5; workers/api/src/content/).
--
-- 'object': its own SQLite-backed Durable Object (NotebookContent) holds its pages, chunks, keyword index,
-- local vectors and concept map; 'd1': this database holds them, as before; 'migrating': the MigrateContent
-- Workflow is copying them from here to the object (reads and writes stay here until the switch).
-- Every notebook created from now on starts in its object (the column's default); the ones that exist keep
-- their rows here ('d1') until an operator moves them.
ALTER TABLE notebook ADD COLUMN content_layout TEXT NOT NULL DEFAULT 'object'
  CHECK (content_layout IN ('d1', 'migrating', 'object'));
UPDATE notebook SET content_layout = 'd1';
