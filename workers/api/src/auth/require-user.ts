import type { SQLWrapper } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Context, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { SCOPES, type Scope } from "../../../../schemas/api-keys";
import { type VerifiedKey, verifyApiKey, verifyApiKeyWith } from "../api-keys/api-keys.store";
import { type Db, getDb } from "../db";
import type { AppEnv, Principal } from "../platform/context";
import { securedBy } from "../platform/openapi";
import { forbidden, Problem, unauthorized } from "../platform/problem";
import { apiKeyCredential } from "./api-key-credential";
import { getAuth } from "./auth";
import { keep } from "./session-refresh";
import { readSessionWith } from "./session-with";

export { apiKeyCredential };

/**
 * The headers a session is looked up from. With an `Authorization` header the bearer token alone decides:
 * better-auth would otherwise fall back to the cookie when the token is invalid, and the request would act
 * with the cookie's authority while looking like a bearer call.
 */
function sessionHeaders(headers: Headers): Headers {
  if (!headers.has("authorization") || !headers.has("cookie")) return headers;
  const withoutCookie = new Headers(headers);
  withoutCookie.delete("cookie");
  return withoutCookie;
}

/** Runs `write` once the response is on its way (a timer turn later, under waitUntil); failures are logged. */
function deferred(c: Context<AppEnv>, write: () => Promise<unknown>): void {
  const later = new Promise((resolve) => setTimeout(resolve, 0))
    .then(write)
    .catch((error) => c.get("log").warn("last_used_at not recorded", { error: String(error) }));
  try {
    c.executionCtx.waitUntil(later);
  } catch {
    // No execution context (app.request without one): the write still runs, nobody waits for it.
  }
}

const invalidKey = () => unauthorized("The API key is not valid: malformed, unknown, revoked or expired.");

/** Stores the caller as the request's `principal`. */
function signIn(c: Context<AppEnv>, principal: Principal): Principal {
  c.set("principal", principal);
  c.get("log").debug("authenticated", { userId: principal.userId, via: principal.via, apiKeyId: principal.apiKeyId });
  return principal;
}

function keyPrincipal(key: VerifiedKey): Principal {
  return { userId: key.userId, email: key.email, via: "api-key", scopes: key.scopes, apiKeyId: key.id };
}

/** The caller of a session (cookie or bearer session token) as better-auth's getSession finds it; else 401. */
async function sessionPrincipal(c: Context<AppEnv>): Promise<Principal> {
  const headers = sessionHeaders(c.req.raw.headers);
  const { headers: answered, response: result } = await getAuth(c.env)
    .api.getSession({ headers, returnHeaders: true })
    .catch((err: unknown) => {
      // A session gone while getSession refreshed it (signed out in another tab): better-auth's own 401.
      if (err instanceof Error && err.name === "APIError" && (err as { statusCode?: number }).statusCode === 401)
        throw unauthorized();
      throw err;
    });
  const viaBearer = headers.has("authorization");
  // What getSession set goes on the response (session-refresh.ts): a refresh's renewed cookie, or for a cookie
  // call the deletion of the cookie of a session that is gone or expired (the browser then stops sending it; a
  // bearer caller has no cookie to lose). Nothing otherwise.
  if (result || !viaBearer) keep(c, answered, viaBearer);
  if (!result) throw unauthorized();
  return signIn(c, { userId: result.user.id, email: result.user.email, via: "session", scopes: SCOPES });
}

/**
 * Resolves the caller once per request (an API key when one is sent, else the session cookie or
 * bearer session token) and stores it as `principal`; 401 problem otherwise. An invalid API key
 * never falls back to a cookie.
 */
export async function authenticate(c: Context<AppEnv>): Promise<Principal> {
  const known = c.get("principal");
  if (known) return known;
  const key = apiKeyCredential(c.req.raw.headers);
  if (key !== undefined) {
    const verified = await verifyApiKey(getDb(c.env.DB), key, new Date(), (write) => deferred(c, write));
    if (!verified) throw invalidKey();
    return signIn(c, keyPrincipal(verified));
  }
  return sessionPrincipal(c);
}

/**
 * `authenticate` with `alongside(db, owner)` — a statement reading what the caller owns, `owner` being that user
 * in SQL — in the same D1 round trip (issue 20 item 5). Returns what the statement read; undefined, having read
 * nothing or not for this caller, when the request is already authenticated or its session is left to
 * `authenticate` (session-with.ts says when). An invalid key or a missing session is the same 401 as there.
 */
export async function authenticateWith<T extends BatchItem<"sqlite">>(
  c: Context<AppEnv>,
  alongside: (db: Db, owner: SQLWrapper) => T,
): Promise<T["_"]["result"] | undefined> {
  if (c.get("principal")) return undefined;
  const db = getDb(c.env.DB);
  const key = apiKeyCredential(c.req.raw.headers);
  if (key !== undefined) {
    const defer = (write: () => Promise<unknown>) => deferred(c, write);
    const verified = await verifyApiKeyWith(db, key, (owner) => alongside(db, owner), new Date(), defer);
    if (!verified) throw invalidKey();
    signIn(c, keyPrincipal(verified.key));
    return verified.read;
  }
  const headers = sessionHeaders(c.req.raw.headers);
  const found = await readSessionWith(getAuth(c.env), db, headers, (owner) => alongside(db, owner));
  if (!found) return undefined;
  if (!found.session && headers.has("authorization")) throw unauthorized();
  if (found.askGetSession || !found.session) {
    // No such session (a cookie call), or an expired one: getSession answers the 401 and deletes the cookie (and
    // an expired row). Due for its refresh: getSession writes the new expiry; the response carries the cookie.
    const principal = await sessionPrincipal(c);
    return principal.userId === found.session?.userId ? found.read : undefined;
  }
  signIn(c, { userId: found.session.userId, email: found.session.email, via: "session", scopes: SCOPES });
  return found.read;
}

/** Any signed-in caller: a session or an API key (with whatever scopes it holds). */
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  await authenticate(c);
  await next();
});

/** A caller holding `scope`: sessions hold them all; an API key without it gets a 403 naming it. */
export function requireScope(scope: Scope) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const principal = await authenticate(c);
    if (!principal.scopes.includes(scope)) {
      throw new Problem({
        status: 403,
        type: "missing-scope",
        title: "Missing scope",
        detail: `This API key lacks the "${scope}" scope this operation needs.`,
      });
    }
    await next();
  });
}

/** A signed-in person, not an API key: managing keys needs a session (a key cannot mint keys). */
export const requireSession = createMiddleware<AppEnv>(async (c, next) => {
  const principal = await authenticate(c);
  if (principal.via !== "session") throw forbidden("Managing API keys needs a signed-in session, not an API key.");
  await next();
});

/**
 * For `createRoute({ ...scoped("write"), ... })`: declares the security requirement with its scope in
 * the OpenAPI document and enforces it, so the document and the behaviour cannot disagree. Route
 * middleware that needs the caller goes after the scope check:
 * `...scoped("ask", rateLimit("ASK_LIMITER", (c) => callerKey(principalOf(c))))`.
 */
export function scoped(scope: Scope, ...then: MiddlewareHandler<AppEnv>[]) {
  return { security: securedBy(scope), middleware: [requireScope(scope), ...then] };
}

/** The authenticated caller; only valid behind `requireUser` (or `requireScope`). */
export function principalOf(c: { get: (key: "principal") => Principal | undefined }): Principal {
  const principal = c.get("principal");
  if (!principal) throw unauthorized();
  return principal;
}

/** A rate-limit or idempotency key for the caller: the API key when there is one, else the user. */
export function callerKey(principal: Principal): string {
  return principal.apiKeyId ? `key:${principal.apiKeyId}` : `user:${principal.userId}`;
}
