/**
 * Messages in and out, each exactly once. Inbound rows are unique on the provider's message id, so a
 * redelivered webhook finds its row and stops. Outbound parts are unique on (reply key, part): the reply to
 * an inbound message is keyed by that message, a reminder by its contact and day, a document notice by the
 * document, so re-running the work that produced a reply inserts nothing new and a part already `sent` is
 * never sent again.
 */
import { newId } from "../platform/ids";
import type { InboundMessage, OutboundMessage } from "./types";

/** A message `processing` this long was dropped by a crashed consumer: it may be claimed again. */
export const STALE_MS = 5 * 60 * 1000;

export type PartRow = {
  id: string;
  instanceId: string;
  contactId: string;
  part: number;
  body: string;
  status: "queued" | "sending" | "sent" | "failed";
  attempts: number;
};

/** The inbound row's id, inserted on first sight; `fresh` is false for a redelivery. */
export async function recordInbound(db: D1Database, instanceId: string, message: InboundMessage) {
  const now = Date.now();
  const inserted = await db
    .prepare(
      `INSERT OR IGNORE INTO channel_message (id, instance_id, direction, external_id, body, status, created_at, updated_at)
       VALUES (?, ?, 'in', ?, ?, 'received', ?, ?)`,
    )
    .bind(newId("chm", now), instanceId, message.externalId, JSON.stringify(message), now, now)
    .run();
  const row = await db
    .prepare("SELECT id, status FROM channel_message WHERE direction = 'in' AND instance_id = ? AND external_id = ?")
    .bind(instanceId, message.externalId)
    .first<{ id: string; status: string }>();
  if (!row) throw new Error("inbound message insert returned no row");
  return { id: row.id, status: row.status, fresh: inserted.meta.changes > 0 };
}

/** received → processing (or a stale processing taken over); false when another delivery has it or it is done. */
export async function claimInbound(db: D1Database, id: string, contactId: string | null, now = Date.now()) {
  const row = await db
    .prepare(
      `UPDATE channel_message SET status = 'processing', contact_id = ?, attempts = attempts + 1, updated_at = ?
        WHERE id = ? AND (status = 'received' OR (status = 'processing' AND updated_at < ?)) RETURNING id`,
    )
    .bind(contactId, now, id, now - STALE_MS)
    .first();
  return row !== null;
}

export async function finishInbound(
  db: D1Database,
  id: string,
  status: "done" | "failed",
  error: string | null = null,
) {
  await db
    .prepare("UPDATE channel_message SET status = ?, error = ?, updated_at = ? WHERE id = ? AND direction = 'in'")
    .bind(status, error, Date.now(), id)
    .run();
}

/** Stores a reply's parts as `queued` (nothing when they are already there). */
export async function queueReply(
  db: D1Database,
  input: { instanceId: string; contactId: string; replyKey: string; parts: OutboundMessage[] },
) {
  if (!input.parts.length) return;
  const now = Date.now();
  await db.batch(
    input.parts.map((part, i) =>
      db
        .prepare(
          `INSERT OR IGNORE INTO channel_message (id, instance_id, contact_id, direction, reply_key, part, body, status, created_at, updated_at)
           VALUES (?, ?, ?, 'out', ?, ?, ?, 'queued', ?, ?)`,
        )
        .bind(newId("chm", now), input.instanceId, input.contactId, input.replyKey, i, JSON.stringify(part), now, now),
    ),
  );
}

export async function replyParts(db: D1Database, replyKey: string): Promise<PartRow[]> {
  const { results } = await db
    .prepare(
      `SELECT id, instance_id AS instanceId, contact_id AS contactId, part, body, status, attempts
         FROM channel_message WHERE direction = 'out' AND reply_key = ? ORDER BY part`,
    )
    .bind(replyKey)
    .all<PartRow>();
  return results;
}

/** queued → sending (or a stale sending taken over by the sweep's redelivery); false when someone else has it. */
export async function claimPart(db: D1Database, id: string, now = Date.now()) {
  const row = await db
    .prepare(
      `UPDATE channel_message SET status = 'sending', attempts = attempts + 1, updated_at = ?
        WHERE id = ? AND (status = 'queued' OR (status = 'sending' AND updated_at < ?)) RETURNING attempts`,
    )
    .bind(now, id, now - STALE_MS)
    .first<{ attempts: number }>();
  return row?.attempts ?? null;
}

export async function markPart(
  db: D1Database,
  id: string,
  status: "sent" | "queued" | "failed",
  detail: { externalId?: string | null; error?: string | null } = {},
) {
  await db
    .prepare(
      "UPDATE channel_message SET status = ?, external_id = coalesce(?, external_id), error = ?, updated_at = ? WHERE id = ?",
    )
    .bind(status, detail.externalId ?? null, detail.error ?? null, Date.now(), id)
    .run();
}

/** Every part of the reply not yet sent ends `failed` with the reason (the reply is dead-lettered). */
export async function failReply(db: D1Database, replyKey: string, reason: string) {
  await db
    .prepare(
      "UPDATE channel_message SET status = 'failed', error = ?, updated_at = ? WHERE direction = 'out' AND reply_key = ? AND status IN ('queued', 'sending')",
    )
    .bind(reason, Date.now(), replyKey)
    .run();
}

/** Work a crashed consumer left behind: inbound rows not done and replies with a part stuck in `sending`. */
export async function stuckWork(db: D1Database, now = Date.now()) {
  const [inbound, replies] = await db.batch<{ body?: string; replyKey?: string }>([
    db
      .prepare(
        "SELECT body FROM channel_message WHERE direction = 'in' AND status IN ('received', 'processing') AND updated_at < ? LIMIT 100",
      )
      .bind(now - STALE_MS),
    db
      .prepare(
        "SELECT DISTINCT reply_key AS replyKey FROM channel_message WHERE direction = 'out' AND status IN ('sending', 'queued') AND updated_at < ? LIMIT 100",
      )
      .bind(now - STALE_MS),
  ]);
  return {
    inbound: (inbound?.results ?? []).flatMap((r) => (r.body ? [r.body] : [])),
    replies: (replies?.results ?? []).flatMap((r) => (r.replyKey ? [r.replyKey] : [])),
  };
}
