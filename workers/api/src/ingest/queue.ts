/**
 * Queue consumers (the channel queues' own are in channels/queue.ts). `ingest`: start the document's Workflow instance (instance id = document id), so a
 * duplicate delivery finds the instance already there and does nothing; a message that keeps failing is
 * retried and then dead-lettered. `ingest-dlq`: mark the document failed with a reason, so it never
 * stays `queued` forever.
 */
import { z } from "zod";
import { consumeChannelDeadLetters, consumeChannelMessages } from "../channels/queue";
import { getDb } from "../db";
import { markDeadLettered, statusOf } from "../documents/lifecycle";
import { getConfig } from "../platform/config";
import { createLogger, errorFields, type Logger } from "../platform/logger";

const MessageSchema = z.object({ documentId: z.string().min(1).max(64) });

export type StartOutcome = "created" | "restarted" | "already-running" | "not-queued" | "gone";

const FINISHED = new Set(["complete", "errored", "terminated"]);

/** Starts ingestion of a queued document exactly once per request for it (first upload or retry). */
export async function startIngestion(env: Env, documentId: string): Promise<StartOutcome> {
  const current = await statusOf(getDb(env.DB), documentId);
  if (current === null) return "gone";
  if (current !== "queued") return "not-queued";
  try {
    await env.INGEST_WORKFLOW.create({ id: documentId, params: { documentId } });
    return "created";
  } catch (err) {
    if (!/already.?exists/i.test(String((err as Error)?.message ?? err))) throw err;
  }
  const instance = await env.INGEST_WORKFLOW.get(documentId);
  const { status } = await instance.status();
  // The document is queued again (a retry) and its last run is over: run the same instance again.
  if (FINISHED.has(status)) {
    await instance.restart();
    return "restarted";
  }
  return "already-running";
}

const RETRY_DELAYS_SECONDS = [5, 30, 120];

async function consumeIngest(batch: MessageBatch<unknown>, env: Env, log: Logger) {
  for (const message of batch.messages) {
    try {
      const { documentId } = MessageSchema.parse(message.body);
      const outcome = await startIngestion(env, documentId);
      log.info("ingest message", { documentId, outcome, attempts: message.attempts });
      message.ack();
    } catch (err) {
      // After max_retries the queue moves it to the dead-letter queue.
      log.warn("ingest message failed, will retry", {
        messageId: message.id,
        attempts: message.attempts,
        ...errorFields(err),
      });
      message.retry({ delaySeconds: RETRY_DELAYS_SECONDS[Math.min(message.attempts - 1, 2)] ?? 120 });
    }
  }
}

async function consumeDeadLetters(batch: MessageBatch<unknown>, env: Env, log: Logger) {
  const db = getDb(env.DB);
  for (const message of batch.messages) {
    const parsed = MessageSchema.safeParse(message.body);
    if (!parsed.success) {
      log.error("unreadable dead letter dropped", {
        messageId: message.id,
        body: JSON.stringify(message.body)?.slice(0, 200),
      });
      message.ack();
      continue;
    }
    try {
      await markDeadLettered(db, parsed.data.documentId);
      log.warn("ingestion dead-lettered", { documentId: parsed.data.documentId });
      message.ack();
    } catch (err) {
      log.error("dead letter not recorded", { documentId: parsed.data.documentId, ...errorFields(err) });
      message.retry();
    }
  }
}

/** The Worker's queue handler: the consumer for each queue name in the configuration (per environment). */
export async function handleQueueBatch(batch: MessageBatch<unknown>, env: Env, _ctx: ExecutionContext): Promise<void> {
  const { queues, channels } = getConfig(env);
  // One logger per batch (no request here): every line names the queue it came from.
  const log = createLogger({ service: "studyai-api", component: "ingest-queue", queue: batch.queue });
  const consumers: Record<string, (batch: MessageBatch<unknown>, env: Env, log: Logger) => Promise<void>> = {
    [queues.ingest]: consumeIngest,
    [queues.ingestDeadLetters]: consumeDeadLetters,
    [channels.queues.messages]: consumeChannelMessages,
    [channels.queues.deadLetters]: consumeChannelDeadLetters,
  };
  const consume = consumers[batch.queue];
  if (consume) return consume(batch, env, log);
  // A queue wired in wrangler.toml but not in the configuration: keep its messages rather than guess.
  log.error("no consumer for this queue", { queue: batch.queue, known: Object.keys(consumers) });
  batch.retryAll();
}
