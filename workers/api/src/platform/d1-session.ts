/**
 * D1 read replication through the Sessions API (issue 21, point 2: the primary keeps the relational core, and
 * its reads are what dominate once content lives in the notebooks' objects — docs/scale.md §3).
 *
 * Every HTTP request runs on one D1 session: a GET or HEAD may be served by the nearest read replica
 * (`first-unconstrained`), anything else starts at the primary (`first-primary`). The response carries the
 * session's bookmark in `X-D1-Bookmark`; a client that sends it back on its next request reads at least what
 * it wrote (sequential consistency across requests: a GET after an upload sees the upload even on a replica).
 * The web app keeps it in a cookie (web/src/lib/server/d1-bookmark.ts); a partner may echo the header.
 * A header that is not a D1 bookmark is ignored, never an error. Queue consumers, cron jobs and Workflows keep
 * the plain binding (the primary). Without read replication enabled on the database, a session is the primary
 * and nothing changes; locally the binding accepts sessions and has no replicas.
 */
export const BOOKMARK_HEADER = "X-D1-Bookmark";

/** D1's bookmark format (e.g. `00000000-00000017-00000000-000…0`), as the binding returns it. */
const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;

/** The session to start: the client's bookmark if it sent a valid one, else by method. */
export function sessionStart(request: Request): string {
  const given = request.headers.get(BOOKMARK_HEADER)?.trim();
  if (given && BOOKMARK.test(given)) return given;
  return request.method === "GET" || request.method === "HEAD" ? "first-unconstrained" : "first-primary";
}

type Fetch = (request: Request, env: Env, ctx: ExecutionContext) => Response | Promise<Response>;

/** A request's env (the Worker's env with `DB` as the request's session) → the Worker's env it was made from. */
const madeFrom = new WeakMap<object, Env>();

/**
 * The Worker's env behind a request's env: what per-isolate caches keyed by env (the parsed config) key on,
 * so they are built once per isolate, not once per request. Everything but `DB` is the same object.
 */
export const workerEnvOf = (env: Env): Env => madeFrom.get(env) ?? env;

/** `fetch` run with `env.DB` as one D1 session, its bookmark on the response. */
export function withD1Session(fetch: Fetch): Fetch {
  return async (request, env, ctx) => {
    if (typeof env.DB?.withSession !== "function") return fetch(request, env, ctx);
    const session = env.DB.withSession(sessionStart(request));
    const requestEnv: Env = { ...env, DB: session as unknown as D1Database };
    madeFrom.set(requestEnv, env);
    const response = await fetch(request, requestEnv, ctx);
    const bookmark = session.getBookmark();
    if (!bookmark) return response;
    try {
      response.headers.set(BOOKMARK_HEADER, bookmark);
      return response;
    } catch {
      // An immutable response (one fetched from elsewhere, an asset): the same body, headers copied.
      const copy = new Response(response.body, response);
      copy.headers.set(BOOKMARK_HEADER, bookmark);
      return copy;
    }
  };
}
