/**
 * One Analytics Engine point per request (layout in analytics.ts): the matched route pattern, method,
 * status, latency, the caller's plan and, for a problem answer, its type. The plan is read (cached) and
 * the point written after the response is on its way (`waitUntil`), so metrics add no latency.
 */
import { createMiddleware } from "hono/factory";
import { matchedRoute } from "../metrics/record-request";
import type { AppEnv } from "../platform/context";
import { planLabel, requestDataPoint, writeAnalytics } from "./analytics";

export const requestAnalytics = createMiddleware<AppEnv>(async (c, next) => {
  const started = performance.now();
  await next();
  const latencyMs = performance.now() - started;
  const point = {
    route: matchedRoute(c),
    method: c.req.method,
    status: c.res.status,
    latencyMs,
    errorKind: c.res.status >= 400 ? (c.get("problemType") ?? "") : "",
  };
  const userId = c.get("principal")?.userId;
  const write = async () => {
    const plan = await planLabel(c.env.DB, userId);
    writeAnalytics(c.env, requestDataPoint({ ...point, plan }));
  };
  const written = write().catch(() => undefined); // best-effort, like the write itself
  try {
    c.executionCtx.waitUntil(written);
  } catch {
    // No execution context (app.request without one): the write still runs, nobody waits for it.
  }
});
