/**
 * D1 failures that are the database's state, not our SQL: the binding lost its connection, the database is
 * overloaded, reset or timed out. The one `onError` answers these with a 503 problem (retry later) rather
 * than a generic 500. drizzle wraps driver errors ("Failed query: …", the D1 error as `cause`), so the whole
 * cause chain is read. SQL mistakes (syntax, missing table, constraint) stay 500s: they are bugs.
 */
import { Problem } from "./problem";

const UNAVAILABLE =
  /network connection lost|overloaded|timed? ?out|timeout|reset|unavailable|transient|too many requests|internal error|cannot resolve d1|object to be reset|storage (operation|caller)/i;
const OUR_BUG = /SQLITE_CONSTRAINT|syntax error|no such (table|column)|SQLITE_MISMATCH|datatype mismatch/i;

function* causes(err: unknown): Generator<unknown> {
  const seen = new Set<unknown>();
  for (let e = err; e && !seen.has(e) && seen.size < 8; e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    yield e;
  }
}

/** True when `err` (or an error it wraps) is D1 saying it cannot serve the query right now. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (const e of causes(err)) {
    const message = String((e as { message?: unknown })?.message ?? "");
    if (/^D1_/.test(message) || /\bD1\b/.test(message)) {
      if (OUR_BUG.test(message)) return false;
      if (UNAVAILABLE.test(message)) return true;
    }
  }
  return false;
}

export const RETRY_AFTER_SECONDS = 5;

export function databaseUnavailable(): Problem {
  return new Problem({
    status: 503,
    type: "database-unavailable",
    title: "Database unavailable",
    detail: `The database did not answer this request. Nothing was changed by the failed part; retry in ${RETRY_AFTER_SECONDS} seconds.`,
    headers: { "retry-after": String(RETRY_AFTER_SECONDS) },
  });
}
