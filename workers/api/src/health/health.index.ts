import { ingestionHealth, queueDegradation } from "../operations/queue-health";
import { getConfig } from "../platform/config";
import { createRouter } from "../platform/create-router";
import { VERSION } from "../version";
import { describeProviders, runReadinessChecks } from "./health.checks";
import * as routes from "./health.routes";

const up = () => ({ status: "ok" as const, version: VERSION, time: new Date().toISOString() });

export const healthRouter = createRouter()
  .openapi(routes.health, (c) => c.json(up(), 200))
  .openapi(routes.live, (c) => c.json(up(), 200))
  .openapi(routes.ready, async (c) => {
    const config = getConfig(c.env);
    const checks = await runReadinessChecks(c.env, config);
    const failing = checks.filter((check) => !check.ok).map((check) => check.name);
    const ingestion = await ingestionHealth(c.env.DB)
      .then(({ byStatus: _, ...rest }) => rest)
      .catch(() => null);
    const degraded = ingestion ? queueDegradation(ingestion, config.ops.queueHealth) : [];
    const body = {
      status: failing.length ? ("not_ready" as const) : degraded.length ? ("degraded" as const) : ("ready" as const),
      version: VERSION,
      time: new Date().toISOString(),
      environment: config.environment,
      failing,
      degraded,
      checks,
      ingestion,
      providers: describeProviders(c.env, config),
      limits: { maxUploadBytes: config.maxUploadBytes, maxPdfPages: config.maxPdfPages },
    };
    if (failing.length) {
      c.get("log").warn("not ready", { failing });
      return c.json(body, 503);
    }
    if (degraded.length) c.get("log").warn("degraded", { degraded });
    return c.json(body, 200);
  });
