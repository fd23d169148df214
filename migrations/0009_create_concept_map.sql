-- The concept map (issue 16): concepts merged across a notebook's documents, every mention with the chunk
-- and page it is on, weighted relations between concepts, communities, and a log of every extraction step.
--
-- Mentions hang off document(id) ON DELETE CASCADE: deleting a document removes its mentions, and the
-- delete path then removes the concepts left without any (concepts/concepts.store.ts). Edges and community
-- assignments are derived from the mentions; concept_map records the notebook content version they were
-- built for, so a map built before a document was added or removed is rebuilt on the next read.

CREATE TABLE concept (
  id TEXT PRIMARY KEY NOT NULL,
  notebook_id TEXT NOT NULL REFERENCES notebook(id) ON DELETE CASCADE,
  -- Normalised, stemmed words of the phrase (concepts/concept-key.ts); one concept per key and notebook.
  key TEXT NOT NULL,
  -- The most frequent surface form (a defined acronym shows as "Long Name (ACR)").
  label TEXT NOT NULL,
  -- The acronym the long form is defined with ("Federal Aviation Administration (FAA)" -> FAA), if any.
  acronym TEXT,
  -- Sentences mentioning the concept, and documents mentioning it (set when the graph is built).
  mention_count INTEGER NOT NULL DEFAULT 0,
  document_count INTEGER NOT NULL DEFAULT 0,
  community_id TEXT,
  created_at INTEGER NOT NULL DEFAULT (unixepoch('subsec') * 1000)
);
CREATE UNIQUE INDEX concept_notebook_key_idx ON concept (notebook_id, key);
CREATE INDEX concept_notebook_weight_idx ON concept (notebook_id, mention_count DESC);
CREATE INDEX concept_notebook_acronym_idx ON concept (notebook_id, acronym);

CREATE TABLE concept_mention (
  concept_id TEXT NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
  document_id TEXT NOT NULL REFERENCES document(id) ON DELETE CASCADE,
  notebook_id TEXT NOT NULL,
  chunk_id TEXT NOT NULL,
  page INTEGER NOT NULL,
  -- page * 1000 + the sentence's index on the page: co-occurrence is counted per sentence.
  sentence INTEGER NOT NULL,
  -- Where the mention starts in the page text, and the words as written there.
  start_offset INTEGER NOT NULL,
  surface TEXT NOT NULL,
  PRIMARY KEY (concept_id, document_id, sentence)
);
CREATE INDEX concept_mention_notebook_idx ON concept_mention (notebook_id, concept_id);
CREATE INDEX concept_mention_sentence_idx ON concept_mention (document_id, sentence);

CREATE TABLE concept_edge (
  notebook_id TEXT NOT NULL REFERENCES notebook(id) ON DELETE CASCADE,
  -- source < target (ids compared as text): one row per pair.
  source_id TEXT NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
  target_id TEXT NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
  -- Sentences mentioning both, and the normalised PMI of the pair over the notebook's sentences.
  cooccurrences INTEGER NOT NULL,
  weight REAL NOT NULL,
  -- A typed relation ("causes", "is part of") when a model extracted one; NULL for co-occurrence only.
  relation TEXT,
  PRIMARY KEY (notebook_id, source_id, target_id)
);

CREATE TABLE concept_community (
  id TEXT PRIMARY KEY NOT NULL,
  notebook_id TEXT NOT NULL REFERENCES notebook(id) ON DELETE CASCADE,
  -- Its top concepts' labels; a model's short cited summary when one wrote it.
  label TEXT NOT NULL,
  summary TEXT,
  size INTEGER NOT NULL
);
CREATE INDEX concept_community_notebook_idx ON concept_community (notebook_id);

CREATE TABLE concept_map (
  notebook_id TEXT PRIMARY KEY NOT NULL REFERENCES notebook(id) ON DELETE CASCADE,
  -- notebook.content_version the edges and communities were built for.
  content_version INTEGER NOT NULL,
  concept_count INTEGER NOT NULL,
  edge_count INTEGER NOT NULL,
  community_count INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  built_at INTEGER NOT NULL
);

-- One row per extraction step run (a document's page range, or the notebook's graph): what ran, the
-- counts, how long it took and the error when it failed. Kept after the document is deleted (no foreign
-- key to document), removed with the notebook.
CREATE TABLE concept_extraction_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  notebook_id TEXT NOT NULL REFERENCES notebook(id) ON DELETE CASCADE,
  document_id TEXT,
  step TEXT NOT NULL,
  -- offline-en | offline-pt | offline-es | offline-other | graph | model
  method TEXT NOT NULL,
  counts TEXT NOT NULL,
  duration_ms INTEGER NOT NULL,
  error TEXT,
  created_at INTEGER NOT NULL DEFAULT (unixepoch('subsec') * 1000)
);
CREATE INDEX concept_extraction_log_document_idx ON concept_extraction_log (document_id, created_at);
