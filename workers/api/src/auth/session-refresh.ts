/**
 * A session's refresh reaching the client. better-auth's `getSession` refreshes a session once `updateAge` has
 * passed since its last refresh (auth.ts: a day): it writes the row's new `expires_at` and answers with the
 * session cookie again, with the full `Max-Age` (30 days), and for a bearer call the bearer plugin's
 * `set-auth-token` (the same token). require-user.ts keeps those headers (`keep`) and this middleware puts them
 * on whatever the request answers — the route's response, a stream, a problem — so the browser's cookie lives
 * as long as the row. Without it only the row moved and the cookie still expired 30 days after sign-in.
 * getSession's deletion of a cookie whose session is expired or gone reaches the client the same way (on the 401).
 * Any other request carries no Set-Cookie. No imports of better-auth here: app.ts loads this on every request.
 */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../platform/context";

/**
 * What the response carries from getSession's answer: its cookies, and for a bearer call (`viaBearer`) the
 * bearer plugin's token header. The plugin adds that header to a cookie call's answer too; it is left off
 * there, so an HttpOnly cookie's token never becomes a header the page's JavaScript can read.
 */
export function keep(c: Context<AppEnv>, headers: Headers | null | undefined, viaBearer: boolean): void {
  if (!headers) return;
  const carried: [string, string][] = headers.getSetCookie().map((cookie) => ["set-cookie", cookie]);
  if (carried.length === 0) return;
  const token = headers.get("set-auth-token");
  if (token && viaBearer) carried.push(["set-auth-token", token]);
  c.set("sessionRefresh", carried);
}

/** Adds the kept headers to the response, once every handler and error path below has answered. */
export const carrySessionRefresh = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  for (const [name, value] of c.get("sessionRefresh") ?? []) c.header(name, value, { append: name === "set-cookie" });
});
