/**
 * The local default embedder: deterministic feature hashing of normalised word unigrams and bigrams
 * into 512 dimensions, L2-normalised. No network and no model weights, so `npm run dev` and the tests
 * work anywhere; it captures lexical overlap (not meaning), which is what a local default needs.
 */
import type { Embedder } from "./embedder";

const DIMENSIONS = 512;

/** FNV-1a, 32 bit. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Lower case, diacritics folded, split on anything that is not a letter or a digit. */
export function lexicalTokens(text: string): string[] {
  return (
    text
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

export function hashEmbed(text: string, dimensions = DIMENSIONS): number[] {
  const vector = new Float64Array(dimensions);
  const tokens = lexicalTokens(text);
  const add = (feature: string, weight: number) => {
    const h = fnv1a(feature);
    // The top bit picks the sign, so collisions cancel out on average instead of piling up.
    vector[h % dimensions] = (vector[h % dimensions] ?? 0) + (h & 0x80000000 ? -weight : weight);
  };
  for (let i = 0; i < tokens.length; i++) {
    add(`u:${tokens[i]}`, 1);
    if (i > 0) add(`b:${tokens[i - 1]} ${tokens[i]}`, 0.5);
  }
  let norm = 0;
  for (const v of vector) norm += v * v;
  norm = Math.sqrt(norm);
  return Array.from(vector, (v) => (norm ? v / norm : 0));
}

export class HashingEmbedder implements Embedder {
  readonly model = `local/hashing-${DIMENSIONS}-v1`;
  readonly dimensions = DIMENSIONS;
  readonly maxBatch = 128;

  async embed(texts: string[]): Promise<number[][]> {
    return texts.map((t) => hashEmbed(t, this.dimensions));
  }
}
