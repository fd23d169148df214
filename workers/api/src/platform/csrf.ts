import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { getConfig } from "./config";
import type { AppEnv } from "./context";
import { Problem } from "./problem";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** APP_URL plus CORS_ORIGINS: the browser origins allowed to act with a user's cookie. */
export function allowedOrigins(env: Env): string[] {
  const config = getConfig(env);
  return [new URL(config.appUrl).origin, ...config.corsOrigins];
}

function carriesExplicitCredential(c: Context<AppEnv>): boolean {
  return c.req.header("authorization") !== undefined || c.req.header("x-api-key") !== undefined;
}

/**
 * CSRF protection for cookie-authenticated state changes: a non-safe request that carries a cookie
 * and no explicit credential must come from an allowed Origin. A browser attaches cookies on its own
 * but never an `Authorization` or `x-api-key` header, so bearer and API-key callers are exempt; a
 * request without cookies has no ambient authority to abuse. (Browsers send Origin on every non-GET
 * request; a server-side caller forwarding a user's cookie must set it too.)
 */
export const cookieOriginGuard = createMiddleware<AppEnv>(async (c, next) => {
  if (SAFE_METHODS.has(c.req.method) || carriesExplicitCredential(c) || !c.req.header("cookie")) return next();
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
