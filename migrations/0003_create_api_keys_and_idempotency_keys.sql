-- Partner API keys and Idempotency-Key replays (issue #3). 0002 belongs to ingestion.

-- Only a SHA-256 of the secret is stored (the secret is shown once, at creation); `prefix` is the
-- display part (`sk_` + 8 characters). Revoked keys keep their row so the hash is never reused.
CREATE TABLE api_key (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES user(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  scopes TEXT NOT NULL, -- JSON array, a subset of ["read","write","ask"]
  expires_at INTEGER,
  last_used_at INTEGER,
  revoked_at INTEGER,
  created_at INTEGER NOT NULL DEFAULT (unixepoch('subsec') * 1000)
);
CREATE INDEX api_key_user_created_idx ON api_key (user_id, created_at, id);

-- The first response to a POST with an Idempotency-Key, per API key; the hourly cleanup removes
-- rows older than 24 hours. status IS NULL while the first request is still in flight.
CREATE TABLE idempotency_key (
  api_key_id TEXT NOT NULL REFERENCES api_key(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER,
  content_type TEXT,
  location TEXT,
  response_body TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (api_key_id, key)
);
CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);
