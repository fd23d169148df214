import { env } from "cloudflare:workers";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { describe, expect, it } from "vitest";
import { bearer, call, createNotebook, signUp } from "../../test/helpers";
import { app } from "../app";
import { recordContentStats } from "../operations/content-stats";

type Family = {
  name: string;
  type: string;
  metrics: { labels?: Record<string, string>; value?: string; count?: string }[];
};

let lastText = "";

/** Scrapes and parses; the parser throws on any line that is not valid exposition format. */
async function scrape(): Promise<Family[]> {
  const res = await call("/metrics");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain; version=0.0.4");
  lastText = await res.text();
  return parsePrometheusTextFormat(lastText) as Family[];
}

function requestsFor(families: Family[], route: string, status: string): number {
  const family = families.find((f) => f.name === "studyai_http_requests_total");
  const sample = family?.metrics.find((m) => m.labels?.route === route && m.labels?.status === status);
  return Number(sample?.value ?? 0);
}

describe("/metrics", () => {
  it("parses as Prometheus text and moves when requests are made", async () => {
    const before = await scrape();
    const names = before.map((f) => f.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "studyai_http_request_duration_seconds",
        "studyai_isolate_uptime_seconds",
        "studyai_users",
        "studyai_notebooks",
        "studyai_ingest_oldest_queued_age_seconds",
        "studyai_ingest_failed_24h",
      ]),
    );
    const healthBefore = requestsFor(before, "/health", "200");
    const missingBefore = requestsFor(before, "unmatched", "404");

    await call("/health");
    await call("/health");
    await call("/no-such-route");

    const after = await scrape();
    expect(requestsFor(after, "/health", "200")).toBe(healthBefore + 2);
    expect(requestsFor(after, "unmatched", "404")).toBe(missingBefore + 1);
    const histogram = after.find((f) => f.name === "studyai_http_request_duration_seconds");
    expect(histogram?.type).toBe("HISTOGRAM");
    // This parser flattens labelled histograms, so read the series' count line directly.
    const count = /^studyai_http_request_duration_seconds_count\{method="GET",route="\/health"\} (\d+)$/m.exec(
      lastText,
    );
    expect(Number(count?.[1])).toBeGreaterThanOrEqual(2);
  });

  it("sums the notebooks' objects from the figures recorded in the registry, calling no object", async () => {
    const gauge = (families: Family[], name: string, labels: Record<string, string> = {}) =>
      Number(
        families
          .find((f) => f.name === name)
          ?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))?.value ?? 0,
      );
    const before = await scrape();
    expect(before.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        "studyai_notebooks_by_content_layout",
        "studyai_content_object_rows",
        "studyai_content_object_bytes",
        "studyai_content_objects_measured",
        "studyai_content_stats_oldest_age_seconds",
      ]),
    );
    const auth = bearer(await signUp());
    const notebookId = await createNotebook(auth);
    await recordContentStats(env.DB, [
      { notebookId, stats: { rows: { document_page: 2, chunk: 7, chunk_vector: 7, concept: 3 }, bytes: 40_960 } },
    ]);
    const after = await scrape();
    expect(gauge(after, "studyai_content_object_rows", { kind: "chunks" })).toBe(
      gauge(before, "studyai_content_object_rows", { kind: "chunks" }) + 7,
    );
    expect(gauge(after, "studyai_content_object_rows", { kind: "all" })).toBe(
      gauge(before, "studyai_content_object_rows", { kind: "all" }) + 19,
    );
    expect(gauge(after, "studyai_content_object_bytes")).toBe(gauge(before, "studyai_content_object_bytes") + 40_960);
    expect(gauge(after, "studyai_content_objects_measured")).toBe(
      gauge(before, "studyai_content_objects_measured") + 1,
    );
    expect(gauge(after, "studyai_notebooks_by_content_layout", { layout: "object" })).toBe(
      gauge(before, "studyai_notebooks_by_content_layout", { layout: "object" }) + 1,
    );
    expect(gauge(after, "studyai_content_stats_oldest_age_seconds")).toBeGreaterThanOrEqual(0);
  });

  it("requires the metrics token when one is configured", async () => {
    const withToken = { ...env, METRICS_TOKEN: "scrape-secret" };
    expect((await app.request("/metrics", {}, withToken)).status).toBe(401);
    const ok = await app.request("/metrics", { headers: { authorization: "Bearer scrape-secret" } }, withToken);
    expect(ok.status).toBe(200);
  });
});
