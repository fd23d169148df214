/**
 * The Worker under test (vitest.config.ts `main`): the api Worker's handlers plus the ingest Worker's
 * Workflow and queue consumers in one Worker. vitest-pool-workers builds and wraps only the Worker under test,
 * and the ingestion tests call consumers and steps in-process, so the tests run ingestion here, through the
 * real Workflow engine and queue handlers; `npm run dev`, e2e and deploys run two Workers
 * (wrangler.toml and workers/ingest/wrangler.toml). Why not an auxiliary Worker: docs/performance.md, item 4.
 */
import * as Sentry from "@sentry/cloudflare";
import { channelConsumers } from "../src/channels/queue";
import { handler, sentryOptions } from "../src/index";
import { ingestConsumers } from "../src/ingest/queue";
import { dispatchQueueBatch } from "../src/platform/queue-dispatch";

export { NotebookContent } from "../src/content/notebook-content";
export { MigrateContent } from "../src/content-move/workflow";
export { IngestDocument } from "../src/ingest/workflow";
export { ReembedNotebook } from "../src/reembed/workflow";

/** Both Workers' queue consumers. */
export function handleAnyQueueBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  return dispatchQueueBatch(batch, env, { ...ingestConsumers(env), ...channelConsumers(env) }, "studyai-test");
}

export default Sentry.withSentry(sentryOptions, {
  ...handler,
  queue: handleAnyQueueBatch,
} satisfies ExportedHandler<Env>);
