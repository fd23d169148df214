/**
 * Alerts as code (issue 17.2): the rules, the deduplication, the payload shapes, and the hourly run end to
 * end against a local fake receiver: `fetch` replaced at the seam (the webhook and the Analytics Engine SQL
 * API are outside services), everything else real (D1 state, readiness checks, budget).
 */
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parseConfig } from "../platform/config";
import { createLogger } from "../platform/logger";
import { alertPayloads } from "./alert-delivery";
import { type AlertSignals, decideNotifications, evaluateRules, REPEAT_MS } from "./alert-rules";
import { LAST_HOUR_REQUESTS_SQL } from "./alert-signals";
import { runAlerts } from "./alerts";

const HOOK = "https://hooks.example.test/alerts";
const log = createLogger({ component: "alerts-test" });
const quietHour = { total: 1000, serverErrors: 1, throttled: 3, databaseUnavailable: 0 };
const calm: AlertSignals = {
  readinessFailing: [],
  requests: quietHour,
  failedIngestionsLastHour: 0,
  oldestQueuedAgeSeconds: 5,
  budget: { spentUsd: 1, budgetUsd: 59 },
};
const thresholds = { maxOldestQueuedAgeSeconds: 900 };
const firing = (s: AlertSignals) =>
  evaluateRules(s, thresholds)
    .filter((v) => v.firing)
    .map((v) => v.rule);

type Received = { url: string; body: unknown };
const textOf = (r: Received | undefined) => (r?.body as { text?: string } | undefined)?.text ?? "";

/** A fake receiver at the fetch seam: records every POST, answers `status`; the SQL API answers `sqlRow`. */
function fakeReceiver(options: { status?: number; sqlRow?: Record<string, number> } = {}) {
  const received: Received[] = [];
  const sql: string[] = [];
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const body = String(init?.body ?? "");
    if (url.includes("/analytics_engine/sql")) {
      sql.push(body);
      return Response.json({ data: [options.sqlRow ?? {}] });
    }
    received.push({ url, body: JSON.parse(body) });
    return new Response(null, { status: options.status ?? 200 });
  });
  return { received, sql };
}

const configWith = (vars: Record<string, string | undefined>) =>
  parseConfig({ ...env, ALERT_WEBHOOK_URL: HOOK, ...vars } as unknown as Record<string, unknown>);

beforeEach(async () => {
  await env.DB.prepare("DELETE FROM alert_state").run();
});
afterEach(() => vi.restoreAllMocks());

describe("alert rules", () => {
  it("a calm hour fires nothing", () => {
    expect(firing(calm)).toEqual([]);
  });

  it("each rule fires on its own signal, at its threshold", () => {
    expect(firing({ ...calm, readinessFailing: ["d1"] })).toEqual(["readiness-failing"]);
    expect(firing({ ...calm, requests: { ...quietHour, serverErrors: 21 } })).toEqual(["error-rate-5xx"]);
    expect(firing({ ...calm, requests: { ...quietHour, serverErrors: 20 } })).toEqual([]);
    // A few errors on a quiet hour are not an incident.
    expect(firing({ ...calm, requests: { total: 10, serverErrors: 5, throttled: 0, databaseUnavailable: 0 } })).toEqual(
      [],
    );
    expect(firing({ ...calm, requests: { ...quietHour, throttled: 101 } })).toEqual(["throttled-spike"]);
    expect(firing({ ...calm, requests: { ...quietHour, databaseUnavailable: 1 } })).toEqual(["database-unavailable"]);
    expect(firing({ ...calm, failedIngestionsLastHour: 3 })).toEqual(["ingestion-failed"]);
    expect(firing({ ...calm, oldestQueuedAgeSeconds: 901 })).toEqual(["queue-oldest-age"]);
    expect(firing({ ...calm, budget: { spentUsd: 47.2, budgetUsd: 59 } })).toEqual(["budget-80"]);
    expect(firing({ ...calm, budget: { spentUsd: 59, budgetUsd: 59 } })).toEqual(["budget-80", "budget-100"]);
  });

  it("without request metrics those rules are skipped, not guessed", () => {
    const verdicts = evaluateRules({ ...calm, requests: null }, thresholds);
    const skipped = verdicts.filter((v) => v.firing === undefined).map((v) => v.rule);
    expect(skipped).toEqual(["error-rate-5xx", "throttled-spike", "database-unavailable"]);
  });
});

describe("deduplication", () => {
  it("notifies when a rule starts firing, repeats every 6 h while it fires, and once when it resolves", () => {
    const t0 = Date.UTC(2026, 0, 1);
    const hot = evaluateRules({ ...calm, readinessFailing: ["r2"] }, thresholds);
    const first = decideNotifications(hot, new Map(), t0);
    expect(first.notify.map((n) => `${n.rule}:${n.change}`)).toEqual(["readiness-failing:firing"]);
    const remember = (states: typeof first.states) => new Map(states.map((s) => [s.rule, s]));

    const hourLater = decideNotifications(hot, remember(first.states), t0 + 3_600_000);
    expect(hourLater.notify).toEqual([]);
    const later = decideNotifications(hot, remember(hourLater.states), t0 + REPEAT_MS);
    expect(later.notify.map((n) => `${n.rule}:${n.change}:${n.since}`)).toEqual([
      `readiness-failing:still-firing:${t0}`,
    ]);

    const cool = decideNotifications(evaluateRules(calm, thresholds), remember(later.states), t0 + REPEAT_MS + 1);
    expect(cool.notify.map((n) => `${n.rule}:${n.change}`)).toEqual(["readiness-failing:resolved"]);
    expect(
      decideNotifications(evaluateRules(calm, thresholds), remember(cool.states), t0 + 2 * REPEAT_MS).notify,
    ).toEqual([]);
  });
});

describe("payloads", () => {
  const ctx = { environment: "production", appUrl: "https://studyai.example.com", version: "1.2.3" };
  const [notification] = decideNotifications(
    evaluateRules({ ...calm, readinessFailing: ["d1"] }, thresholds),
    new Map(),
    0,
  ).notify;
  if (!notification) throw new Error("expected a notification");
  const n = notification;

  it("Slack and Discord get one text message; Discord's is capped at 2,000 characters", () => {
    const [slack] = alertPayloads("slack", [n], ctx) as { text: string }[];
    expect(slack?.text).toMatch(/studyAI production: 1 alert/);
    expect(slack?.text).toContain("[CRITICAL] readiness-failing: /health/ready is failing: d1");
    const many = Array.from({ length: 60 }, () => n);
    const [discord] = alertPayloads("discord", many, ctx) as { content: string }[];
    expect(discord?.content.length).toBeLessThanOrEqual(2000);
  });

  it("PagerDuty gets one Events v2 event per alert, keyed per rule, resolve on resolve", () => {
    const [trigger] = alertPayloads("pagerduty", [n], ctx, "R0UTING") as Record<string, unknown>[];
    expect(trigger).toMatchObject({
      routing_key: "R0UTING",
      event_action: "trigger",
      dedup_key: "studyai-production-readiness-failing",
      payload: { severity: "critical", source: ctx.appUrl },
    });
    const [resolve] = alertPayloads("pagerduty", [{ ...n, change: "resolved" }], ctx, "R0UTING") as Record<
      string,
      unknown
    >[];
    expect(resolve?.event_action).toBe("resolve");
  });
});

describe("the hourly run, against a fake receiver", () => {
  // The suite shares one database: documents other test files left failed or queued would fire the ingestion
  // rules here too. Each test below starts from a calm database and sets off only the signal it checks.
  beforeEach(async () => {
    await env.DB.prepare("UPDATE document SET status = 'rejected' WHERE status IN ('failed', 'queued')").run();
  });

  it("sends what starts firing once, nothing while unchanged, again after the repeat interval, and the resolution", async () => {
    const { received } = fakeReceiver();
    const spent = configWith({ ALERT_WEBHOOK_FORMAT: "slack", AI_MONTHLY_BUDGET_USD: "0" });
    const t0 = Date.now();
    const first = await runAlerts(env, spent, log, t0);
    expect(first.firing).toEqual(expect.arrayContaining(["budget-80", "budget-100"]));
    expect(received).toHaveLength(1);
    expect(received[0]?.url).toBe(HOOK);
    expect(textOf(received[0])).toMatch(/\[CRITICAL\] budget-100: AI spend this month/);

    await runAlerts(env, spent, log, t0 + 3_600_000);
    expect(received).toHaveLength(1);
    await runAlerts(env, spent, log, t0 + REPEAT_MS);
    expect(received).toHaveLength(2);
    expect(textOf(received[1])).toMatch(/firing since/);

    const resolved = await runAlerts(env, configWith({ ALERT_WEBHOOK_FORMAT: "slack" }), log, t0 + REPEAT_MS + 1);
    expect(resolved.notified).toEqual(expect.arrayContaining(["budget-80:resolved", "budget-100:resolved"]));
    expect(textOf(received[2])).toMatch(/\[RESOLVED\] budget-100/);
  });

  it("a receiver that refuses keeps the alert pending: it is sent again on the next run", async () => {
    const down = fakeReceiver({ status: 500 });
    const broken = { ...env, INGEST_QUEUE: undefined } as unknown as Env;
    const config = configWith({ ALERT_WEBHOOK_FORMAT: "pagerduty", ALERT_ROUTING_KEY: "R0UTING" });
    const t0 = Date.now();
    const failed = await runAlerts(broken, config, log, t0);
    expect(failed.firing).toContain("readiness-failing");
    expect(failed.delivery).toBe("webhook answered 500");
    expect(down.received).toHaveLength(1);
    vi.restoreAllMocks();

    const up = fakeReceiver();
    await runAlerts(broken, config, log, t0 + 3_600_000);
    expect(up.received.map((r) => (r.body as { dedup_key: string }).dedup_key)).toEqual([
      "studyai-test-readiness-failing",
    ]);
    expect(up.received[0]?.body).toMatchObject({ event_action: "trigger", routing_key: "R0UTING" });
  });

  it("reads the last hour of requests from the Analytics Engine SQL API when configured", async () => {
    const { received, sql } = fakeReceiver({
      sqlRow: { total: 1000, server_errors: 50, throttled: 0, database_unavailable: 2 },
    });
    const config = configWith({ ANALYTICS_ACCOUNT_ID: "acc", ANALYTICS_API_TOKEN: "tok" });
    const run = await runAlerts(env, config, log, Date.now());
    expect(sql).toEqual([LAST_HOUR_REQUESTS_SQL]);
    expect(run.firing).toEqual(expect.arrayContaining(["error-rate-5xx", "database-unavailable"]));
    const alerts = (received[0]?.body as { alerts: { rule: string }[] } | undefined)?.alerts ?? [];
    expect(alerts.map((a) => a.rule)).toEqual(expect.arrayContaining(["error-rate-5xx", "database-unavailable"]));
    expect(run.skipped).toEqual([]);
  });

  it("without Analytics Engine the request rules are skipped and the run says so", async () => {
    fakeReceiver();
    const run = await runAlerts(env, configWith({}), log, Date.now());
    expect(run.skipped).toEqual(
      expect.arrayContaining([
        "error-rate-5xx",
        "throttled-spike",
        "database-unavailable",
        expect.stringMatching(/not configured/),
      ]),
    );
  });
});
