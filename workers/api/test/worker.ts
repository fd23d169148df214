/**
 * The Worker under test (vitest.config.ts `main`): the api Worker's handlers plus the ingest Worker's
 * Workflow and queue consumers in one Worker. vitest-pool-workers builds and wraps only the Worker under test,
 * and the ingestion tests call consumers and steps in-process, so the tests run ingestion here, through the
 * real Workflow engine and queue handlers; `npm run dev`, e2e and deploys run two Workers
 * (wrangler.toml and workers/ingest/wrangler.toml). Why not an auxiliary Worker: docs/performance.md, item 4.
 */
import { channelConsumers } from "../src/channels/queue";
import { handler, sentryOptions } from "../src/index";
import { ingestConsumers } from "../src/ingest/queue";
import { dispatchQueueBatch } from "../src/platform/queue-dispatch";
import { withLazySentry } from "../src/platform/sentry";

// The api entry imports its routers, cron jobs, idempotency and the re-embed steps on first use
// (docs/performance.md, lazy routers). Under vitest the module runner loads a module with I/O in the request
// that first imports it, and a concurrent request (or Workflow step) awaiting the same load fails ("Cannot
// perform I/O on behalf of a different request"); the deployed bundle's import() does no I/O. So the test
// Worker loads them all at startup, as the api entry did before.
import "../src/admin/admin.index";
import "../src/answers/ask.index";
import "../src/answers/threads.index";
import "../src/api-keys/api-keys.index";
import "../src/auth/auth.index";
import "../src/channels/channels.index";
import "../src/channels/whatsapp/whatsapp.index";
import "../src/concepts/concepts.index";
import "../src/content-move/move-run";
import "../src/docs/docs.index";
import "../src/documents/documents.index";
import "../src/health/health.index";
import "../src/idempotency/idempotency";
import "../src/metrics/metrics.index";
import "../src/notebooks/notebooks.index";
import "../src/notes/notes.index";
import "../src/ocr/ocr.index";
import "../src/openapi-document";
import "../src/overview/overview.index";
import "../src/platform/scheduled";
import "../src/reembed/reembed.store";
import "../src/reembed/reembed-steps";
import "../src/retrieval/search.index";
import "../src/study/study.index";
import "../src/usage/usage.index";

export { NotebookContent } from "../src/content/notebook-content";
export { MigrateContent } from "../src/content-move/workflow";
export { IngestDocument } from "../src/ingest/workflow";
export { ReembedNotebook } from "../src/reembed/workflow";

/** Both Workers' queue consumers. */
export function handleAnyQueueBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  return dispatchQueueBatch(batch, env, { ...ingestConsumers(env), ...channelConsumers(env) }, "studyai-test");
}

export default withLazySentry(sentryOptions, { ...handler, queue: handleAnyQueueBatch });
