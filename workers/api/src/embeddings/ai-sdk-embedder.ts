import { type EmbeddingModel, embedMany } from "ai";
import type { Embedder } from "./embedder";

export type EmbedderThroughput = {
  /** Texts per provider request (the provider's sweet spot: OpenAI 96, Workers AI 50). */
  requestSize: number;
  /** Texts per `embed` call, i.e. per Workflow step (EMBEDDING_BATCH_SIZE; default requestSize). */
  maxBatch: number;
  /** Provider requests in flight within one `embed` call (EMBEDDING_CONCURRENCY; default 1). */
  concurrency: number;
  /** In-call retries of one request (EMBEDDING_MAX_RETRIES; default 0: the Workflow step retries durably). */
  maxRetries: number;
};

/** OpenAI (or any OpenAI-compatible endpoint) and Workers AI, both through the `ai` SDK's `embedMany`. */
export class AiSdkEmbedder implements Embedder {
  readonly model: string;
  readonly dimensions: number;
  readonly maxBatch: number;
  private readonly throughput: EmbedderThroughput;

  constructor(
    private readonly embeddingModel: EmbeddingModel,
    options: { model: string; dimensions: number } & EmbedderThroughput,
  ) {
    this.model = options.model;
    this.dimensions = options.dimensions;
    this.maxBatch = options.maxBatch;
    this.throughput = options;
  }

  async embed(texts: string[]): Promise<number[][]> {
    if (!texts.length) return [];
    const { requestSize, concurrency, maxRetries } = this.throughput;
    const slices: string[][] = [];
    for (let i = 0; i < texts.length; i += requestSize) slices.push(texts.slice(i, i + requestSize));
    const results: number[][][] = new Array(slices.length);
    let next = 0;
    // A small pool: at most `concurrency` requests in flight, results kept in input order.
    const worker = async () => {
      while (next < slices.length) {
        const index = next++;
        const values = slices[index] ?? [];
        const { embeddings } = await embedMany({ model: this.embeddingModel, values, maxRetries });
        results[index] = embeddings;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, slices.length) }, worker));
    const embeddings = results.flat();
    for (const vector of embeddings) {
      if (vector.length !== this.dimensions) {
        throw new Error(`${this.model} returned ${vector.length} dimensions, expected ${this.dimensions}`);
      }
    }
    return embeddings;
  }
}
