/**
 * The language-model seam. Everything that generates text (answers, flashcards, quizzes, guides)
 * asks here for its model chain, in order of preference:
 *   OpenAI (or any OpenAI-compatible base URL) → Workers AI instruct model (when bound).
 * The monthly AI budget guard reorders or empties the chain; an empty chain means "no model": callers
 * degrade (extractive answers) or answer 503 — they never fake output.
 * Tests replace the chain with the `ai` SDK's mock models through `overrideChatModelsForTests`.
 */
import { createOpenAI } from "@ai-sdk/openai";
import type { LanguageModel } from "ai";
import { createWorkersAI } from "workers-ai-provider";
import { getConfig } from "../platform/config";
import { Problem } from "../platform/problem";
import { aiGuard } from "../usage/budget";

export const WORKERS_AI_CHAT_MODEL = "@cf/meta/llama-3.1-8b-instruct-fast";

export type ChatModel = {
  model: LanguageModel;
  /** For usage events and the price table. */
  provider: "openai" | "workers-ai" | "test";
  modelId: string;
};

let testOverride: ChatModel[] | undefined;
let testOverrideInBackground = false;

/**
 * Test seam: the chain every caller gets until reset with `undefined`. The test suite shares one runtime, so
 * background work (an ingestion Workflow's model step for a document some test uploaded) would otherwise
 * consume the scripted replies another test waits for: it sees the override only when `background` is set.
 */
export function overrideChatModelsForTests(models: ChatModel[] | undefined, { background = false } = {}) {
  testOverride = models;
  testOverrideInBackground = models !== undefined && background;
}

/** Whether background work (not a request) may call a model: always outside tests. */
export function backgroundModelsAllowed(): boolean {
  return testOverride === undefined || testOverrideInBackground;
}

/** Configured models, best first, ignoring the budget. */
export function configuredChatModels(env: Env): ChatModel[] {
  if (testOverride) return testOverride;
  const config = getConfig(env);
  const chain: ChatModel[] = [];
  if (config.openai.apiKey || config.openai.baseUrl) {
    const openai = createOpenAI({ apiKey: config.openai.apiKey ?? "not-needed", baseURL: config.openai.baseUrl });
    // Chat Completions: the API every OpenAI-compatible server (AI Gateway, Ollama, vLLM) speaks.
    chain.push({ model: openai.chat(config.llmModel), provider: "openai", modelId: config.llmModel });
  }
  if (env.AI) {
    const workersAi = createWorkersAI({ binding: env.AI });
    chain.push({ model: workersAi(WORKERS_AI_CHAT_MODEL), provider: "workers-ai", modelId: WORKERS_AI_CHAT_MODEL });
  }
  return chain;
}

/**
 * The chain to use now for `userId` (who pays): past 80% of the deployment's budget or of the user's
 * plan allowance the cheaper provider goes first; past 100% of either the chain is empty and `reason`
 * says why (usage/budget.ts).
 */
export async function chatModels(
  env: Env,
  caller: { userId: string | null; now?: Date },
): Promise<{ chain: ChatModel[]; reason?: Problem }> {
  if (!getConfig(env).ops.switches.generation) return { chain: [], reason: generationOff() };
  const chain = configuredChatModels(env);
  if (!chain.length) return { chain, reason: noModelConfigured() };
  const state = await aiGuard(env.DB, getConfig(env).aiBudget, caller.userId, caller.now);
  if (state.level === "exhausted") return { chain: [], reason: state.reason };
  if (state.level === "degraded") {
    const cheaper = chain.filter((m) => m.provider === "workers-ai");
    return { chain: cheaper.length ? [...cheaper, ...chain.filter((m) => m.provider !== "workers-ai")] : chain };
  }
  return { chain };
}

export function noModelConfigured(): Problem {
  return new Problem({
    status: 503,
    type: "no-language-model",
    title: "No language model configured",
    detail:
      "Generating this needs a language model, and none is configured (set OPENAI_API_KEY or OPENAI_BASE_URL, or bind Workers AI). Manual flashcards, reviews, search and extractive answers work without one.",
  });
}

/** The operator's kill switch (GENERATION_ENABLED=false): no model call, whatever is configured. */
export function generationOff(): Problem {
  return new Problem({
    status: 503,
    type: "generation-off",
    title: "Generation switched off",
    detail:
      "The operator has switched text generation off for now: generated answers, flashcards, quizzes and guides are paused. Search, extractive answers, manual flashcards and reviews still work.",
  });
}

/** Whether an error from a provider should make us try the next one (rate limited, overloaded, down). */
export function isRetryableProviderError(err: unknown): boolean {
  const status = (err as { statusCode?: number; status?: number })?.statusCode ?? (err as { status?: number })?.status;
  if (status === 429 || (status !== undefined && status >= 500)) return true;
  const name = (err as { name?: string })?.name ?? "";
  return name === "AI_APICallError" && status === undefined;
}
