/**
 * The api Worker's one entry: HTTP (Hono), the ingest queues, cron jobs and the ingestion Workflow.
 * Same build, same version for the API and the background work.
 */
import { app } from "./app";
import { handleQueueBatch } from "./ingest/queue";
import { runScheduled } from "./platform/scheduled";

export { IngestDocument } from "./ingest/workflow";

export default {
  fetch: app.fetch,
  queue: handleQueueBatch,
  scheduled: runScheduled,
} satisfies ExportedHandler<Env>;
