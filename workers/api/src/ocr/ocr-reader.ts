/**
 * The OCR seam, like the embedder and the chat-model chain: who reads a scanned page's image during
 * ingestion (OCR_PROVIDER).
 *   workers-ai — a Workers AI vision model (the production default, `@cf/meta/llama-4-scout-17b-16e-instruct`:
 *                multimodal and multilingual, so Portuguese and Spanish pages read like English ones);
 *   openai     — any OpenAI-compatible vision model through the `ai` SDK (OPENAI_BASE_URL, e.g. a local server);
 *   none       — the local default: scanned pages stay `needs-ocr` and the student's browser may read them.
 * Tests replace the reader with the `ai` SDK's mock model through `overrideOcrReaderForTests`.
 */
import { createOpenAI } from "@ai-sdk/openai";
import type { LanguageModel } from "ai";
import { createWorkersAI } from "workers-ai-provider";
import { getConfig } from "../platform/config";

export const WORKERS_AI_OCR_MODEL = "@cf/meta/llama-4-scout-17b-16e-instruct";
export const OPENAI_OCR_MODEL = "gpt-4.1-mini";

export type OcrReader = { model: LanguageModel; provider: "workers-ai" | "openai" | "test"; modelId: string };

let testOverride: OcrReader | null | undefined;

/** Test seam: the reader every caller gets (null: none) until reset with `undefined`. */
export function overrideOcrReaderForTests(reader: OcrReader | null | undefined) {
  testOverride = reader;
}

/** The configured reader, or null when this deployment reads no scans itself. */
export function ocrReaderFor(env: Env): OcrReader | null {
  if (testOverride !== undefined) return testOverride;
  const { ocr, openai } = getConfig(env);
  if (ocr.provider === "workers-ai") {
    if (!env.AI) throw new Error("OCR_PROVIDER is workers-ai but the AI binding is missing");
    const modelId = ocr.model ?? WORKERS_AI_OCR_MODEL;
    return { model: createWorkersAI({ binding: env.AI })(modelId), provider: "workers-ai", modelId };
  }
  if (ocr.provider === "openai") {
    const modelId = ocr.model ?? OPENAI_OCR_MODEL;
    const client = createOpenAI({ apiKey: openai.apiKey ?? "not-needed", baseURL: openai.baseUrl });
    // Chat Completions with an image part: what every OpenAI-compatible vision server speaks.
    return { model: client.chat(modelId), provider: "openai", modelId };
  }
  return null;
}
