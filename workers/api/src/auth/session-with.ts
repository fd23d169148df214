/**
 * Issue 20 item 5 for sessions: the session a request's cookie or bearer token names, read in the same D1 round
 * trip (a batch) as a statement about what its user owns (the notebook under /v1/notebooks/{notebookId}).
 *
 * better-auth's `getSession` stays the authority; this stands in for it only where it would answer from the
 * same one read and write nothing, and hands everything else back to it (require-user.ts `authenticateWith`):
 *  - the credential is turned into a session token the way better-auth 1.7's own code does, for the one form
 *    it issues — a token of letters and digits, then `.` and the standard base64 HMAC-SHA256 of the token with
 *    the auth secret (better-call `getSignedCookie`: the value up to the last `.`, a 44-character signature
 *    ending in `=`, `verifySignature`). With an `Authorization` header the bearer plugin's rule: `Bearer ` in
 *    any case, the rest trimmed; with no `.` it is a raw token the plugin signs itself (accepted as it is),
 *    with a `.` a signed value, URL-decoded when it holds a `%`. The cookie is the session-token cookie as
 *    better-call's own `parseCookies` reads it (the first of that name, URL-decoded). Any other form, or a bad
 *    signature, reads nothing here: `getSession` then answers as before (it refuses without touching D1);
 *  - no session row with that token (signed out, revoked, never issued) is the same 401; for a cookie it is handed
 *    to `getSession`, whose 401 deletes the cookie naming it (that failing request pays getSession's read);
 *  - an expired session, or one due for its refresh (`updateAge` elapsed: `expiresAt - expiresIn + updateAge
 *    <= now`, getSession's own test), is handed to `getSession`, which deletes the expired one (401) or
 *    pushes the expiry forward (its renewed cookie reaches the response: session-refresh.ts), exactly as before;
 *    the batched read is still used when getSession confirms the same user. That costs the refresh request its
 *    old trips (once a day per session);
 *  - only with the configuration this was written against (auth.ts): no cookie cache, no secondary storage,
 *    no request hooks, no plugin but `bearer`. With any of those, getSession decides every request.
 * The cookie of `sessionHeaders` (require-user.ts) is already gone when `Authorization` is present, so the
 * bearer token alone decides here too. Checked side by side with getSession: session-trips.integration.test.ts.
 */
import type { BetterAuthOptions } from "better-auth";
import { parseCookies } from "better-call";
import { eq, type SQLWrapper } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { type Db, schema } from "../db";
import type { Auth } from "./auth";

type AuthContext = Awaited<Auth["$context"]>;

const { session, user } = schema;

/** A session token as better-auth issues them (`generateId(32)`): letters and digits. */
const RAW_TOKEN = /^[A-Za-z0-9]+$/;
/** That token, `.`, and its HMAC-SHA256 in standard base64 (32 bytes: 43 characters and one `=`). */
const SIGNED_TOKEN = /^([A-Za-z0-9]+)\.([A-Za-z0-9+/]{43}=)$/;

function tryDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The configuration the stand-in was written for; anything else goes to getSession. */
function standsIn(ctx: AuthContext): boolean {
  const options: BetterAuthOptions = ctx.options;
  return (
    !options.secondaryStorage &&
    !options.session?.cookieCache?.enabled &&
    !options.hooks?.before &&
    !options.hooks?.after &&
    (options.plugins ?? []).every((plugin) => plugin.id === "bearer")
  );
}

/** The token of `value` when it is `token.signature` with the secret's signature of the token. */
async function verifiedToken(value: string, secret: string): Promise<string | undefined> {
  const match = SIGNED_TOKEN.exec(value);
  if (!match) return undefined;
  const [, token = "", signature = ""] = match;
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  const bytes = Uint8Array.from(atob(signature), (ch) => ch.charCodeAt(0));
  return (await crypto.subtle.verify("HMAC", key, bytes, new TextEncoder().encode(token))) ? token : undefined;
}

/** The session token better-auth would look up for `headers` (cookie already dropped under `Authorization`). */
async function sessionToken(headers: Headers, ctx: AuthContext): Promise<string | undefined> {
  const authorization = headers.get("authorization");
  if (authorization !== null) {
    if (authorization.slice(0, 7).toLowerCase() !== "bearer ") return undefined;
    const value = authorization.slice(7).trim();
    if (!value.includes(".")) {
      const bearer = ctx.options.plugins?.find((plugin) => plugin.id === "bearer") as
        | { options?: { requireSignature?: boolean } }
        | undefined;
      return RAW_TOKEN.test(value) && !bearer?.options?.requireSignature ? value : undefined;
    }
    return verifiedToken(value.includes("%") ? tryDecode(value) : value, ctx.secret);
  }
  const cookie = headers.get("cookie");
  const value = cookie ? parseCookies(cookie).get(ctx.authCookies.sessionToken.name) : undefined;
  return value ? verifiedToken(value, ctx.secret) : undefined;
}

/** The session with that token and its user (getSession's `findSession`: a session without its user is none). */
const sessionRow = (db: Db, token: string) =>
  db
    .select({ userId: session.userId, expiresAt: session.expiresAt, email: user.email })
    .from(session)
    .innerJoin(user, eq(user.id, session.userId))
    .where(eq(session.token, token))
    .limit(1);

/** The user of the session with that token, as a subquery for the statement batched with it. */
const sessionOwner = (db: Db, token: string) =>
  db.select({ userId: session.userId }).from(session).where(eq(session.token, token));

export type SessionRead<T> = {
  /** The session's user, undefined when no session has the token (getSession: null). */
  session: { userId: string; email: string } | undefined;
  /** Expired, or due for its refresh: getSession must decide (and write). */
  askGetSession: boolean;
  read: T;
};

/**
 * The session behind `headers` and `alongside(owner)` — `owner` being the session's user in SQL — in one D1
 * batch. Undefined, having read nothing, when getSession has to decide alone (see the file's comment).
 */
export async function readSessionWith<T extends BatchItem<"sqlite">>(
  auth: Auth,
  db: Db,
  headers: Headers,
  alongside: (owner: SQLWrapper) => T,
): Promise<SessionRead<T["_"]["result"]> | undefined> {
  const ctx = await auth.$context;
  if (!standsIn(ctx)) return undefined;
  const token = await sessionToken(headers, ctx);
  if (!token) return undefined;
  const [[row], read] = await db.batch([sessionRow(db, token), alongside(sessionOwner(db, token))]);
  if (!row) return { session: undefined, askGetSession: false, read };
  const now = Date.now();
  const expiresAt = row.expiresAt.getTime();
  const { expiresIn, updateAge } = ctx.sessionConfig;
  const options: BetterAuthOptions = ctx.options;
  const due = expiresAt - expiresIn * 1000 + updateAge * 1000 <= now && !options.session?.disableSessionRefresh;
  return { session: { userId: row.userId, email: row.email }, askGetSession: expiresAt < now || due, read };
}
