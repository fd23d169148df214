/**
 * The ingest Worker's queue consumers (the api Worker's channel queues have theirs in channels/queue.ts). `ingest`: start the document's Workflow instance (instance id = document id), so a
 * duplicate delivery finds the instance already there and does nothing; a message that keeps failing is
 * retried and then dead-lettered. `ingest-dlq`: mark the document failed with a reason, so it never
 * stays `queued` forever.
 */
import { z } from "zod";
import { getDb } from "../db";
import { markDeadLettered, statusOf } from "../documents/lifecycle";
import { getConfig } from "../platform/config";
import { errorFields, type Logger } from "../platform/logger";
import { dispatchQueueBatch, type QueueConsumer } from "../platform/queue-dispatch";

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

/** The ingest queues by their configured names (per environment). */
export function ingestConsumers(env: Env): Record<string, QueueConsumer> {
  const { queues } = getConfig(env);
  return { [queues.ingest]: consumeIngest, [queues.ingestDeadLetters]: consumeDeadLetters };
}

/** The ingest Worker's queue handler. */
export function handleIngestQueueBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  return dispatchQueueBatch(batch, env, ingestConsumers(env), "studyai-ingest");
}
