/**
 * One price table for every model we call, in US dollars per million tokens (list prices; update
 * here when providers change them). Unknown models cost 0 and are logged, never guessed.
 */
export type Price = { input: number; output: number };

export const PRICES: Record<string, Price> = {
  "openai:gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "openai:gpt-4.1-nano": { input: 0.1, output: 0.4 },
  "openai:gpt-4.1": { input: 2, output: 8 },
  "openai:gpt-4o-mini": { input: 0.15, output: 0.6 },
  "openai:text-embedding-3-small": { input: 0.02, output: 0 },
  "openai:text-embedding-3-large": { input: 0.13, output: 0 },
  // Workers AI bills in neurons; these are the published per-token equivalents.
  "workers-ai:@cf/baai/bge-m3": { input: 0.012, output: 0 },
  "workers-ai:@cf/baai/bge-reranker-base": { input: 0.003, output: 0 },
  "workers-ai:@cf/meta/llama-3.1-8b-instruct-fast": { input: 0.045, output: 0.384 },
  // The OCR default (ocr/ocr-reader.ts): multimodal, reads Portuguese and Spanish as well as English.
  "workers-ai:@cf/meta/llama-4-scout-17b-16e-instruct": { input: 0.27, output: 0.85 },
  "local:hashing-v1": { input: 0, output: 0 },
};

export function priceOf(provider: string, model: string): Price | undefined {
  return PRICES[`${provider}:${model}`];
}

/** Estimated cost in millionths of a dollar: integers, so sums are exact. */
export function costMicroUsd(price: Price | undefined, inputTokens: number, outputTokens: number): number {
  if (!price) return 0;
  return Math.round(inputTokens * price.input + outputTokens * price.output);
}
