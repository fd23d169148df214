import { createRoute, z } from "@hono/zod-openapi";
import { getConfig } from "../platform/config";
import { createRouter } from "../platform/create-router";
import { problemResponses } from "../platform/openapi";
import { unauthorized } from "../platform/problem";
import { renderD1Gauges } from "./metrics.d1";
import { httpDuration, httpRequests, isolateStarted, renderGauge } from "./registry";

export { matchedRoute, recordRequest } from "./record-request";

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
