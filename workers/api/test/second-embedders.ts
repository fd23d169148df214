/**
 * Second embedding models for the re-embed tests, at the provider seam (`registerEmbeddersForTests`), with
 * the Embedder contract: deterministic, fixed dimensions, L2-normalised, `maxBatch` texts per call. Named
 * `local/…` because they are: no network, no cost (embeddings/embedding-budget.ts never refuses them).
 */
import type { Embedder } from "../src/embeddings/embedder";
import { fnv1a, hashEmbed } from "../src/embeddings/hashing-embedder";

/**
 * A good second model: the same lexical features hashed into `dimensions` (384 by default: another space, the
 * same signal); at 512, a salt token makes it another model of the local one's size (for Vectorize's one size).
 */
export class SecondHashingEmbedder implements Embedder {
  readonly model: string;
  readonly maxBatch = 16;
  calls = 0;

  constructor(
    readonly dimensions = 384,
    private readonly onEmbed?: (call: number) => Promise<void>,
  ) {
    this.model = `local/test-hashing-${dimensions}-v2`;
  }

  async embed(texts: string[]): Promise<number[][]> {
    this.calls += 1;
    await this.onEmbed?.(this.calls);
    return texts.map((t) => hashEmbed(`v2salt ${t}`, this.dimensions));
  }
}

/** A deliberately bad model: a unit vector drawn from the text's hash, unrelated to what the text says. */
export class RandomEmbedder implements Embedder {
  readonly model = "local/test-random-256";
  readonly dimensions = 256;
  readonly maxBatch = 16;

  async embed(texts: string[]): Promise<number[][]> {
    return texts.map((t) => {
      let state = fnv1a(t) || 1;
      const next = () => {
        // xorshift32: deterministic per text.
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        return (state >>> 0) / 0xffffffff - 0.5;
      };
      const v = Array.from({ length: this.dimensions }, next);
      const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
      return v.map((x) => x / norm);
    });
  }
}
