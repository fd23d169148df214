import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { matchedRoutes } from "hono/route";
import { getConfig } from "../platform/config";
import type { AppEnv } from "../platform/context";
import { createRouter } from "../platform/create-router";
import { problemResponses } from "../platform/openapi";
import { unauthorized } from "../platform/problem";
import { renderD1Gauges } from "./metrics.d1";
import { httpDuration, httpRequests, isolateStarted, renderGauge } from "./registry";

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

const metrics = createRoute({
  method: "get",
  path: "/metrics",
  tags: ["Health"],
  summary: "Prometheus metrics (per-isolate counters, D1-backed gauges)",
  description: "When METRICS_TOKEN is set, send it as `Authorization: Bearer <token>`.",
  responses: {
    200: { description: "Prometheus text format 0.0.4", content: { "text/plain": { schema: z.string() } } },
    ...problemResponses(401),
  },
});

export const metricsRouter = createRouter().openapi(metrics, async (c) => {
  const token = getConfig(c.env).metricsToken;
  if (token && c.req.header("authorization") !== `Bearer ${token}`) throw unauthorized("Send the metrics token.");
  const lines = [
    ...httpRequests.render(),
    ...httpDuration.render(),
    ...renderGauge("studyai_isolate_uptime_seconds", "Seconds since this isolate started.", [
      { value: (Date.now() - isolateStarted) / 1000 },
    ]),
    ...(await renderD1Gauges(c.env.DB)),
  ];
  return c.text(`${lines.join("\n")}\n`, 200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
});
