/** Usage events: one row per model call (or cache hit), with an estimated cost from the price table. */

import { newId } from "../platform/ids";
import { costMicroUsd, priceOf } from "./prices";

export type UsageKind = "embedding" | "answer" | "generation" | "rerank" | "rewrite" | "ocr";

export type UsageEvent = {
  userId: string | null;
  notebookId?: string | null;
  kind: UsageKind;
  provider: string;
  model: string;
  inputTokens?: number;
  outputTokens?: number;
  latencyMs?: number;
  cacheHit?: boolean;
  at?: Date;
};

/** Writes the usage event; nothing else (tracing is the model seam's: models/calls.ts). */
export async function recordUsage(
  db: D1Database,
  event: UsageEvent,
): Promise<{ costMicroUsd: number; at: Date; priced: boolean }> {
  const price = priceOf(event.provider, event.model);
  const input = event.inputTokens ?? 0;
  const output = event.outputTokens ?? 0;
  const cost = event.cacheHit ? 0 : costMicroUsd(price, input, output);
  const at = event.at ?? new Date();
  await db
    .prepare(
      `INSERT INTO usage_event (id, user_id, notebook_id, kind, provider, model, input_tokens, output_tokens,
         cost_micro_usd, latency_ms, cache_hit, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      newId("use", at.getTime()),
      event.userId,
      event.notebookId ?? null,
      event.kind,
      event.provider,
      event.model,
      input,
      output,
      cost,
      Math.round(event.latencyMs ?? 0),
      event.cacheHit ? 1 : 0,
      at.getTime(),
    )
    .run();
  // `priced`: false when the price table has no entry for a paid model (its cost is then recorded as 0).
  return { costMicroUsd: cost, at, priced: Boolean(price) || event.provider === "local" };
}

type Totals = { calls: number; inputTokens: number; outputTokens: number; costUsd: number; cacheHits: number };
type Row = { calls: number; input: number; output: number; cost: number; hits: number };

const totals = (r: Row): Totals => ({
  calls: r.calls,
  inputTokens: r.input,
  outputTokens: r.output,
  costUsd: r.cost / 1_000_000,
  cacheHits: r.hits,
});

const AGGREGATES =
  "count(*) AS calls, sum(input_tokens) AS input, sum(output_tokens) AS output, sum(cost_micro_usd) AS cost, sum(cache_hit) AS hits";

/** The caller's usage between `from` and `to`: totals, and by day (UTC), notebook and model. */
export async function usageSummary(db: D1Database, userId: string, from: Date, to: Date) {
  const where = "WHERE user_id = ?1 AND created_at >= ?2 AND created_at < ?3";
  const bind = (sql: string) => db.prepare(sql).bind(userId, from.getTime(), to.getTime());
  const [total, byDay, byNotebook, byModel] = await db.batch<Row & { key: string; provider?: string }>([
    bind(`SELECT ${AGGREGATES} FROM usage_event ${where}`),
    bind(
      `SELECT strftime('%Y-%m-%d', created_at / 1000, 'unixepoch') AS key, ${AGGREGATES} FROM usage_event ${where} GROUP BY key ORDER BY key`,
    ),
    bind(
      `SELECT coalesce(notebook_id, '') AS key, ${AGGREGATES} FROM usage_event ${where} GROUP BY key ORDER BY cost DESC`,
    ),
    bind(
      `SELECT model AS key, provider, ${AGGREGATES} FROM usage_event ${where} GROUP BY provider, model ORDER BY cost DESC`,
    ),
  ]);
  const t = total?.results[0];
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    totals: totals({
      calls: t?.calls ?? 0,
      input: t?.input ?? 0,
      output: t?.output ?? 0,
      cost: t?.cost ?? 0,
      hits: t?.hits ?? 0,
    }),
    byDay: (byDay?.results ?? []).map((r) => ({ day: r.key, ...totals(r) })),
    byNotebook: (byNotebook?.results ?? []).map((r) => ({ notebookId: r.key || null, ...totals(r) })),
    byModel: (byModel?.results ?? []).map((r) => ({ provider: r.provider ?? "", model: r.key, ...totals(r) })),
  };
}

/** Deployment-wide AI spend in [from, to), in micro-dollars (the budget guard's input). */
export async function spendSince(db: D1Database, from: Date, to = new Date(8.64e15)): Promise<number> {
  const row = await db
    .prepare(
      "SELECT coalesce(sum(cost_micro_usd), 0) AS cost FROM usage_event WHERE created_at >= ? AND created_at < ?",
    )
    .bind(from.getTime(), to.getTime())
    .first<{ cost: number }>();
  return row?.cost ?? 0;
}

/** One user's AI spend in [from, to), in micro-dollars (their plan's monthly allowance is checked on it). */
export async function userSpendSince(db: D1Database, userId: string, from: Date, to: Date): Promise<number> {
  const row = await db
    .prepare(
      "SELECT coalesce(sum(cost_micro_usd), 0) AS cost FROM usage_event WHERE user_id = ? AND created_at >= ? AND created_at < ?",
    )
    .bind(userId, from.getTime(), to.getTime())
    .first<{ cost: number }>();
  return row?.cost ?? 0;
}
