import { type EmbeddingModel, embedMany } from "ai";
import type { Embedder } from "./embedder";

/** OpenAI (or any OpenAI-compatible endpoint) and Workers AI, both through the `ai` SDK's `embedMany`. */
export class AiSdkEmbedder implements Embedder {
  readonly model: string;
  readonly dimensions: number;
  readonly maxBatch: number;

  constructor(
    private readonly embeddingModel: EmbeddingModel,
    options: { model: string; dimensions: number; maxBatch: number },
  ) {
    this.model = options.model;
    this.dimensions = options.dimensions;
    this.maxBatch = options.maxBatch;
  }

  async embed(texts: string[]): Promise<number[][]> {
    if (!texts.length) return [];
    // Retries belong to the Workflow step (durable, with backoff), not to an in-memory loop here.
    const { embeddings } = await embedMany({ model: this.embeddingModel, values: texts, maxRetries: 0 });
    for (const vector of embeddings) {
      if (vector.length !== this.dimensions) {
        throw new Error(`${this.model} returned ${vector.length} dimensions, expected ${this.dimensions}`);
      }
    }
    return embeddings;
  }
}
