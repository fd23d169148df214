/**
 * wrangler.toml (the api Worker) and workers/ingest/wrangler.toml (the ingest Worker) are the source of the
 * cron strings, the queue names and the Workflow binding; the code dispatches by constants
 * (platform/scheduled.ts) and configuration (platform/config.ts). These tests fail when they drift, in any
 * environment, or when the two Workers' configs disagree with each other.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { handleAnyQueueBatch } from "../../test/worker";
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

  it.each(deployments)("%s: the configured queue names are the queues each Worker produces to and consumes", (_, d) => {
    const { queues, channels } = parseConfig({ ...d.vars, ...secrets });
    expect(d.producers).toEqual([
      { binding: "INGEST_QUEUE", queue: queues.ingest },
      { binding: "CHANNEL_QUEUE", queue: channels.queues.messages },
    ]);
    // The api Worker consumes the channel queues only; the ingest queues are the ingest Worker's.
    expect(d.consumers).toEqual([
      { queue: channels.queues.messages, deadLetterQueue: channels.queues.deadLetters },
      { queue: channels.queues.deadLetters, deadLetterQueue: undefined },
    ]);
    const ingest = parseConfig({ ...d.ingest.vars, ...secrets });
    expect(ingest.queues).toEqual(queues);
    expect(d.ingest.producers).toEqual([{ binding: "CHANNEL_QUEUE", queue: channels.queues.messages }]);
    expect(d.ingest.consumers).toEqual([
      { queue: queues.ingest, deadLetterQueue: queues.ingestDeadLetters },
      { queue: queues.ingestDeadLetters, deadLetterQueue: undefined },
    ]);
    expect(d.ingest.crons).toEqual([]);
  });

  it.each(deployments)("%s: the api Worker binds the Workflow the ingest Worker defines", (_, d) => {
    const ingest = d.workflows.find((w: { binding: string }) => w.binding === "INGEST_WORKFLOW");
    expect(d.ingest.workflows).toEqual([
      { name: ingest?.name, binding: "INGEST_WORKFLOW", className: "IngestDocument", scriptName: undefined },
    ]);
    expect(ingest).toEqual({ ...d.ingest.workflows[0], scriptName: d.ingest.name });
    // The api Worker's own Workflows (re-embedding and the content move run where the API is: no extraction).
    expect(d.workflows.filter((w: { binding: string }) => w.binding !== "INGEST_WORKFLOW")).toEqual([
      { name: expect.stringMatching(/^reembed-notebook/), binding: "REEMBED_WORKFLOW", className: "ReembedNotebook" },
      {
        name: expect.stringMatching(/^migrate-content/),
        binding: "MIGRATE_CONTENT_WORKFLOW",
        className: "MigrateContent",
      },
    ]);
  });

  it.each(deployments)("%s: the ingest Worker's vars are the api Worker's (the settings both read)", (_, d) => {
    const { WORKER, ...shared } = d.ingest.vars;
    expect(WORKER).toBe("ingest");
    for (const [name, value] of Object.entries(shared)) expect([name, d.vars[name]]).toEqual([name, value]);
    // Deployed, the ingest Worker needs no HTTP secret (the api Worker refuses to start without them).
    if (d.vars.ENVIRONMENT !== "development") {
      expect(() => parseConfig({ ...d.ingest.vars, OPENAI_API_KEY: secrets.OPENAI_API_KEY })).not.toThrow();
      expect(() => parseConfig({ ...d.vars, OPENAI_API_KEY: secrets.OPENAI_API_KEY })).toThrow(/BETTER_AUTH_SECRET/);
    }
  });

  it("a batch from a queue the configuration does not name is retried, not handed to a consumer", async () => {
    const batch = createMessageBatch("ingest-unknown", [
      { id: "m-1", timestamp: new Date(), attempts: 1, body: { documentId: "doc_x" } },
    ]);
    const ctx = createExecutionContext();
    await handleAnyQueueBatch(batch, env);
    const result = await getQueueResult(batch, ctx);
    expect(result.retryBatch.retry).toBe(true);
    expect(result.explicitAcks).toEqual([]);
  });
});
