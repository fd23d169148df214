/**
 * One interface for every embedding provider. The `model` string is recorded on every chunk and on the
 * notebook, so a notebook never mixes vectors of two models.
 */
import { createOpenAI } from "@ai-sdk/openai";
import { createWorkersAI } from "workers-ai-provider";
import { getConfig } from "../platform/config";
import { AiSdkEmbedder, type EmbedderThroughput } from "./ai-sdk-embedder";
import { HashingEmbedder } from "./hashing-embedder";

export type Embedder = {
  /** Provider-qualified model name, e.g. `openai/text-embedding-3-small`. */
  readonly model: string;
  readonly dimensions: number;
  /** Most texts one `embed` call should carry. */
  readonly maxBatch: number;
  embed(texts: string[]): Promise<number[][]>;
};

export const OPENAI_EMBEDDING_MODEL = "text-embedding-3-small";
export const WORKERS_AI_EMBEDDING_MODEL = "@cf/baai/bge-m3";

let testOverride: Embedder | undefined;

/**
 * Test seam (like `overrideChatModelsForTests`): the embedder every caller gets until reset with `undefined`.
 * Fault tests use it to take the embedding provider down; nothing else replaces our own modules.
 */
export function overrideEmbedderForTests(embedder: Embedder | undefined) {
  testOverride = embedder;
}

/** A provider's request size with the operator's EMBEDDING_BATCH_SIZE / CONCURRENCY / MAX_RETRIES. */
export function throughputFor(
  requestSize: number,
  settings: { batchSize?: number; concurrency: number; maxRetries: number },
): EmbedderThroughput {
  return {
    requestSize,
    maxBatch: settings.batchSize ?? requestSize,
    concurrency: settings.concurrency,
    maxRetries: settings.maxRetries,
  };
}

/** The embedder this deployment is configured for (EMBEDDING_PROVIDER). */
export function embedderFor(env: Env): Embedder {
  if (testOverride) return testOverride;
  const config = getConfig(env);
  const settings = config.ops.embedding;
  switch (config.embeddingProvider) {
    case "openai": {
      const openai = createOpenAI({ apiKey: config.openai.apiKey ?? "", baseURL: config.openai.baseUrl });
      return new AiSdkEmbedder(openai.embedding(OPENAI_EMBEDDING_MODEL), {
        model: `openai/${OPENAI_EMBEDDING_MODEL}`,
        dimensions: 1536,
        ...throughputFor(96, settings),
      });
    }
    case "workers-ai": {
      if (!env.AI) throw new Error("EMBEDDING_PROVIDER is workers-ai but the AI binding is missing");
      const workersAi = createWorkersAI({ binding: env.AI });
      return new AiSdkEmbedder(workersAi.textEmbedding(WORKERS_AI_EMBEDDING_MODEL), {
        model: `workers-ai/${WORKERS_AI_EMBEDDING_MODEL}`,
        dimensions: 1024,
        ...throughputFor(50, settings),
      });
    }
    default:
      return new HashingEmbedder();
  }
}
