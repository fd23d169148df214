/**
 * Exact, deployment-wide figures computed from D1 at scrape time (cheap aggregate queries).
 *
 * Content in the notebooks' own databases (issue 21): a scrape calls no object. The content backup (every
 * object, daily) and the hourly sweep (objects touched in the last two hours) record each object's `stats()`
 * in the registry (operations/content-stats.ts), and these gauges sum that table: one aggregate over one row
 * per object notebook, whatever the number of objects, at most a day old (`studyai_content_stats_oldest_age_seconds`
 * says how old). Counting on every content write would be exact to the second but put a registry write in every
 * ingestion and purge path. Content still in D1 (`content_layout = 'd1'`) is not counted here: a count(*) over
 * chunk at every scrape reads the whole table.
 */
import { contentTotals } from "../operations/content-stats";
import { ingestionHealth } from "../operations/queue-health";
import { periodStart } from "../usage/quotas";
import { renderGauge } from "./registry";

export async function renderD1Gauges(db: D1Database): Promise<string[]> {
  const [users, notebooks, layouts] = await db.batch<{ n: number; layout?: string }>([
    db.prepare("SELECT count(*) AS n FROM user"),
    db.prepare("SELECT count(*) AS n FROM notebook"),
    db.prepare("SELECT content_layout AS layout, count(*) AS n FROM notebook GROUP BY content_layout"),
  ]);
  const content = await contentTotals(db);
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
    ...renderGauge(
      "studyai_notebooks_by_content_layout",
      "Notebooks by where their content lives (object: its own Durable Object; d1: the primary; migrating).",
      (layouts?.results ?? []).map((r) => ({ labels: { layout: r.layout ?? "unknown" }, value: r.n })),
    ),
    ...renderGauge(
      "studyai_content_object_rows",
      "Rows in the notebooks' own databases as last measured, by kind (all = every content table).",
      [
        { labels: { kind: "pages" }, value: content.pages },
        { labels: { kind: "chunks" }, value: content.chunks },
        { labels: { kind: "vectors" }, value: content.vectors },
        { labels: { kind: "concepts" }, value: content.concepts },
        { labels: { kind: "all" }, value: content.rows },
      ],
    ),
    ...renderGauge("studyai_content_object_bytes", "Bytes of the notebooks' own databases as last measured.", [
      { value: content.bytes },
    ]),
    ...renderGauge("studyai_content_objects_measured", "Notebook objects with recorded figures.", [
      { value: content.notebooks },
    ]),
    ...renderGauge("studyai_content_stats_oldest_age_seconds", "Age of the oldest recorded object figure.", [
      { value: content.oldestSeconds },
    ]),
  ];
}
