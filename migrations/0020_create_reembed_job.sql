-- Re-embedding a notebook to another embedding model (issue 17, point 7; workers/api/src/reembed/).
--
-- notebook.vector_generation: which set of vectors the notebook's searches read. Generation 0 keeps today's
-- vector ids (`<documentId>:<chunkIndex>`, Vectorize metadata notebookId = the notebook id), so every vector
-- written before this migration stays valid with no backfill. Generation g > 0 ids end in `@g` and carry the
-- metadata notebookId `<notebookId>@g`: a re-embed writes generation g + 1 beside g, and the switch moves
-- embedding_model and vector_generation together in one guarded UPDATE.
ALTER TABLE notebook ADD COLUMN vector_generation INTEGER NOT NULL DEFAULT 0;

-- reembed_job: one row per re-embed an operator asked for (POST /v1/admin/notebooks/{id}/re-embed); the
-- ReembedNotebook Workflow (instance id = job id) moves it from running to switched or failed. No foreign key
-- on the notebook: the record of a move outlives the notebook, like admin_audit.
CREATE TABLE reembed_job (
  id TEXT PRIMARY KEY NOT NULL,
  notebook_id TEXT NOT NULL,
  from_model TEXT NOT NULL,
  to_model TEXT NOT NULL,
  from_generation INTEGER NOT NULL,
  to_generation INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'switched', 'failed')),
  -- The operator's reason (kept in the audit too) and, when it failed, why in words.
  reason TEXT NOT NULL,
  failure TEXT,
  chunk_count INTEGER NOT NULL DEFAULT 0,
  embedded INTEGER NOT NULL DEFAULT 0,
  -- The recall check's figures as JSON (reembed/recall.ts): questions, k, hit@k old/new, overlap@k.
  recall TEXT,
  actor TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  finished_at INTEGER
);
CREATE INDEX reembed_job_notebook_created_idx ON reembed_job (notebook_id, created_at);
-- At most one running re-embed per notebook: a second start loses on this index.
CREATE UNIQUE INDEX reembed_job_one_running_idx ON reembed_job (notebook_id) WHERE status = 'running';
