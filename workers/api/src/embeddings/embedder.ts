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

type Config = ReturnType<typeof getConfig>;

function openAiEmbedder(config: Config): Embedder {
  const openai = createOpenAI({ apiKey: config.openai.apiKey ?? "", baseURL: config.openai.baseUrl });
  return new AiSdkEmbedder(openai.embedding(OPENAI_EMBEDDING_MODEL), {
    model: `openai/${OPENAI_EMBEDDING_MODEL}`,
    dimensions: 1536,
    ...throughputFor(96, config.ops.embedding),
  });
}

function workersAiEmbedder(ai: Ai, config: Config): Embedder {
  const workersAi = createWorkersAI({ binding: ai });
  return new AiSdkEmbedder(workersAi.textEmbedding(WORKERS_AI_EMBEDDING_MODEL), {
    model: `workers-ai/${WORKERS_AI_EMBEDDING_MODEL}`,
    dimensions: 1024,
    ...throughputFor(50, config.ops.embedding),
  });
}

/** The embedder this deployment is configured for (EMBEDDING_PROVIDER). */
export function embedderFor(env: Env): Embedder {
  if (testOverride) return testOverride;
  const config = getConfig(env);
  switch (config.embeddingProvider) {
    case "openai":
      return openAiEmbedder(config);
    case "workers-ai": {
      if (!env.AI) throw new Error("EMBEDDING_PROVIDER is workers-ai but the AI binding is missing");
      return workersAiEmbedder(env.AI, config);
    }
    default:
      return new HashingEmbedder();
  }
}

let registeredForTests: Embedder[] = [];

/**
 * Test seam beside `overrideEmbedderForTests`: more models `embedderForModel` can build by name (a second
 * embedding model to re-embed into). Reset with `undefined`.
 */
export function registerEmbeddersForTests(embedders: Embedder[] | undefined) {
  registeredForTests = embedders ?? [];
}

/**
 * An embedder for `model` by name, whether or not it is the configured one (a re-embed reads the old model
 * and writes the new one), or undefined when this deployment cannot build it: OpenAI needs OPENAI_API_KEY (or OPENAI_BASE_URL),
 * Workers AI the AI binding; the local hashing model always works.
 */
export function embedderForModel(env: Env, model: string): Embedder | undefined {
  const registered = registeredForTests.find((e) => e.model === model);
  if (registered) return registered;
  const configured = embedderFor(env);
  if (configured.model === model) return configured;
  const config = getConfig(env);
  if (model === new HashingEmbedder().model) return new HashingEmbedder();
  const openAiReachable = Boolean(config.openai.apiKey || config.openai.baseUrl);
  if (model === `openai/${OPENAI_EMBEDDING_MODEL}` && openAiReachable) return openAiEmbedder(config);
  if (model === `workers-ai/${WORKERS_AI_EMBEDDING_MODEL}` && env.AI) return workersAiEmbedder(env.AI, config);
  return undefined;
}
