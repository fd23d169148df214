/**
 * API key persistence. The secret (`sk_` + 40 base32 characters, 200 random bits) is returned once at
 * creation; the database keeps its SHA-256 and a display prefix. A high-entropy secret needs no slow
 * hash or salt, and looking it up by hash needs no constant-time compare. Plain SHA-256 (not an HMAC
 * with the auth secret) so that rotating BETTER_AUTH_SECRET does not break every partner integration.
 */
import { and, desc, eq, gt, isNull, lt, or } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from "../../../../schemas/api-keys";
import type { Db } from "../db";
import { schema } from "../db";
import { newId } from "../platform/ids";
import type { Cursor } from "../platform/pagination";
import { notFound } from "../platform/problem";

const { apiKey, user } = schema;

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lower case
const SECRET_LENGTH = 40;
const KEY_PATTERN = /^sk_[0-9a-hjkmnp-tv-z]{40}$/;
/** `last_used_at` is written at most this often per key, so a busy key costs one write a minute. */
const LAST_USED_RESOLUTION_MS = 60_000;

export function isWellFormedKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

export async function hashKey(key: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function newSecret(): string {
  // 256 is a multiple of 32, so `b % 32` is uniform: 5 random bits per character.
  const bytes = crypto.getRandomValues(new Uint8Array(SECRET_LENGTH));
  let secret = "sk_";
  for (const b of bytes) secret += ALPHABET[b % 32];
  return secret;
}

export function toApiKeyDto(row: typeof apiKey.$inferSelect): ApiKeyDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

export async function createApiKey(db: Db, userId: string, input: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
  const now = new Date();
  const secret = newSecret();
  const [row] = await db
    .insert(apiKey)
    .values({
      id: newId("key", now.getTime()),
      userId,
      name: input.name,
      prefix: secret.slice(0, 11),
      keyHash: await hashKey(secret),
      scopes: input.scopes,
      expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
      createdAt: now,
    })
    .returning();
  if (!row) throw new Error("api key insert returned no row");
  return { ...toApiKeyDto(row), key: secret };
}

const active = (now: Date) => and(isNull(apiKey.revokedAt), or(isNull(apiKey.expiresAt), gt(apiKey.expiresAt, now)));

/** The caller's keys that still work (revoked and expired ones are gone from the API), newest first. */
export async function listApiKeys(db: Db, userId: string, limit: number, after?: Cursor) {
  const afterCursor = after
    ? or(
        lt(apiKey.createdAt, new Date(after.createdAt)),
        and(eq(apiKey.createdAt, new Date(after.createdAt)), lt(apiKey.id, after.id)),
      )
    : undefined;
  return db
    .select()
    .from(apiKey)
    .where(and(eq(apiKey.userId, userId), active(new Date()), afterCursor))
    .orderBy(desc(apiKey.createdAt), desc(apiKey.id))
    .limit(limit + 1);
}

/** Revokes the caller's key; another tenant's key, or one already revoked, is a 404 like a missing one. */
export async function revokeApiKey(db: Db, userId: string, keyId: string) {
  const revoked = await db
    .update(apiKey)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKey.id, keyId), eq(apiKey.userId, userId), isNull(apiKey.revokedAt)))
    .returning({ id: apiKey.id });
  if (!revoked.length) throw notFound(`API key ${keyId}`);
}

export type VerifiedKey = { id: string; userId: string; email: string; scopes: ApiKeyDto["scopes"] };

/** The live key (not revoked, not expired at `now`) whose secret hashes to `keyHash`, with its owner's email. */
const liveKey = (db: Db, keyHash: string, now: Date) =>
  db
    .select({
      id: apiKey.id,
      userId: apiKey.userId,
      scopes: apiKey.scopes,
      lastUsedAt: apiKey.lastUsedAt,
      email: user.email,
    })
    .from(apiKey)
    .innerJoin(user, eq(user.id, apiKey.userId))
    .where(and(eq(apiKey.keyHash, keyHash), active(now)))
    .limit(1);

/**
 * The owner of that live key, as a subquery: a statement reading what `owner` owns reads nothing for a
 * malformed, unknown, revoked or expired key, whatever else it is batched with.
 */
const liveKeyOwner = (db: Db, keyHash: string, now: Date) =>
  db
    .select({ userId: apiKey.userId })
    .from(apiKey)
    .where(and(eq(apiKey.keyHash, keyHash), active(now)));

export type KeyOwner = ReturnType<typeof liveKeyOwner>;

/** A live key's row as the caller: `last_used_at` (at most once a minute) is handed to `defer`. */
function verified(
  db: Db,
  row: Awaited<ReturnType<typeof liveKey>>[number] | undefined,
  now: Date,
  defer: (write: () => Promise<unknown>) => void,
): VerifiedKey | undefined {
  if (!row) return undefined;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    defer(() => db.update(apiKey).set({ lastUsedAt: now }).where(eq(apiKey.id, row.id)).run());
  }
  return { id: row.id, userId: row.userId, email: row.email, scopes: row.scopes };
}

/**
 * The key's owner and scopes when the secret is a live key (not revoked, not expired), else undefined: one
 * D1 query, never cached, so a revoked key is refused on the very next request. Recording `last_used_at`
 * (at most once a minute) is handed to `defer` (the request's waitUntil), off the request's path.
 */
export async function verifyApiKey(
  db: Db,
  secret: string,
  now = new Date(),
  defer: (write: () => Promise<unknown>) => void = (write) => void write(),
): Promise<VerifiedKey | undefined> {
  if (!isWellFormedKey(secret)) return undefined;
  const [row] = await liveKey(db, await hashKey(secret), now);
  return verified(db, row, now, defer);
}

/**
 * verifyApiKey with a second statement in the same D1 round trip (a batch): `alongside(owner)` reads what
 * the key's owner owns, its ownership condition being `owner` (the live key's user, in SQL), so a dead key
 * reads nothing. Undefined for a key that is not live; else the caller and what the statement read.
 */
export async function verifyApiKeyWith<T extends BatchItem<"sqlite">>(
  db: Db,
  secret: string,
  alongside: (owner: KeyOwner) => T,
  now = new Date(),
  defer: (write: () => Promise<unknown>) => void = (write) => void write(),
): Promise<{ key: VerifiedKey; read: T["_"]["result"] } | undefined> {
  if (!isWellFormedKey(secret)) return undefined;
  const keyHash = await hashKey(secret);
  const [[row], read] = await db.batch([liveKey(db, keyHash, now), alongside(liveKeyOwner(db, keyHash, now))]);
  const key = verified(db, row, now, defer);
  return key && { key, read };
}
