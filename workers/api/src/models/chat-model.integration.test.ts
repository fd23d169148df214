import { env } from "cloudflare:workers";
import { MockLanguageModelV4 } from "ai/test";
import { afterEach, describe, expect, it } from "vitest";
import { recordUsage } from "../usage/usage.store";
import { type ChatModel, chatModels, overrideChatModelsForTests } from "./chat-model";

afterEach(() => overrideChatModelsForTests(undefined));

const openai: ChatModel = { model: new MockLanguageModelV4(), provider: "openai", modelId: "gpt-4.1-mini" };
const workersAi: ChatModel = { model: new MockLanguageModelV4(), provider: "workers-ai", modelId: "llama" };

describe("the model chain under the AI budget", () => {
  it("prefers the configured provider, switches to the cheaper one past 80%, and stops past 100%", async () => {
    overrideChatModelsForTests([openai, workersAi]);
    // A month of its own (default budget 59 USD), so other tests' usage does not count.
    const now = new Date("2033-05-10T12:00:00Z");
    const spend = (usd: number) =>
      recordUsage(env.DB, {
        userId: null,
        kind: "answer",
        provider: "openai",
        model: "gpt-4.1-mini",
        inputTokens: (usd * 1e6) / 0.4,
        at: now,
      });

    expect((await chatModels(env, { userId: null, now })).chain.map((m) => m.provider)).toEqual([
      "openai",
      "workers-ai",
    ]);
    await spend(47.2); // 80% of 59
    expect((await chatModels(env, { userId: null, now })).chain.map((m) => m.provider)).toEqual([
      "workers-ai",
      "openai",
    ]);
    await spend(11.8); // 100%
    const exhausted = await chatModels(env, { userId: null, now });
    expect(exhausted.chain).toEqual([]);
    expect(exhausted.reason?.status).toBe(503);
    expect(exhausted.reason?.detail).toMatch(/budget.*Search and extractive answers still work/s);
  });

  it("has no chain and says why when no model is configured", async () => {
    const { chain, reason } = await chatModels(env, { userId: null });
    expect(chain).toEqual([]);
    expect(reason?.title).toBe("No language model configured");
  });
});
