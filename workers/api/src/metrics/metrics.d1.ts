/** Exact, deployment-wide figures computed from D1 at scrape time (cheap aggregate queries). */
import { ingestionHealth } from "../operations/queue-health";
import { periodStart } from "../usage/quotas";
import { renderGauge } from "./registry";

export async function renderD1Gauges(db: D1Database): Promise<string[]> {
  const [users, notebooks] = await db.batch<{ n: number }>([
    db.prepare("SELECT count(*) AS n FROM user"),
    db.prepare("SELECT count(*) AS n FROM notebook"),
  ]);
  const ingestion = await ingestionHealth(db);
  const { results: models } = await db
    .prepare(
      `SELECT provider, model, sum(input_tokens) AS input, sum(output_tokens) AS output, sum(cost_micro_usd) AS cost
       FROM usage_event WHERE created_at >= ? GROUP BY provider, model`,
    )
    .bind(periodStart("month", new Date()).getTime())
    .all<{ provider: string; model: string; input: number; output: number; cost: number }>();
  return [
    ...renderGauge(
      "studyai_documents",
      "Documents by ingestion status (queued = the ingest queue's backlog).",
      Object.entries(ingestion.byStatus).map(([status, value]) => ({ labels: { status }, value })),
    ),
    ...renderGauge("studyai_ingest_oldest_queued_age_seconds", "Age of the oldest document still queued.", [
      { value: ingestion.oldestQueuedAgeSeconds },
    ]),
    ...renderGauge("studyai_ingest_failed_24h", "Documents that failed (retries exhausted or dead-lettered) in 24 h.", [
      { value: ingestion.failedLast24h },
    ]),
    ...renderGauge(
      "studyai_model_tokens_month",
      "Model tokens this calendar month (UTC), by provider, model and direction.",
      models.flatMap((m) => [
        { labels: { provider: m.provider, model: m.model, direction: "input" }, value: m.input },
        { labels: { provider: m.provider, model: m.model, direction: "output" }, value: m.output },
      ]),
    ),
    ...renderGauge(
      "studyai_model_cost_usd_month",
      "Estimated model cost this calendar month (UTC), by provider and model.",
      models.map((m) => ({ labels: { provider: m.provider, model: m.model }, value: m.cost / 1_000_000 })),
    ),
    ...renderGauge("studyai_users", "Registered accounts.", [{ value: users?.results[0]?.n ?? 0 }]),
    ...renderGauge("studyai_notebooks", "Notebooks across all accounts.", [{ value: notebooks?.results[0]?.n ?? 0 }]),
  ];
}
