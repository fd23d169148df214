-- Usage events (every model call), plans and hard quota counters.
CREATE TABLE usage_event (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT REFERENCES user(id) ON DELETE SET NULL,
  notebook_id TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('embedding', 'answer', 'generation', 'rerank', 'rewrite')),
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  input_tokens INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  -- Estimated cost in millionths of a US dollar (integers add up exactly).
  cost_micro_usd INTEGER NOT NULL DEFAULT 0,
  latency_ms INTEGER NOT NULL DEFAULT 0,
  cache_hit INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL DEFAULT (unixepoch('subsec') * 1000)
);
CREATE INDEX usage_event_user_created_idx ON usage_event (user_id, created_at);
CREATE INDEX usage_event_created_idx ON usage_event (created_at);

CREATE TABLE user_plan (
  user_id TEXT PRIMARY KEY NOT NULL REFERENCES user(id) ON DELETE CASCADE,
  plan TEXT NOT NULL DEFAULT 'free',
  updated_at INTEGER NOT NULL DEFAULT (unixepoch('subsec') * 1000)
);

-- One row per (user, metric, period): consumed atomically with a conditional UPDATE.
CREATE TABLE quota_counter (
  user_id TEXT NOT NULL REFERENCES user(id) ON DELETE CASCADE,
  metric TEXT NOT NULL,
  period_start INTEGER NOT NULL,
  used INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, metric, period_start)
);

-- Pages a document has been charged against the monthly page quota (0 = not yet): charging once per
-- document keeps a retried Workflow step from charging twice.
ALTER TABLE document ADD COLUMN pages_charged INTEGER NOT NULL DEFAULT 0;
