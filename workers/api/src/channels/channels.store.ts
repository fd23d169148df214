/**
 * Instances (numbers) and contacts (the people writing to them), in raw SQL: a new contact or instance is
 * counted against its owner's plan in the same statement that inserts it, so two at once cannot both take
 * the last place.
 */
import { newId } from "../platform/ids";
import type { ChannelLanguage } from "./commands";
import type { ProviderName } from "./types";

export type InstanceRow = { id: string; provider: ProviderName; externalId: string; ownerId: string | null };

export type ContactRow = {
  id: string;
  instanceId: string;
  address: string;
  userId: string | null;
  notebookId: string | null;
  threadId: string | null;
  cardId: string | null;
  language: ChannelLanguage;
  status: "active" | "stopped";
  welcomedAt: number | null;
  linkFailures: number;
  linkFailedAt: number | null;
  lastInboundAt: number | null;
  lastReminderAt: number | null;
  createdAt: number;
};

const INSTANCE_COLUMNS = "id, provider, external_id AS externalId, owner_id AS ownerId";
const CONTACT_COLUMNS = `id, instance_id AS instanceId, address, user_id AS userId, notebook_id AS notebookId,
  thread_id AS threadId, card_id AS cardId, language, status, welcomed_at AS welcomedAt,
  link_failures AS linkFailures, link_failed_at AS linkFailedAt, last_inbound_at AS lastInboundAt,
  last_reminder_at AS lastReminderAt, created_at AS createdAt`;

export function findInstance(db: D1Database, provider: ProviderName, externalId: string) {
  return db
    .prepare(`SELECT ${INSTANCE_COLUMNS} FROM channel_instance WHERE provider = ? AND external_id = ?`)
    .bind(provider, externalId)
    .first<InstanceRow>();
}

/** The deployment's own number (no owner): created on its first message. */
export async function ensurePlatformInstance(db: D1Database, provider: ProviderName, externalId: string) {
  await db
    .prepare(
      "INSERT OR IGNORE INTO channel_instance (id, provider, external_id, owner_id, created_at) VALUES (?, ?, ?, NULL, ?)",
    )
    .bind(newId("chi"), provider, externalId, Date.now())
    .run();
  const row = await findInstance(db, provider, externalId);
  if (!row) throw new Error("channel instance insert returned no row");
  return row;
}

/**
 * A partner's number (a school's own WhatsApp number), within its plan's `channelInstances`: null when the
 * plan has no room (or the number is already connected).
 */
export async function createPartnerInstance(
  db: D1Database,
  input: { ownerId: string; provider: ProviderName; externalId: string; displayName: string | null; limit: number },
): Promise<InstanceRow | null> {
  const id = newId("chi");
  const inserted = await db
    .prepare(
      `INSERT OR IGNORE INTO channel_instance (id, provider, external_id, owner_id, display_name, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE (SELECT count(*) FROM channel_instance WHERE owner_id = ?4) < ?7`,
    )
    .bind(id, input.provider, input.externalId, input.ownerId, input.displayName, Date.now(), input.limit)
    .run();
  if (!inserted.meta.changes) return null;
  return findInstance(db, input.provider, input.externalId);
}

export function findContact(db: D1Database, instanceId: string, address: string) {
  return db
    .prepare(`SELECT ${CONTACT_COLUMNS} FROM channel_contact WHERE instance_id = ? AND address = ?`)
    .bind(instanceId, address)
    .first<ContactRow>();
}

export function getContact(db: D1Database, contactId: string) {
  return db.prepare(`SELECT ${CONTACT_COLUMNS} FROM channel_contact WHERE id = ?`).bind(contactId).first<ContactRow>();
}

/**
 * The contact for `address`, created on its first message. On a partner's number the new contact must fit
 * the owner's `channelContacts` across all their numbers: null when it does not.
 */
export async function contactFor(
  db: D1Database,
  instance: InstanceRow,
  address: string,
  input: { language: ChannelLanguage; contactLimit: number | null },
): Promise<ContactRow | null> {
  const existing = await findContact(db, instance.id, address);
  if (existing) return existing;
  const now = Date.now();
  const values = [newId("chc", now), instance.id, address, input.language, now, now];
  const insert =
    instance.ownerId && input.contactLimit !== null
      ? db
          .prepare(
            `INSERT OR IGNORE INTO channel_contact (id, instance_id, address, language, created_at, updated_at)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE (SELECT count(*) FROM channel_contact c JOIN channel_instance i
               ON i.id = c.instance_id WHERE i.owner_id = ?7) < ?8`,
          )
          .bind(...values, instance.ownerId, input.contactLimit)
      : db
          .prepare(
            "INSERT OR IGNORE INTO channel_contact (id, instance_id, address, language, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
          )
          .bind(...values);
  await insert.run();
  return findContact(db, instance.id, address);
}

type ContactPatch = Partial<
  Pick<
    ContactRow,
    | "userId"
    | "notebookId"
    | "threadId"
    | "cardId"
    | "language"
    | "status"
    | "welcomedAt"
    | "linkFailures"
    | "linkFailedAt"
    | "lastInboundAt"
    | "lastReminderAt"
  >
>;

const COLUMN: Record<keyof ContactPatch, string> = {
  userId: "user_id",
  notebookId: "notebook_id",
  threadId: "thread_id",
  cardId: "card_id",
  language: "language",
  status: "status",
  welcomedAt: "welcomed_at",
  linkFailures: "link_failures",
  linkFailedAt: "link_failed_at",
  lastInboundAt: "last_inbound_at",
  lastReminderAt: "last_reminder_at",
};

export async function updateContact(db: D1Database, contactId: string, patch: ContactPatch) {
  const entries = Object.entries(patch).filter(([, v]) => v !== undefined) as [keyof ContactPatch, unknown][];
  if (!entries.length) return;
  const sets = entries.map(([k]) => `${COLUMN[k]} = ?`).join(", ");
  await db
    .prepare(`UPDATE channel_contact SET ${sets}, updated_at = ? WHERE id = ?`)
    .bind(...entries.map(([, v]) => v), Date.now(), contactId)
    .run();
}

/** Takes the card shown to the contact, once: a second tap on an old rating button finds it gone. */
export async function takeShownCard(db: D1Database, contactId: string, cardId: string): Promise<boolean> {
  const row = await db
    .prepare("UPDATE channel_contact SET card_id = NULL, updated_at = ? WHERE id = ? AND card_id = ? RETURNING id")
    .bind(Date.now(), contactId, cardId)
    .first();
  return row !== null;
}

/** The numbers linked to a studyAI account (Account settings lists them). */
export async function linkedContacts(db: D1Database, userId: string) {
  const { results } = await db
    .prepare(
      `SELECT c.id, c.address, c.status, c.created_at AS createdAt, c.updated_at AS updatedAt, i.provider
         FROM channel_contact c JOIN channel_instance i ON i.id = c.instance_id
        WHERE c.user_id = ? ORDER BY c.created_at DESC, c.id DESC LIMIT 50`,
    )
    .bind(userId)
    .all<{
      id: string;
      address: string;
      status: "active" | "stopped";
      createdAt: number;
      updatedAt: number;
      provider: ProviderName;
    }>();
  return results;
}

/** Unlinks one of the user's numbers: false when it is not theirs (the caller answers 404). */
export async function unlinkContact(db: D1Database, userId: string, contactId: string): Promise<boolean> {
  const row = await db
    .prepare(
      `UPDATE channel_contact SET user_id = NULL, notebook_id = NULL, thread_id = NULL, card_id = NULL, updated_at = ?
        WHERE id = ? AND user_id = ? RETURNING id`,
    )
    .bind(Date.now(), contactId, userId)
    .first();
  return row !== null;
}

/** Reminders on or off for one of the user's numbers: false when it is not theirs. */
export async function setContactStatus(
  db: D1Database,
  userId: string,
  contactId: string,
  status: "active" | "stopped",
) {
  const row = await db
    .prepare("UPDATE channel_contact SET status = ?, updated_at = ? WHERE id = ? AND user_id = ? RETURNING id")
    .bind(status, Date.now(), contactId, userId)
    .first();
  return row !== null;
}
