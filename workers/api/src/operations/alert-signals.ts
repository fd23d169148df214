/**
 * What the alert rules look at, read once per hourly run: readiness (the same checks as /health/ready),
 * D1 (failed ingestions, the queue's oldest document, this month's spend) and, when ANALYTICS_ACCOUNT_ID and
 * ANALYTICS_API_TOKEN are set, the last hour of requests from Analytics Engine's SQL API. Without those,
 * the request rules are skipped (said so in the run's log line), never guessed.
 */
import { runReadinessChecks } from "../health/health.checks";
import type { AppConfig } from "../platform/config";
import { budgetState } from "../usage/budget";
import type { AlertSignals } from "./alert-rules";
import { ANALYTICS_DATASET } from "./analytics";
import { ingestionHealth } from "./queue-health";

const HOUR_MS = 3_600_000;
const SQL_TIMEOUT_MS = 10_000;

/** Failures that are ours: refusals by a budget, an allowance or a kill switch have their own alerts or none. */
const OUR_FAILURES = "coalesce(error_code, 'processing_failed') = 'processing_failed'";

/** The SQL the hourly run sends (also in docs/operations.md). `_sample_interval` undoes sampling. */
export const LAST_HOUR_REQUESTS_SQL = `SELECT
  SUM(_sample_interval) AS total,
  SUM(IF(double2 >= 500, _sample_interval, 0)) AS server_errors,
  SUM(IF(double2 = 429, _sample_interval, 0)) AS throttled,
  SUM(IF(blob5 = 'database-unavailable', _sample_interval, 0)) AS database_unavailable
FROM ${ANALYTICS_DATASET}
WHERE blob1 = 'request' AND timestamp > NOW() - INTERVAL '1' HOUR
FORMAT JSON`;

type SqlAnswer = { data?: Record<string, string | number>[] };

/** Runs one query on the Analytics Engine SQL API; null when not configured or it fails (logged by the caller). */
export async function analyticsSql(
  analytics: { accountId: string; apiToken: string } | undefined,
  sql: string,
): Promise<SqlAnswer | null> {
  if (!analytics) return null;
  const res = await fetch(
    `https://api.cloudflare.com/client/v4/accounts/${encodeURIComponent(analytics.accountId)}/analytics_engine/sql`,
    {
      method: "POST",
      headers: { authorization: `Bearer ${analytics.apiToken}`, "content-type": "text/plain" },
      body: sql,
      signal: AbortSignal.timeout(SQL_TIMEOUT_MS),
    },
  );
  if (!res.ok) throw new Error(`Analytics Engine SQL API answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  return (await res.json()) as SqlAnswer;
}

export async function readRequestSignals(config: AppConfig): Promise<AlertSignals["requests"]> {
  const answer = await analyticsSql(config.ops.analytics, LAST_HOUR_REQUESTS_SQL);
  if (!answer) return null;
  const row = answer.data?.[0] ?? {};
  const n = (key: string) => Number(row[key] ?? 0) || 0;
  return {
    total: n("total"),
    serverErrors: n("server_errors"),
    throttled: n("throttled"),
    databaseUnavailable: n("database_unavailable"),
  };
}

export async function readAlertSignals(
  env: Env,
  config: AppConfig,
  now: number,
): Promise<{ signals: AlertSignals; unavailable: string[] }> {
  const unavailable: string[] = [];
  // Each source on its own: when D1 is down the readiness rule must still fire.
  const guard = <T>(what: string, read: Promise<T>) =>
    read.catch((err: unknown) => {
      unavailable.push(`${what}: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    });
  const [checks, requests, failed, queue, budget] = await Promise.all([
    runReadinessChecks(env, config),
    guard("analytics", readRequestSignals(config)),
    guard(
      "d1 failed documents",
      env.DB.prepare(
        `SELECT count(*) AS n FROM document WHERE status = 'failed' AND updated_at >= ? AND ${OUR_FAILURES}`,
      )
        .bind(now - HOUR_MS)
        .first<{ n: number }>(),
    ),
    guard("d1 queue", ingestionHealth(env.DB, now)),
    guard("d1 budget", budgetState(env.DB, config.aiBudget, new Date(now))),
  ]);
  if (!config.ops.analytics) unavailable.push("analytics: not configured (ANALYTICS_ACCOUNT_ID / ANALYTICS_API_TOKEN)");
  return {
    signals: {
      readinessFailing: checks.filter((c) => !c.ok).map((c) => c.name),
      requests,
      failedIngestionsLastHour: failed ? failed.n : null,
      oldestQueuedAgeSeconds: queue ? queue.oldestQueuedAgeSeconds : null,
      budget: budget ? { spentUsd: budget.spentUsd, budgetUsd: budget.budgetUsd } : null,
    },
    unavailable,
  };
}
