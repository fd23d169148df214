-- Operations (issue 17): the operator's audit trail and the alert evaluator's memory.
--
-- admin_audit: one row per admin action (today: a plan assigned), written in the same D1 batch as the change
-- itself, so there is no change without its row. No foreign key on the user: the trail outlives the account.
-- `actor` is a fingerprint of the admin token (its first 12 hex of SHA-256), never the token.
CREATE TABLE admin_audit (
  id TEXT PRIMARY KEY NOT NULL,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target_user_id TEXT,
  detail TEXT NOT NULL,
  request_id TEXT
);
CREATE INDEX admin_audit_at ON admin_audit (at);

-- alert_state: what the hourly evaluation last saw per rule (operations/alerts.ts). A rule notifies when it
-- starts firing and when it resolves, and repeats while firing at most every `repeat` interval: the
-- deduplication lives here, in D1, because isolates share no memory.
CREATE TABLE alert_state (
  rule TEXT PRIMARY KEY NOT NULL,
  firing INTEGER NOT NULL DEFAULT 0,
  since INTEGER NOT NULL,
  last_value REAL,
  last_notified_at INTEGER
);
