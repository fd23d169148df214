/**
 * One-time link codes: asked for in Account settings, sent from the phone as `link CODE`. A code is
 * 8 characters of Crockford base32 (40 bits), lives 10 minutes, is used once, and only its SHA-256 is
 * stored. Asking is limited per account (5 an hour); guessing is limited per number (5 wrong an hour).
 */
import { Problem } from "../platform/problem";

export const LINK_CODE_TTL_MS = 10 * 60 * 1000;
export const CODES_PER_HOUR = 5;
export const WRONG_CODES_PER_HOUR = 5;
const HOUR = 60 * 60 * 1000;
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export async function hashCode(code: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(code.trim().toUpperCase()));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function randomCode(): string {
  // 32 divides 256: every character is equally likely.
  return [...crypto.getRandomValues(new Uint8Array(8))].map((b) => ALPHABET[b % 32]).join("");
}

/** A new code for the user, or a 429 when they asked for too many in the last hour. */
export async function issueLinkCode(db: D1Database, userId: string, now = Date.now()) {
  const code = randomCode();
  const expiresAt = now + LINK_CODE_TTL_MS;
  const inserted = await db
    .prepare(
      `INSERT INTO channel_link_code (code_hash, user_id, created_at, expires_at)
       SELECT ?1, ?2, ?3, ?4 WHERE (SELECT count(*) FROM channel_link_code WHERE user_id = ?2 AND created_at > ?5) < ?6`,
    )
    .bind(await hashCode(code), userId, now, expiresAt, now - HOUR, CODES_PER_HOUR)
    .run();
  if (!inserted.meta.changes) {
    throw new Problem({
      status: 429,
      type: "rate-limited",
      title: "Too many link codes",
      detail: `You asked for ${CODES_PER_HOUR} link codes in the last hour. Use the last one, or wait an hour.`,
      headers: { "retry-after": "3600" },
    });
  }
  // Old codes go once they can no longer be used (the hourly count above only needs the last hour).
  await db
    .prepare("DELETE FROM channel_link_code WHERE user_id = ? AND created_at < ?")
    .bind(userId, now - HOUR)
    .run();
  return { code, expiresAt: new Date(expiresAt) };
}

/** The user the code belongs to, once: used, expired or unknown codes give null. */
export async function redeemLinkCode(db: D1Database, code: string, now = Date.now()): Promise<string | null> {
  const row = await db
    .prepare(
      "UPDATE channel_link_code SET used_at = ?1 WHERE code_hash = ?2 AND used_at IS NULL AND expires_at > ?1 RETURNING user_id AS userId",
    )
    .bind(now, await hashCode(code))
    .first<{ userId: string }>();
  return row?.userId ?? null;
}

/** True while a number has had too many wrong codes within the hour. */
export function tooManyWrongCodes(contact: { linkFailures: number; linkFailedAt: number | null }, now = Date.now()) {
  return contact.linkFailures >= WRONG_CODES_PER_HOUR && (contact.linkFailedAt ?? 0) > now - HOUR;
}
