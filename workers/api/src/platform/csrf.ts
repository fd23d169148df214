import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { apiKeyCredential } from "../auth/api-key-credential";
import { getConfig } from "./config";
import type { AppEnv } from "./context";
import { Problem } from "./problem";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** APP_URL plus CORS_ORIGINS: the browser origins allowed to act with a user's cookie. */
export function allowedOrigins(env: Env): string[] {
  const config = getConfig(env);
  return [new URL(config.appUrl).origin, ...config.corsOrigins];
}

/**
 * Whether the request authenticates by API key alone. An API key is checked on its own (an invalid one
 * is a 401, never a fallback to the cookie), so a cookie beside it carries no authority; better-auth's
 * own routes (/v1/auth/*) never read API keys, so there the cookie is what counts.
 */
function authenticatesByApiKey(c: Context<AppEnv>): boolean {
  return apiKeyCredential(c.req.raw.headers) !== undefined && !c.req.path.startsWith("/v1/auth/");
}

/**
 * CSRF protection for cookie-authenticated state changes: a non-safe request that carries a cookie must
 * come from an allowed Origin, whatever other headers it has — an `Authorization` header of any kind does
 * not exempt it, because a session lookup falls back to the cookie. Only an API key (checked alone) does.
 * A request without cookies has no ambient authority to abuse. (Browsers send Origin on every non-GET
 * request; a server-side caller forwarding a user's cookie must set it too — the web app's own server
 * calls send the session as a bearer token and no cookie.)
 */
export const cookieOriginGuard = createMiddleware<AppEnv>(async (c, next) => {
  if (SAFE_METHODS.has(c.req.method) || !c.req.header("cookie") || authenticatesByApiKey(c)) return next();
  const origin = c.req.header("origin");
  if (origin && allowedOrigins(c.env).includes(origin)) return next();
  throw new Problem({
    status: 403,
    type: "cross-site-request",
    title: "Cross-site request refused",
    detail: origin
      ? `Origin ${origin} may not change data with a session cookie.`
      : "A cookie-authenticated change needs an Origin header from an allowed origin.",
  });
});
