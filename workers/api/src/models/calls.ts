/**
 * The model seam's calls: every call to a language or embedding model ends in `recordModelCall` (a usage
 * event, then a trace when Langfuse is configured), and every chain of chat models is walked by
 * `runChain` (a provider that is down or rate limited hands over to the next one). Answers, study tools
 * and ingestion call models only through here, so cost, tracing and fallback are written once.
 */
import { modelCallDataPoint, writeAnalytics } from "../operations/analytics";
import { getConfig } from "../platform/config";
import type { Logger } from "../platform/logger";
import { recordUsage, type UsageEvent } from "../usage/usage.store";
import { type ChatModel, isRetryableProviderError } from "./chat-model";
import { traceModelCall } from "./tracing";

/** Who a model call is for, and where its logs go (the request's or the Workflow's logger). */
export type ModelCallContext = { env: Env; userId: string; notebookId: string | null; log: Logger };

/** Records a model call's usage event (user, notebook, provider, model, tokens, cost, latency) and traces it. */
export async function recordModelCall(env: Env, log: Logger, event: UsageEvent) {
  const { costMicroUsd, at, priced } = await recordUsage(env.DB, event);
  if (!priced) log.warn("no price for model", { provider: event.provider, model: event.model });
  writeAnalytics(
    env,
    modelCallDataPoint({
      kind: event.kind,
      provider: event.provider,
      model: event.model,
      latencyMs: event.latencyMs ?? 0,
      inputTokens: event.inputTokens ?? 0,
      outputTokens: event.outputTokens ?? 0,
      costMicroUsd,
      outcome: event.cacheHit ? "cache-hit" : "ok",
    }),
  );
  traceModelCall(
    getConfig(env).langfuse,
    {
      kind: event.kind,
      provider: event.provider,
      model: event.model,
      userId: event.userId,
      notebookId: event.notebookId ?? null,
      inputTokens: event.inputTokens ?? 0,
      outputTokens: event.outputTokens ?? 0,
      costUsd: costMicroUsd / 1_000_000,
      latencyMs: event.latencyMs ?? 0,
      cacheHit: Boolean(event.cacheHit),
      at,
    },
    log,
  );
}

/**
 * One usage event per embedding call to a paid provider (the local hashing embedder is free and is
 * not recorded). Tokens are estimated at ~4 characters each: embedding APIs bill input tokens only.
 */
export async function recordEmbeddingCall(
  env: Env,
  log: Logger,
  qualifiedModel: string,
  call: { userId: string; notebookId: string; texts: string[]; latencyMs: number },
) {
  const [provider = "", ...rest] = qualifiedModel.split("/");
  if (provider === "local") return;
  const inputTokens = Math.ceil(call.texts.reduce((n, t) => n + t.length, 0) / 4);
  await recordModelCall(env, log, {
    userId: call.userId,
    notebookId: call.notebookId,
    kind: "embedding",
    provider,
    model: rest.join("/"),
    inputTokens,
    latencyMs: call.latencyMs,
  });
}

export type ChainResult<T> = { ok: true; value: T; model: ChatModel } | { ok: false; error: unknown };

/**
 * Tries `attempt` with each model of `chain` in order; a failed call is a model point with outcome
 * `error` (or `aborted`) in Analytics Engine (successful ones are written by `recordModelCall`). `undefined` (the model produced nothing usable) or
 * a retryable provider error (429, 5xx, network) moves on to the next model; any other error — a bad key,
 * a bad request, which another provider would not fix either — or an aborted `signal` ends the chain.
 */
export async function runChain<T>(
  chain: readonly ChatModel[],
  attempt: (model: ChatModel) => Promise<T | undefined>,
  options: {
    env: Pick<Env, "ANALYTICS">;
    log: Logger;
    purpose: string;
    /** The usage kind the failed calls are counted under (default: the purpose). */
    kind?: string;
    signal?: AbortSignal;
  },
): Promise<ChainResult<T>> {
  let error: unknown;
  for (const model of chain) {
    const started = Date.now();
    try {
      const value = await attempt(model);
      if (value !== undefined) return { ok: true, value, model };
      error = undefined;
    } catch (err) {
      error = err;
      const aborted = options.signal?.aborted ?? false;
      const retryable = isRetryableProviderError(err);
      options.log.warn("model call failed", {
        purpose: options.purpose,
        provider: model.provider,
        model: model.modelId,
        aborted,
        retryable,
        error: err instanceof Error ? err.message : String(err),
      });
      writeAnalytics(
        options.env,
        modelCallDataPoint({
          kind: options.kind ?? options.purpose,
          provider: model.provider,
          model: model.modelId,
          latencyMs: Date.now() - started,
          inputTokens: 0,
          outputTokens: 0,
          costMicroUsd: 0,
          outcome: aborted ? "aborted" : "error",
        }),
      );
      if (aborted || !retryable) break;
    }
  }
  return { ok: false, error };
}
