/**
 * Embeddings under the AI budget guards (usage/budget.ts): a paid embedder (OpenAI, Workers AI) is refused
 * once the deployment's budget or the paying user's plan allowance is spent; the local hashing embedder
 * costs nothing and is never refused. There is no cheaper fallback for embeddings (one index never mixes
 * two models), so "degraded" changes nothing here.
 */
import { getConfig } from "../platform/config";
import { Problem } from "../platform/problem";
import { aiGuard } from "../usage/budget";
import type { Embedder } from "./embedder";

export const isFreeEmbedder = (embedder: Embedder) => embedder.model.startsWith("local/");

/** Why `userId` may not embed with `embedder` now, or undefined when they may. */
export async function embeddingRefusal(
  env: Env,
  embedder: Embedder,
  userId: string | null | undefined,
  now = new Date(),
): Promise<Problem | undefined> {
  if (isFreeEmbedder(embedder)) return undefined;
  if (!getConfig(env).ops.switches.paidEmbeddings) return paidEmbeddingsOff();
  const guard = await aiGuard(env.DB, getConfig(env).aiBudget, userId, now);
  return guard.level === "exhausted" ? guard.reason : undefined;
}

/** The operator's kill switch (PAID_EMBEDDINGS_ENABLED=false): same degradation as a spent budget. */
export function paidEmbeddingsOff(): Problem {
  return new Problem({
    status: 503,
    type: "paid-embeddings-off",
    title: "Paid embeddings switched off",
    detail:
      "The operator has switched paid embeddings off for now: new documents stop before their embeddings (retry them once it is back on) and search uses keywords only. Everything already indexed stays searchable by keyword.",
  });
}
