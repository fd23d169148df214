/** The operator's knobs (issue 17.7): LOG_LEVEL, kill switches, embedding settings, queue-health thresholds. */
import { env } from "cloudflare:workers";
import { MockLanguageModelV4 } from "ai/test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createNotebook, signUp } from "../../test/helpers";
import { app } from "../app";
import type { Embedder } from "../embeddings/embedder";
import { embeddingRefusal } from "../embeddings/embedding-budget";
import { chatModels, overrideChatModelsForTests } from "../models/chat-model";
import { queueDegradation } from "../operations/queue-health";
import { ConfigError, parseConfig } from "./config";
import { createLogger, setLogLevel } from "./logger";

const paidEmbedder: Embedder = {
  model: "openai/text-embedding-3-small",
  dimensions: 3,
  maxBatch: 96,
  embed: async (texts) => texts.map(() => [1, 0, 0]),
};

afterEach(() => {
  setLogLevel("debug");
  overrideChatModelsForTests(undefined);
  vi.restoreAllMocks();
});

describe("LOG_LEVEL", () => {
  it("drops lines below the level, keeps the rest", () => {
    const out = vi.spyOn(console, "log").mockImplementation(() => {});
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const log = createLogger({ component: "test" });
    setLogLevel(parseConfig({ LOG_LEVEL: "warn" }).ops.logLevel);
    log.debug("d");
    log.info("i");
    log.warn("w");
    expect(out).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
    setLogLevel("debug");
    log.debug("d2");
    expect(out).toHaveBeenCalledTimes(1);
  });

  it("defaults to info; a level that does not exist is a config error naming it", () => {
    expect(parseConfig({}).ops.logLevel).toBe("info");
    expect(() => parseConfig({ LOG_LEVEL: "verbose" })).toThrow(ConfigError);
    try {
      parseConfig({ LOG_LEVEL: "verbose" });
    } catch (err) {
      expect((err as ConfigError).variables).toEqual(["LOG_LEVEL"]);
    }
  });
});

describe("kill switches", () => {
  it("GENERATION_ENABLED=false: no model, whatever is configured, and the reason says the operator switched it off", async () => {
    const model = new MockLanguageModelV4({ provider: "test", modelId: "m" });
    overrideChatModelsForTests([{ model, provider: "test", modelId: "m" }]);
    expect((await chatModels(env, { userId: null })).chain).toHaveLength(1);
    const off = await chatModels({ ...env, GENERATION_ENABLED: "false" } as Env, { userId: null });
    expect(off.chain).toEqual([]);
    expect(off.reason).toMatchObject({ status: 503, type: expect.stringMatching(/generation-off$/) });
    expect(off.reason?.detail).toMatch(/switched text generation off/);
  });

  it("GENERATION_ENABLED=false: study generation answers 503 generation-off; the model is never called", async () => {
    let calls = 0;
    const model = new MockLanguageModelV4({
      provider: "test",
      modelId: "m",
      doGenerate: async () => {
        calls += 1;
        throw new Error("must not be called");
      },
    });
    overrideChatModelsForTests([{ model, provider: "test", modelId: "m" }]);
    const user = await signUp();
    const notebookId = await createNotebook({ authorization: `Bearer ${user.token}` });
    const res = await app.request(
      new Request(`http://api.test/v1/notebooks/${notebookId}/flashcards/generate`, {
        method: "POST",
        headers: { authorization: `Bearer ${user.token}`, "content-type": "application/json" },
        body: JSON.stringify({ count: 5 }),
      }),
      undefined,
      { ...env, GENERATION_ENABLED: "false" } as Env,
    );
    const body = (await res.json()) as { type: string };
    expect(res.status).toBe(503);
    expect(body.type).toMatch(/generation-off$/);
    expect(calls).toBe(0);
  });

  it("PAID_EMBEDDINGS_ENABLED=false refuses paid embedders only; the local one keeps working", async () => {
    const off = { ...env, PAID_EMBEDDINGS_ENABLED: "false" } as Env;
    expect(await embeddingRefusal(env, paidEmbedder, null)).toBeUndefined();
    expect(await embeddingRefusal(off, paidEmbedder, null)).toMatchObject({
      status: 503,
      type: expect.stringMatching(/paid-embeddings-off$/),
    });
    expect(await embeddingRefusal(off, { ...paidEmbedder, model: "local/hashing-512-v1" }, null)).toBeUndefined();
    expect(() => parseConfig({ PAID_EMBEDDINGS_ENABLED: "maybe" })).toThrow(
      /PAID_EMBEDDINGS_ENABLED must be true or false/,
    );
  });
});

describe("embedding settings", () => {
  it("are validated and defaulted in the config schema", () => {
    expect(parseConfig({}).ops.embedding).toEqual({ batchSize: undefined, concurrency: 1, maxRetries: 0 });
    expect(
      parseConfig({ EMBEDDING_BATCH_SIZE: "200", EMBEDDING_CONCURRENCY: "4", EMBEDDING_MAX_RETRIES: "2" }).ops
        .embedding,
    ).toEqual({ batchSize: 200, concurrency: 4, maxRetries: 2 });
    expect(() => parseConfig({ EMBEDDING_BATCH_SIZE: "0" })).toThrow(
      /EMBEDDING_BATCH_SIZE must be a whole number from 1 to 2048/,
    );
    expect(() => parseConfig({ EMBEDDING_CONCURRENCY: "100" })).toThrow(/EMBEDDING_CONCURRENCY/);
  });
});

describe("queue-health thresholds turn readiness degraded", () => {
  it("names the threshold crossed", () => {
    const thresholds = { maxOldestAgeSeconds: 900, maxBacklog: 1000 };
    expect(queueDegradation({ queued: 3, oldestQueuedAgeSeconds: 60 }, thresholds)).toEqual([]);
    expect(queueDegradation({ queued: 3, oldestQueuedAgeSeconds: 901 }, thresholds)[0]).toMatch(
      /waited 901 s \(threshold 900 s\)/,
    );
    expect(queueDegradation({ queued: 1001, oldestQueuedAgeSeconds: 0 }, thresholds)[0]).toMatch(
      /1001 documents are queued/,
    );
  });

  it("/health/ready: 200 degraded with the reason while an old document waits, ready again once it is gone", async () => {
    const user = await signUp();
    const notebookId = await createNotebook({ authorization: `Bearer ${user.token}` });
    const id = `doc_stuck_${crypto.randomUUID()}`;
    const hourAgo = Date.now() - 3_600_000;
    await env.DB.prepare(
      `INSERT INTO document (id, notebook_id, owner_id, title, source_type, media_type, size_bytes, sha256, r2_key,
         status, created_at, updated_at) VALUES (?, ?, ?, 'stuck', 'text', 'text/plain', 1, ?, 'none', 'queued', ?, ?)`,
    )
      .bind(id, notebookId, user.userId, id, hourAgo, hourAgo)
      .run();
    const strict = { ...env, QUEUE_MAX_OLDEST_AGE_SECONDS: "600" } as Env;
    try {
      const res = await app.request("http://api.test/health/ready", {}, strict);
      const body = (await res.json()) as { status: string; degraded: string[] };
      expect(res.status).toBe(200);
      expect(body.status).toBe("degraded");
      expect(body.degraded[0]).toMatch(/oldest queued document has waited \d+ s \(threshold 600 s\)/);
    } finally {
      await env.DB.prepare("DELETE FROM document WHERE id = ?").bind(id).run();
    }
    const after = (await (await app.request("http://api.test/health/ready", {}, strict)).json()) as { status: string };
    expect(after.status).not.toBe("degraded");
  });
});
