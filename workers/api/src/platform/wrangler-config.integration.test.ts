/**
 * wrangler.toml is the source of the cron strings and the queue names; the code dispatches by constants
 * (platform/scheduled.ts) and configuration (platform/config.ts). These tests fail when the two drift, in
 * any environment.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { handleQueueBatch } from "../ingest/queue";
import { parseConfig } from "./config";
import { CRONS } from "./scheduled";

const deployments = Object.entries(env.TEST_DEPLOYMENTS);
// Secrets are not in wrangler.toml; deployed environments refuse to parse without them.
const secrets = { BETTER_AUTH_SECRET: "s".repeat(48), METRICS_TOKEN: "m".repeat(32), OPENAI_API_KEY: "sk-test" };

describe("wrangler.toml and the code agree", () => {
  it("lists the three environments", () => {
    expect(deployments.map(([name]) => name)).toEqual(["top-level", "staging", "production"]);
  });

  it.each(deployments)("%s: the cron triggers are exactly the scheduled jobs", (_name, deployment) => {
    expect([...deployment.crons].sort()).toEqual([...CRONS].sort());
  });

  it.each(deployments)("%s: the configured queue names are the queues it produces to and consumes", (_, d) => {
    const { queues, channels } = parseConfig({ ...d.vars, ...secrets });
    expect(d.producers).toEqual([
      { binding: "INGEST_QUEUE", queue: queues.ingest },
      { binding: "CHANNEL_QUEUE", queue: channels.queues.messages },
    ]);
    expect(d.consumers).toEqual([
      { queue: queues.ingest, deadLetterQueue: queues.ingestDeadLetters },
      { queue: queues.ingestDeadLetters, deadLetterQueue: undefined },
      { queue: channels.queues.messages, deadLetterQueue: channels.queues.deadLetters },
      { queue: channels.queues.deadLetters, deadLetterQueue: undefined },
    ]);
  });

  it("a batch from a queue the configuration does not name is retried, not handed to a consumer", async () => {
    const batch = createMessageBatch("ingest-unknown", [
      { id: "m-1", timestamp: new Date(), attempts: 1, body: { documentId: "doc_x" } },
    ]);
    const ctx = createExecutionContext();
    await handleQueueBatch(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.retryBatch.retry).toBe(true);
    expect(result.explicitAcks).toEqual([]);
  });
});
