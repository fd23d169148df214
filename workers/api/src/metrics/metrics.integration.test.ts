import { env } from "cloudflare:workers";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { describe, expect, it } from "vitest";
import { call } from "../../test/helpers";
import { app } from "../app";

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

  it("requires the metrics token when one is configured", async () => {
    const withToken = { ...env, METRICS_TOKEN: "scrape-secret" };
    expect((await app.request("/metrics", {}, withToken)).status).toBe(401);
    const ok = await app.request("/metrics", { headers: { authorization: "Bearer scrape-secret" } }, withToken);
    expect(ok.status).toBe(200);
  });
});
