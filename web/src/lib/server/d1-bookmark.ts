/**
 * The api Worker answers every request with its D1 session's bookmark (`X-D1-Bookmark`,
 * workers/api/src/platform/d1-session.ts). The web app keeps the latest in a short-lived, HTTP-only cookie and
 * sends it with the student's next API calls, so a page loaded right after a write (an upload, a new note)
 * reads at least that write, even from a read replica.
 */
import type { Cookies } from "@sveltejs/kit";

export const BOOKMARK_HEADER = "x-d1-bookmark";
export const BOOKMARK_COOKIE = "studyai_d1b";
/** Replicas catch up in seconds; past this the cookie has done its job. */
export const MAX_AGE_SECONDS = 300;
const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;

/** Whether `value` has D1's bookmark format (anything else is never stored or sent). */
export function isBookmark(value: string | null | undefined): value is string {
  return typeof value === "string" && BOOKMARK.test(value);
}

/** The bookmark to send upstream, from the cookie (only a well-formed one). */
export function bookmarkFrom(cookies: Pick<Cookies, "get">): string | undefined {
  const value = cookies.get(BOOKMARK_COOKIE);
  return isBookmark(value) ? value : undefined;
}

/** The cookie that keeps an upstream response's bookmark, or undefined when it carries none. */
export function bookmarkCookie(response: Response, secure: boolean): string | undefined {
  const value = response.headers.get(BOOKMARK_HEADER);
  if (!isBookmark(value)) return undefined;
  return `${BOOKMARK_COOKIE}=${value}; Path=/; Max-Age=${MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}
