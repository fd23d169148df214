-- What each notebook's own database holds (issue 21, docs/scale.md §5 "metrics"; workers/api/src/operations/
-- content-stats.ts): rows per kind and the object's size, as the object's `stats()` last answered it. Written by
-- the jobs that visit objects anyway (the daily content backup visits every one, the hourly sweep the ones touched
-- in the last two hours and a rotation over the rest), so /metrics sums this table instead of calling every object at scrape time. A figure is
-- as old as `measured_at`; a notebook that is deleted takes its row with it.
CREATE TABLE notebook_content_stats (
  notebook_id TEXT PRIMARY KEY NOT NULL REFERENCES notebook(id) ON DELETE CASCADE,
  pages INTEGER NOT NULL,
  chunks INTEGER NOT NULL,
  vectors INTEGER NOT NULL,
  concepts INTEGER NOT NULL,
  -- Every content table's rows together (content/content-schema.ts CONTENT_TABLES).
  rows INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  measured_at INTEGER NOT NULL,
  -- When the hourly sweep last checked the object for orphans (NULL: never): the sweep's rotation takes the
  -- longest unchecked first, so a notebook nobody touches is still checked now and then.
  swept_at INTEGER
);
CREATE INDEX notebook_content_stats_swept_idx ON notebook_content_stats (swept_at);
