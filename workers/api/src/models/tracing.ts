/**
 * Optional model-call tracing to Langfuse, part of the model seam (models/calls.ts calls it after each
 * usage event). Off unless LANGFUSE_PUBLIC_KEY and LANGFUSE_SECRET_KEY are set (platform/config.ts): each
 * model call becomes a trace with one generation, sent after the response through `waitUntil`, so tracing
 * never adds latency and its failure never fails a request.
 */
import { waitUntil } from "cloudflare:workers";
import type { LangfuseConfig } from "../platform/config";
import { errorFields, type Logger } from "../platform/logger";

export type TracedCall = {
  kind: string;
  provider: string;
  model: string;
  userId: string | null;
  notebookId: string | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs: number;
  cacheHit: boolean;
  at: Date;
};

/** The ingestion batch for one call: a trace and its generation. */
export function langfuseBatch(call: TracedCall) {
  const traceId = crypto.randomUUID();
  const end = call.at.toISOString();
  const start = new Date(call.at.getTime() - call.latencyMs).toISOString();
  const metadata = { provider: call.provider, notebookId: call.notebookId, cacheHit: call.cacheHit };
  return {
    batch: [
      {
        id: crypto.randomUUID(),
        type: "trace-create",
        timestamp: end,
        body: {
          id: traceId,
          name: `studyai.${call.kind}`,
          userId: call.userId ?? undefined,
          metadata,
          timestamp: start,
        },
      },
      {
        id: crypto.randomUUID(),
        type: "generation-create",
        timestamp: end,
        body: {
          id: crypto.randomUUID(),
          traceId,
          name: call.kind,
          model: call.model,
          startTime: start,
          endTime: end,
          usageDetails: { input: call.inputTokens, output: call.outputTokens },
          costDetails: { total: call.costUsd },
          metadata,
        },
      },
    ],
  };
}

export async function sendToLangfuse(config: LangfuseConfig, call: TracedCall, fetchImpl: typeof fetch = fetch) {
  const res = await fetchImpl(`${config.baseUrl}/api/public/ingestion`, {
    method: "POST",
    headers: {
      authorization: `Basic ${btoa(`${config.publicKey}:${config.secretKey}`)}`,
      "content-type": "application/json",
    },
    body: JSON.stringify(langfuseBatch(call)),
    signal: AbortSignal.timeout(5000),
  });
  if (!res.ok && res.status !== 207) throw new Error(`Langfuse answered ${res.status}`);
}

/** Fire-and-forget when configured; does nothing otherwise. */
export function traceModelCall(config: LangfuseConfig | null, call: TracedCall, log: Logger) {
  if (!config) return;
  waitUntil(sendToLangfuse(config, call).catch((err) => log.warn("langfuse trace failed", errorFields(err))));
}
