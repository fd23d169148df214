/**
 * Structured generation for the study tools: the model chain from the seam, the output checked against
 * a zod schema by the `ai` SDK, then against the sources by the caller's `accept`. Output that fails
 * either check is retried once; a second failure is a 502 and nothing is stored. A provider that is
 * down or rate limited hands over to the next one in the chain, and every call records a usage event:
 * both at the model seam (models/calls.ts).
 */
import { generateText, NoObjectGeneratedError, Output } from "ai";
import type { z } from "zod";
import { recordModelCall, runChain } from "../models/calls";
import { type ChatModel, chatModels, noModelConfigured } from "../models/chat-model";
import type { Logger } from "../platform/logger";
import { Problem } from "../platform/problem";
import { planOf } from "../usage/plans";
import { consumeQuota, refundQuota } from "../usage/quotas";

/** Attempts at schema-valid, well-cited output before giving up (the first and one retry). */
const OUTPUT_ATTEMPTS = 2;

export const outputUnusable = () =>
  new Problem({
    status: 502,
    type: "model-output-invalid",
    title: "Language model output unusable",
    detail:
      "The language model twice returned output that did not match the expected structure or cited material it was not given. Nothing was saved; try again.",
  });

export const modelUnavailable = () =>
  new Problem({
    status: 503,
    type: "model-unavailable",
    title: "Language model unavailable",
    detail: "The language model could not be reached or refused the request. Nothing was saved; try again shortly.",
    headers: { "retry-after": "30" },
  });

/** The chain to generate with, or why not: no model configured (503), the AI budget (503) or the user's allowance (429) spent. */
export async function requireChatModels(env: Env, userId: string): Promise<ChatModel[]> {
  const { chain, reason } = await chatModels(env, { userId });
  if (!chain.length) throw reason ?? noModelConfigured();
  return chain;
}

/** Runs `work` paid by one unit of the daily "generations" quota, given back if it fails. */
export async function withGenerationQuota<T>(env: Env, userId: string, work: () => Promise<T>): Promise<T> {
  const { limits } = await planOf(env.DB, userId);
  await consumeQuota(env.DB, { userId, metric: "generations", period: "day", limit: limits.generationsPerDay });
  try {
    return await work();
  } catch (err) {
    await refundQuota(env.DB, { userId, metric: "generations", period: "day" });
    throw err;
  }
}

export type GenerationRequest<S extends z.ZodType, V> = {
  env: Env;
  chain: ChatModel[];
  log: Logger;
  usage: { userId: string; notebookId: string };
  schema: S;
  name: string;
  instructions: string;
  prompt: string;
  /** The usable value in schema-valid output, or undefined when nothing in it can be used (retried). */
  accept: (output: z.infer<S>) => V | undefined;
};

/** Generates, validates and accepts one structured output; throws a problem when it cannot. */
export async function generateStructured<S extends z.ZodType, V>(
  request: GenerationRequest<S, V>,
): Promise<{ value: V; model: ChatModel }> {
  const { env, log } = request;
  // Unusable output counts across the chain: a second model does not get a fresh pair of attempts.
  let unusable = 0;
  const result = await runChain(
    request.chain,
    async (model) => {
      while (unusable < OUTPUT_ATTEMPTS) {
        const started = Date.now();
        const record = (usage: { inputTokens?: number; outputTokens?: number } | undefined) =>
          recordModelCall(env, log, {
            ...request.usage,
            kind: "generation",
            provider: model.provider,
            model: model.modelId,
            inputTokens: usage?.inputTokens ?? 0,
            outputTokens: usage?.outputTokens ?? 0,
            latencyMs: Date.now() - started,
          });
        try {
          const generated = await generateText({
            model: model.model,
            instructions: request.instructions,
            prompt: request.prompt,
            output: Output.object({ schema: request.schema, name: request.name }),
          });
          await record(generated.totalUsage);
          const value = request.accept(generated.output as z.infer<S>);
          if (value !== undefined) return value;
          unusable += 1;
          log.warn("generated output cites nothing usable", { name: request.name, attempt: unusable });
        } catch (err) {
          if (!NoObjectGeneratedError.isInstance(err)) {
            await record(undefined);
            throw err;
          }
          await record(err.usage);
          unusable += 1;
          log.warn("generated output failed its schema", { name: request.name, attempt: unusable, error: err.message });
        }
      }
      throw outputUnusable();
    },
    { env, log, purpose: request.name, kind: "generation" },
  );
  if (result.ok) return { value: result.value, model: result.model };
  if (result.error instanceof Problem) throw result.error;
  throw modelUnavailable();
}
