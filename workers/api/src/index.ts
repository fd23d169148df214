/**
 * The api Worker's entry: HTTP (Hono), the channel queues, cron jobs, the ReembedNotebook Workflow (it
 * embeds chunks already stored, no extraction) and the MigrateContent Workflow (moves a notebook's content
 * from D1 to its object). Ingestion (the IngestDocument Workflow and the ingest queues)
 * runs in the ingest Worker (workers/ingest/), bound here by `script_name`, so no extraction library is in
 * this bundle and no PDF shares an isolate with a request.
 * `npm run check:bundle` fails if this entry's import graph reaches an ingestion-only module.
 */

import { app } from "./app";
import { getConfig } from "./platform/config";
import { withD1Session } from "./platform/d1-session";
import { lazyModule } from "./platform/lazy-module";
import { setLogLevel } from "./platform/logger";
import { withLazySentry } from "./platform/sentry";

export { MigrateContent } from "./content-move/workflow";
export { ReembedNotebook } from "./reembed/workflow";

// The queue consumer and the cron jobs are imported on their first batch or tick, so an isolate that serves
// HTTP does not evaluate them (and the stores and schemas they reach) at startup (docs/performance.md).
// LOG_LEVEL applies before background work logs (the fetch path sets it in the app's config middleware).
const channelQueue = lazyModule(() => import("./channels/queue"));
const scheduledJobs = lazyModule(() => import("./platform/scheduled"));
const logLevelFrom = (env: Env) => setLogLevel(getConfig(env).ops.logLevel);

export const handler = {
  // One D1 session per request (read replicas for reads, the bookmark returned): platform/d1-session.ts.
  fetch: withD1Session((request, env, ctx) => app.fetch(request, env, ctx)),
  queue: (batch, env) => {
    logLevelFrom(env);
    return channelQueue().then((m) => m.handleChannelQueueBatch(batch, env));
  },
  scheduled: (controller, env, ctx) => {
    logLevelFrom(env);
    return scheduledJobs().then((m) => m.runScheduled(controller, env, ctx));
  },
} satisfies ExportedHandler<Env>;

// Errors go to Sentry only when SENTRY_DSN is set; without it the SDK is neither initialised nor imported
// (platform/sentry.ts).
export const sentryOptions = (env: Env) =>
  env.SENTRY_DSN ? { dsn: env.SENTRY_DSN, environment: env.ENVIRONMENT, tracesSampleRate: 0.1 } : undefined;

export default withLazySentry(sentryOptions, handler);
