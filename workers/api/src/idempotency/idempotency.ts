/**
 * Idempotency-Key for API-key callers' POSTs: the first response (any status below 500) is kept for
 * 24 hours and replayed for the same key and the same request; the same key with another request is
 * a 422; a key whose first request is still running is a 409. Session callers (the web app) are not
 * affected. Responses that are not JSON (event streams) and 5xx are not kept, so a retry runs again.
 */
import { and, eq } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import { apiKeyCredential, authenticate } from "../auth/require-user";
import { type Db, getDb, schema } from "../db";
import type { AppEnv } from "../platform/context";
import { conflict, invalidInput } from "../platform/problem";

const { idempotencyKey } = schema;

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** A claim whose request has not finished after this long is taken to be abandoned (a crashed isolate). */
const ABANDONED_AFTER_MS = 60_000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const STORABLE_TYPES = /^application\/(problem\+)?json\b/i;

/** SHA-256 over method, path, query, content type and body; the body is read from a clone, streaming. */
export async function hashRequest(req: Request): Promise<string> {
  const url = new URL(req.url);
  const digest = new crypto.DigestStream("SHA-256");
  const writer = digest.getWriter();
  await writer.write(
    new TextEncoder().encode(`${req.method} ${url.pathname}${url.search}\n${req.headers.get("content-type") ?? ""}\n`),
  );
  const body = req.clone().body;
  if (body) {
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      await writer.write(value);
    }
  }
  await writer.close();
  return [...new Uint8Array(await digest.digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Inserts the in-flight row; false when this (API key, Idempotency-Key) is already taken. */
async function claim(db: Db, apiKeyId: string, key: string, requestHash: string, now: number): Promise<boolean> {
  const inserted = await db
    .insert(idempotencyKey)
    .values({ apiKeyId, key, requestHash, createdAt: new Date(now) })
    .onConflictDoNothing()
    .returning({ key: idempotencyKey.key });
  return inserted.length > 0;
}

function find(db: Db, apiKeyId: string, key: string) {
  return db.query.idempotencyKey.findFirst({
    where: and(eq(idempotencyKey.apiKeyId, apiKeyId), eq(idempotencyKey.key, key)),
  });
}

async function release(db: Db, apiKeyId: string, key: string) {
  await db.delete(idempotencyKey).where(and(eq(idempotencyKey.apiKeyId, apiKeyId), eq(idempotencyKey.key, key)));
}

async function remember(db: Db, apiKeyId: string, key: string, res: Response) {
  const contentType = res.headers.get("content-type");
  const hasBody = res.body !== null && res.status !== 204;
  if (res.status >= 500 || (hasBody && !STORABLE_TYPES.test(contentType ?? ""))) {
    await release(db, apiKeyId, key);
    return;
  }
  await db
    .update(idempotencyKey)
    .set({
      status: res.status,
      contentType,
      location: res.headers.get("location"),
      responseBody: hasBody ? await res.clone().text() : null,
    })
    .where(and(eq(idempotencyKey.apiKeyId, apiKeyId), eq(idempotencyKey.key, key)));
}

function replay(row: NonNullable<Awaited<ReturnType<typeof find>>>): Response {
  const headers = new Headers({ "idempotent-replayed": "true" });
  if (row.contentType) headers.set("content-type", row.contentType);
  if (row.location) headers.set("location", row.location);
  return new Response(row.status === 204 ? null : row.responseBody, { status: row.status ?? 200, headers });
}

export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header("idempotency-key");
  if (c.req.method !== "POST" || key === undefined || apiKeyCredential(c.req.raw.headers) === undefined) {
    return next();
  }
  if (!KEY_PATTERN.test(key)) {
    throw invalidInput([{ path: "Idempotency-Key", message: "must be 1 to 255 visible ASCII characters" }]);
  }
  const { apiKeyId } = await authenticate(c);
  if (!apiKeyId) return next();
  const db = getDb(c.env.DB);
  const requestHash = await hashRequest(c.req.raw);
  const now = Date.now();

  let claimed = await claim(db, apiKeyId, key, requestHash, now);
  if (!claimed) {
    const existing = await find(db, apiKeyId, key);
    const expired = existing && now - existing.createdAt.getTime() >= IDEMPOTENCY_TTL_MS;
    const abandoned = existing?.status === null && now - existing.createdAt.getTime() >= ABANDONED_AFTER_MS;
    if (!existing || expired || abandoned) {
      if (existing) await release(db, apiKeyId, key);
      claimed = await claim(db, apiKeyId, key, requestHash, now);
    }
    if (!claimed) {
      const current = existing && !expired && !abandoned ? existing : await find(db, apiKeyId, key);
      if (!current) throw conflict("This Idempotency-Key is being used by a concurrent request; retry shortly.");
      if (current.requestHash !== requestHash) {
        throw invalidInput(
          [{ path: "Idempotency-Key", message: "was already used with a different request" }],
          "An Idempotency-Key can only be reused for the identical request (same path and body).",
        );
      }
      if (current.status === null) {
        throw conflict("The first request with this Idempotency-Key is still running; retry shortly.");
      }
      c.get("log").info("idempotent replay", { apiKeyId, status: current.status });
      return replay(current);
    }
  }

  await next();
  await remember(db, apiKeyId, key, c.res);
});

/** Hourly cleanup: replays are kept 24 hours. Returns how many were removed. */
export async function deleteExpiredIdempotencyKeys(d1: D1Database, now = Date.now()): Promise<number> {
  const result = await d1
    .prepare("DELETE FROM idempotency_key WHERE created_at < ?")
    .bind(now - IDEMPOTENCY_TTL_MS)
    .run();
  return result.meta.changes ?? 0;
}
