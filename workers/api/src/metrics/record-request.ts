/**
 * The per-request metrics middleware, apart from the /metrics router so the app imports it without building
 * that router's schemas at startup.
 */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { matchedRoutes } from "hono/route";
import type { AppEnv } from "../platform/context";
import { httpDuration, httpRequests } from "./registry";

/**
 * The registered pattern of the handler that answered ("/v1/notebooks/:notebookId"; middleware is
 * registered for ALL methods, so it is skipped): bounded cardinality, unlike raw paths.
 */
export const matchedRoute = (c: Context<AppEnv>) =>
  matchedRoutes(c).findLast((r) => r.method !== "ALL")?.path ?? "unmatched";

/** Counts every request by method, matched route pattern (not raw path: bounded cardinality) and status. */
export const recordRequest = createMiddleware<AppEnv>(async (c, next) => {
  const started = performance.now();
  await next();
  const route = matchedRoute(c);
  const labels = { method: c.req.method, route, status: String(c.res.status) };
  httpRequests.inc(labels);
  httpDuration.observe({ method: c.req.method, route }, (performance.now() - started) / 1000);
});
