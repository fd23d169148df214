-- The concept map at scale (issue 16, point 7): counts kept per extraction step, and the map stored. Before this, the graph step counted co-occurrences with a
-- self-join over every mention of the notebook (124 s at 2,000 pages) and the map request ranked every
-- mention of its 150 nodes for their citations (1.6 s).
--
-- concept_pair: how many sentences of one extraction step (a document's page range, first_page = the
-- step's first page) mention both concepts. Each step replaces its own rows in the batch that replaces its
-- mentions, so the counts are incremental and idempotent; deleting a document removes its rows by cascade;
-- an acronym merge recomputes the merged concept's rows from its mentions (concepts/merge.ts). No foreign
-- key to concept: a cascade from concept would need an index per side on a table this size, and a concept
-- only loses its mentions (and so its pairs) with its document or in a merge, which removes them itself.
CREATE TABLE concept_pair (
  notebook_id TEXT NOT NULL,
  document_id TEXT NOT NULL REFERENCES document(id) ON DELETE CASCADE,
  first_page INTEGER NOT NULL,
  -- source < target (ids compared as text), as in concept_edge.
  source_id TEXT NOT NULL,
  target_id TEXT NOT NULL,
  together INTEGER NOT NULL,
  PRIMARY KEY (document_id, first_page, source_id, target_id)
);
-- The graph step sums a notebook's pairs in this order (a covering index: no table reads, no sort).
CREATE INDEX concept_pair_notebook_idx ON concept_pair (notebook_id, source_id, target_id, together);

-- The default map (no documentIds, at most MAP_DEFAULT_NODES nodes) as JSON, written by the graph step for
-- content_version: the request reads one row.
ALTER TABLE concept_map ADD COLUMN snapshot TEXT;

-- concept_page: how many sentences of a page mention the concept, and the first chunk doing so; kept like
-- concept_pair (a step replaces its pages' rows, cascade from document, merges recount). A node's cited
-- pages are the first rows of concept_page_rank_idx (three rows read, not every mention ranked), and a map
-- limited to documents sums these rows instead of counting mentions.
CREATE TABLE concept_page (
  notebook_id TEXT NOT NULL,
  document_id TEXT NOT NULL REFERENCES document(id) ON DELETE CASCADE,
  concept_id TEXT NOT NULL,
  page INTEGER NOT NULL,
  chunk_id TEXT NOT NULL,
  mentions INTEGER NOT NULL,
  PRIMARY KEY (concept_id, document_id, page)
);
CREATE INDEX concept_page_rank_idx ON concept_page (concept_id, mentions DESC, document_id, page);
CREATE INDEX concept_page_document_idx ON concept_page (document_id, page, concept_id, mentions);

-- The model path (issue 16, points 1–2, with a chat model configured). A typed relation keeps the words of
-- the chunk that state it (checked to be in that chunk before it is stored) and which side is its subject;
-- relation_checked marks a pair a model was asked about (with or without a relation found), so it is not
-- asked again. A community summary keeps the pages it cites, as JSON [{documentId, page, chunkId}].
ALTER TABLE concept_edge ADD COLUMN relation_source_id TEXT;
ALTER TABLE concept_edge ADD COLUMN relation_chunk_id TEXT;
ALTER TABLE concept_edge ADD COLUMN relation_quote TEXT;
ALTER TABLE concept_edge ADD COLUMN relation_checked INTEGER NOT NULL DEFAULT 0;
ALTER TABLE concept_community ADD COLUMN summary_citations TEXT;
