-- Messaging channels (issue 18): WhatsApp first, any later channel (Telegram, SMS) the same way.
--
-- channel_instance: one number (a WhatsApp Business phone number id, or an Evolution API instance name).
-- The deployment's own number has no owner: its contacts are students who linked their own account, and
-- each student's plan counts their messages. A partner's number (a school's) has an owner, whose plan
-- limits its instances, contacts and messages per month.
CREATE TABLE channel_instance (
  id TEXT PRIMARY KEY NOT NULL,
  provider TEXT NOT NULL CHECK (provider IN ('whatsapp-cloud', 'evolution')),
  external_id TEXT NOT NULL,
  owner_id TEXT REFERENCES user(id) ON DELETE CASCADE,
  display_name TEXT,
  created_at INTEGER NOT NULL,
  UNIQUE (provider, external_id)
);
CREATE INDEX channel_instance_owner_idx ON channel_instance (owner_id);

-- channel_contact: one address (a WhatsApp wa_id) on one instance, and the studyAI account it is linked to.
-- `stopped` contacts get nothing, not even a reminder, until they write again. `card_id` is the flashcard
-- shown last (the answer to reveal, the rating to apply); `thread_id` carries follow-up questions.
CREATE TABLE channel_contact (
  id TEXT PRIMARY KEY NOT NULL,
  instance_id TEXT NOT NULL REFERENCES channel_instance(id) ON DELETE CASCADE,
  address TEXT NOT NULL,
  user_id TEXT REFERENCES user(id) ON DELETE SET NULL,
  notebook_id TEXT REFERENCES notebook(id) ON DELETE SET NULL,
  thread_id TEXT,
  card_id TEXT,
  language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'pt', 'es')),
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'stopped')),
  welcomed_at INTEGER,
  link_failures INTEGER NOT NULL DEFAULT 0,
  link_failed_at INTEGER,
  last_inbound_at INTEGER,
  last_reminder_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (instance_id, address)
);
CREATE INDEX channel_contact_user_idx ON channel_contact (user_id);

-- channel_link_code: a one-time code the student asks for in Account settings and sends as `link CODE`.
-- Only the SHA-256 of the code is kept; a code is used once (used_at) and expires.
CREATE TABLE channel_link_code (
  code_hash TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES user(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE INDEX channel_link_code_user_idx ON channel_link_code (user_id, created_at);

-- channel_message: every inbound message once (unique on the provider's message id: redeliveries are
-- ignored) and every outbound part once (unique on the inbound it answers and its part number, so a
-- redelivered or retried inbound never sends a second reply). Inbound: received → processing → done.
-- Outbound: queued → sending → sent, or failed with a reason (dead-lettered after its retries).
CREATE TABLE channel_message (
  id TEXT PRIMARY KEY NOT NULL,
  instance_id TEXT NOT NULL REFERENCES channel_instance(id) ON DELETE CASCADE,
  contact_id TEXT REFERENCES channel_contact(id) ON DELETE CASCADE,
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  external_id TEXT,
  reply_key TEXT,
  part INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('received', 'processing', 'done', 'queued', 'sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX channel_message_inbound_idx ON channel_message (instance_id, external_id) WHERE direction = 'in';
CREATE UNIQUE INDEX channel_message_reply_idx ON channel_message (reply_key, part) WHERE direction = 'out';
CREATE INDEX channel_message_status_idx ON channel_message (status, updated_at);

-- channel_document: a document sent in by message, so its contact hears when it is ready or why not.
CREATE TABLE channel_document (
  document_id TEXT PRIMARY KEY NOT NULL REFERENCES document(id) ON DELETE CASCADE,
  contact_id TEXT NOT NULL REFERENCES channel_contact(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  notified_at INTEGER
);
