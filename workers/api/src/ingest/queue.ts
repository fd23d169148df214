import { createLogger } from "../platform/logger";

export type IngestMessage = { documentId: string };

const log = createLogger({ service: "studyai-api", component: "ingest-queue" });

/** Queue consumer for `ingest` and its dead-letter queue. */
export async function handleQueueBatch(batch: MessageBatch, _env: Env, _ctx: ExecutionContext): Promise<void> {
  log.warn("ingest queue consumer not wired yet", { queue: batch.queue, messages: batch.messages.length });
  batch.retryAll();
}
