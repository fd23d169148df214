/**
 * A Worker's queue handler: the consumer for each queue name in the configuration (per environment). The
 * api Worker consumes the channel queues (channels/queue.ts), the ingest Worker the ingest queues
 * (ingest/queue.ts); each passes its own map.
 */
import { createLogger, type Logger } from "./logger";

export type QueueConsumer = (batch: MessageBatch<unknown>, env: Env, log: Logger) => Promise<void>;

export async function dispatchQueueBatch(
  batch: MessageBatch<unknown>,
  env: Env,
  consumers: Record<string, QueueConsumer>,
  service: string,
): Promise<void> {
  // One logger per batch (no request here): every line names the queue it came from.
  const log = createLogger({ service, component: "queue", queue: batch.queue });
  const consume = consumers[batch.queue];
  if (consume) return consume(batch, env, log);
  // A queue wired in wrangler.toml but not in the configuration: keep its messages rather than guess.
  log.error("no consumer for this queue", { queue: batch.queue, known: Object.keys(consumers) });
  batch.retryAll();
}
