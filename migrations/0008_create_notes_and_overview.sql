-- The notebook as a workspace: notes, the cached first look (overview), and conversations that can be
-- renamed and are listed by their last activity.
--
-- A note keeps its citations as a snapshot (chunk id, document id and title, page span, page, quote), like
-- the study tools: deleting a source never erases a student's notes. `thread_id`/`message_id` name the answer
-- a note was saved from (no foreign keys: deleting the conversation keeps the note). `source_document_id` is
-- the document the note was turned into, cleared when that document is deleted.
CREATE TABLE note (
  id TEXT PRIMARY KEY NOT NULL,
  notebook_id TEXT NOT NULL REFERENCES notebook(id) ON DELETE CASCADE,
  owner_id TEXT NOT NULL REFERENCES user(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  citations TEXT NOT NULL DEFAULT '[]',
  thread_id TEXT,
  message_id TEXT,
  source_document_id TEXT REFERENCES document(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL DEFAULT (unixepoch('subsec') * 1000),
  updated_at INTEGER NOT NULL DEFAULT (unixepoch('subsec') * 1000)
);
CREATE INDEX note_notebook_updated_idx ON note (notebook_id, updated_at, id);

-- One cached overview per notebook, valid while the notebook's content version is unchanged.
CREATE TABLE notebook_overview (
  notebook_id TEXT PRIMARY KEY NOT NULL REFERENCES notebook(id) ON DELETE CASCADE,
  content_version INTEGER NOT NULL,
  -- generated | extractive
  mode TEXT NOT NULL,
  overview TEXT NOT NULL,
  provider TEXT,
  model TEXT,
  created_at INTEGER NOT NULL DEFAULT (unixepoch('subsec') * 1000)
);

-- question (the first question, as before) | model (named by the language model) | user (renamed)
ALTER TABLE thread ADD COLUMN title_source TEXT NOT NULL DEFAULT 'question';
-- Conversations are listed by their last activity: reopening a notebook shows the last one.
CREATE INDEX thread_notebook_updated_idx ON thread (notebook_id, updated_at, id);
