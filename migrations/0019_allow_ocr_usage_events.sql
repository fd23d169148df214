-- Scanned pages (issue 19): a vision model reading a page is model usage like any other call, recorded as
-- usage_event kind 'ocr'. SQLite cannot change a CHECK constraint in place, so the table is rebuilt with the
-- same columns, rows and indexes, and the one more kind.
CREATE TABLE usage_event_with_ocr (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT REFERENCES user(id) ON DELETE SET NULL,
  notebook_id TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('embedding', 'answer', 'generation', 'rerank', 'rewrite', 'ocr')),
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
INSERT INTO usage_event_with_ocr SELECT id, user_id, notebook_id, kind, provider, model, input_tokens, output_tokens,
  cost_micro_usd, latency_ms, cache_hit, created_at FROM usage_event;
DROP TABLE usage_event;
ALTER TABLE usage_event_with_ocr RENAME TO usage_event;
CREATE INDEX usage_event_user_created_idx ON usage_event (user_id, created_at);
CREATE INDEX usage_event_created_idx ON usage_event (created_at);
