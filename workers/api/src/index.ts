/**
 * The api Worker's one entry: HTTP (Hono), the ingest queues, cron jobs and the Workflows (ingestion, re-embedding).
 * Same build, same version for the API and the background work.
 */
import * as Sentry from "@sentry/cloudflare";
import { app } from "./app";
import { handleQueueBatch } from "./ingest/queue";
import { getConfig } from "./platform/config";
import { setLogLevel } from "./platform/logger";
import { runScheduled } from "./platform/scheduled";

export { IngestDocument } from "./ingest/workflow";
export { ReembedNotebook } from "./reembed/workflow";

// LOG_LEVEL applies before background work logs (the fetch path sets it in the app's config middleware).
const logLevelFrom = (env: Env) => setLogLevel(getConfig(env).ops.logLevel);

const handler = {
  fetch: app.fetch,
  queue: (batch, env, ctx) => {
    logLevelFrom(env);
    return handleQueueBatch(batch, env, ctx);
  },
  scheduled: (controller, env, ctx) => {
    logLevelFrom(env);
    return runScheduled(controller, env, ctx);
  },
} satisfies ExportedHandler<Env>;

// Errors go to Sentry only when SENTRY_DSN is set; without it the SDK is never initialised.
export default Sentry.withSentry(
  (env: Env) =>
    env.SENTRY_DSN ? { dsn: env.SENTRY_DSN, environment: env.ENVIRONMENT, tracesSampleRate: 0.1 } : undefined,
  handler,
);
