/**
 * The channel queue's consumers. `channel-messages`: an inbound message (dispatcher.ts), a reply to send
 * or retry (outbound.ts), or a settled document's notice. A reply that hits a 429/5xx is retried by the
 * queue with backoff; the dead-letter queue fails what is left of it with the reason, so nothing loops and
 * nothing is silently lost.
 */
import { getConfig } from "../platform/config";
import { errorFields, type Logger } from "../platform/logger";
import { dispatchQueueBatch, type QueueConsumer } from "../platform/queue-dispatch";
import { handleInbound } from "./dispatcher";
import { queueDocumentNotice } from "./documents-in";
import { failReply, finishInbound } from "./messages.store";
import { backoffSeconds, deliverReply } from "./outbound";
import { providerOfInstance } from "./providers";
import { type ChannelJob, ChannelJobSchema } from "./types";

export const DEAD_LETTER_REASON = "dead-lettered: the provider kept refusing or the work kept failing";

/** Sends a stored reply now; when the provider asks to wait, a `send` job follows after the backoff. */
export async function sendOrSchedule(env: Env, replyKey: string, log: Logger, attempt = 1) {
  const outcome = await deliverReply(env.DB, (id) => providerOfInstance(env, id), replyKey, log);
  if (outcome === "retry") {
    await env.CHANNEL_QUEUE.send({ kind: "send", replyKey } satisfies ChannelJob, {
      contentType: "json",
      delaySeconds: backoffSeconds(attempt),
    });
  }
  return outcome;
}

async function run(env: Env, job: ChannelJob, log: Logger, attempts: number) {
  if (job.kind === "inbound") {
    const { outcome, replyKey } = await handleInbound(env, job.message, log);
    log.info("channel message", { externalId: job.message.externalId, outcome });
    if (replyKey) await sendOrSchedule(env, replyKey, log);
    return;
  }
  if (job.kind === "send") {
    const outcome = await deliverReply(env.DB, (id) => providerOfInstance(env, id), job.replyKey, log);
    if (outcome === "retry") throw new RetryLater(backoffSeconds(attempts + 1));
    return;
  }
  const replyKey = await queueDocumentNotice(env, job.documentId);
  if (replyKey) await sendOrSchedule(env, replyKey, log);
}

class RetryLater extends Error {
  constructor(readonly delaySeconds: number) {
    super("retry later");
  }
}

export async function consumeChannelMessages(batch: MessageBatch<unknown>, env: Env, log: Logger) {
  for (const message of batch.messages) {
    const parsed = ChannelJobSchema.safeParse(message.body);
    if (!parsed.success) {
      log.error("unreadable channel job dropped", { messageId: message.id });
      message.ack();
      continue;
    }
    try {
      await run(env, parsed.data, log, message.attempts);
      message.ack();
    } catch (err) {
      const delaySeconds = err instanceof RetryLater ? err.delaySeconds : backoffSeconds(message.attempts);
      if (!(err instanceof RetryLater)) {
        log.warn("channel job failed, will retry", {
          kind: parsed.data.kind,
          attempts: message.attempts,
          ...errorFields(err),
        });
      }
      message.retry({ delaySeconds });
    }
  }
}

export async function consumeChannelDeadLetters(batch: MessageBatch<unknown>, env: Env, log: Logger) {
  for (const message of batch.messages) {
    const parsed = ChannelJobSchema.safeParse(message.body);
    try {
      if (parsed.success && parsed.data.kind === "send")
        await failReply(env.DB, parsed.data.replyKey, DEAD_LETTER_REASON);
      if (parsed.success && parsed.data.kind === "inbound") {
        const { externalId } = parsed.data.message;
        const row = await env.DB.prepare("SELECT id FROM channel_message WHERE direction = 'in' AND external_id = ?")
          .bind(externalId)
          .first<{ id: string }>();
        if (row) await finishInbound(env.DB, row.id, "failed", DEAD_LETTER_REASON);
      }
      log.warn("channel job dead-lettered", { kind: parsed.success ? parsed.data.kind : "unreadable" });
      message.ack();
    } catch (err) {
      log.error("channel dead letter not recorded", errorFields(err));
      message.retry();
    }
  }
}

/** The channel queues by their configured names (per environment). */
export function channelConsumers(env: Env): Record<string, QueueConsumer> {
  const { queues } = getConfig(env).channels;
  return { [queues.messages]: consumeChannelMessages, [queues.deadLetters]: consumeChannelDeadLetters };
}

/** The api Worker's queue handler: the channel queues (the ingest queues are the ingest Worker's). */
export function handleChannelQueueBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  return dispatchQueueBatch(batch, env, channelConsumers(env), "studyai-api");
}
