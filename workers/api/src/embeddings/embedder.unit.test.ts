import { env } from "cloudflare:workers";
import { MockEmbeddingModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import { AiSdkEmbedder } from "./ai-sdk-embedder";
import { embedderFor, throughputFor } from "./embedder";
import { HashingEmbedder, hashEmbed } from "./hashing-embedder";

const DEFAULTS = { concurrency: 1, maxRetries: 0 };

const cosine = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * (b[i] ?? 0), 0);

describe("local hashing embedder", () => {
  it("is deterministic, 512-dimensional and L2-normalised", async () => {
    const embedder = new HashingEmbedder();
    const [a, b] = await embedder.embed(["Photosynthesis converts light", "Photosynthesis converts light"]);
    expect(a).toEqual(b);
    expect(a).toHaveLength(512);
    expect(Math.sqrt(cosine(a ?? [], a ?? []))).toBeCloseTo(1, 6);
    expect(embedder.model).toBe("local/hashing-512-v1");
  });

  it("puts texts that share words (diacritics folded) closer than unrelated ones", () => {
    const query = hashEmbed("fotossíntese nos cloroplastos");
    const related = hashEmbed("A fotossintese acontece nos cloroplastos das plantas");
    const unrelated = hashEmbed("The pilot lost directional control on landing");
    expect(cosine(query, related)).toBeGreaterThan(0.3);
    expect(cosine(query, related)).toBeGreaterThan(cosine(query, unrelated) + 0.2);
  });

  it("is what the test environment is configured for", () => {
    expect(embedderFor(env).model).toBe("local/hashing-512-v1");
  });
});

describe("ai SDK embedder (OpenAI / Workers AI) at the provider seam", () => {
  it("embeds a batch through embedMany and refuses vectors of the wrong size", async () => {
    const model = new MockEmbeddingModelV4({
      provider: "openai",
      modelId: "text-embedding-3-small",
      doEmbed: async ({ values }) => ({ embeddings: values.map((v) => [v.length, 1, 0]), warnings: [] }),
    });
    const embedder = new AiSdkEmbedder(model, {
      model: "openai/text-embedding-3-small",
      dimensions: 3,
      ...throughputFor(96, DEFAULTS),
    });
    expect(await embedder.embed(["a", "bb"])).toEqual([
      [1, 1, 0],
      [2, 1, 0],
    ]);
    expect(model.doEmbedCalls.flatMap((call) => call.values)).toEqual(["a", "bb"]);
    const wrong = new AiSdkEmbedder(model, { model: "x", dimensions: 1536, ...throughputFor(96, DEFAULTS) });
    await expect(wrong.embed(["a"])).rejects.toThrow(/1536/);
  });

  it("chooses OpenAI or Workers AI from EMBEDDING_PROVIDER, named on every chunk", () => {
    const openai = embedderFor({ ...env, EMBEDDING_PROVIDER: "openai", OPENAI_API_KEY: "sk-test" } as Env);
    expect(openai).toMatchObject({ model: "openai/text-embedding-3-small", dimensions: 1536 });
    const fakeAi = { run: async () => ({}) } as unknown as Ai;
    const workersAi = embedderFor({ ...env, EMBEDDING_PROVIDER: "workers-ai", AI: fakeAi } as Env);
    expect(workersAi).toMatchObject({ model: "workers-ai/@cf/baai/bge-m3", dimensions: 1024 });
    expect(() => embedderFor({ ...env, EMBEDDING_PROVIDER: "workers-ai", AI: undefined } as Env)).toThrow(/AI binding/);
  });

  it("EMBEDDING_BATCH_SIZE / CONCURRENCY / MAX_RETRIES: a step's batch split into provider requests, in order", async () => {
    let inFlight = 0;
    let most = 0;
    const model = new MockEmbeddingModelV4({
      provider: "openai",
      modelId: "text-embedding-3-small",
      maxEmbeddingsPerCall: 2048,
      doEmbed: async ({ values }) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
        return { embeddings: values.map((v) => [Number(v), 0, 0]), warnings: [] };
      },
    });
    const configured = embedderFor({
      ...env,
      EMBEDDING_PROVIDER: "openai",
      OPENAI_API_KEY: "sk-test",
      EMBEDDING_BATCH_SIZE: "384",
      EMBEDDING_CONCURRENCY: "3",
      EMBEDDING_MAX_RETRIES: "2",
    } as Env);
    expect(configured.maxBatch).toBe(384);
    const embedder = new AiSdkEmbedder(model, {
      model: "m",
      dimensions: 3,
      ...throughputFor(4, { batchSize: 20, concurrency: 3, maxRetries: 0 }),
    });
    const texts = Array.from({ length: 18 }, (_, i) => String(i));
    const vectors = await embedder.embed(texts);
    expect(vectors.map((v) => v[0])).toEqual(texts.map(Number));
    expect(model.doEmbedCalls.map((call) => call.values.length)).toEqual([4, 4, 4, 4, 2]);
    expect(most).toBe(3);
    expect(embedderFor({ ...env, EMBEDDING_PROVIDER: "openai", OPENAI_API_KEY: "sk-test" } as Env).maxBatch).toBe(96);
  });
});
