-- Moving a notebook's content from this database to its own object (issue 21, point 4; docs/scale.md §5;
-- workers/api/src/content-move/).
--
-- content_move: one row per move an operator asked for (POST /v1/admin/notebooks/{id}/content-move, or
-- `npm run content:move`); the MigrateContent Workflow (instance id = job id) takes it from running to
-- switched (the notebook reads its object from then on) or failed (the notebook stays in D1, the object's
-- partial copy is cleared). No foreign key on the notebook: the record of a move outlives it, like admin_audit.
CREATE TABLE content_move (
  id TEXT PRIMARY KEY NOT NULL,
  notebook_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'switched', 'failed')),
  -- Where the run is: mark, copy, verify, switch, cleanup, done.
  phase TEXT NOT NULL DEFAULT 'mark',
  reason TEXT NOT NULL,
  -- JSON: per table { copied, cursor } (the last key copied; a retried or restarted step resumes after it).
  progress TEXT NOT NULL DEFAULT '{}',
  -- JSON: the verification (per table rows and sha256 on both sides, the keyword check, recopied tables).
  report TEXT,
  failure TEXT,
  -- Rows deleted from D1 after the switch.
  d1_rows_deleted INTEGER NOT NULL DEFAULT 0,
  actor TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  switched_at INTEGER,
  finished_at INTEGER
);
CREATE INDEX content_move_notebook_created_idx ON content_move (notebook_id, created_at);
-- At most one running move per notebook: a second start loses on this index.
CREATE UNIQUE INDEX content_move_one_running_idx ON content_move (notebook_id) WHERE status = 'running';
