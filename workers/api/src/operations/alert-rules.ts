/**
 * Alerts as code: the rules an on-call engineer is paged by, evaluated every hour by the cleanup cron
 * (operations/alerts.ts) over signals read from D1, the readiness checks and, when configured, Analytics
 * Engine (alert-signals.ts). Pure: signals in, verdicts out, so every rule is unit-tested.
 *
 * Thresholds and why:
 * - readiness: any failing check; the same checks a load balancer or Health Check sees.
 * - 5xx rate: over 2% of the last hour's requests, with at least 50 requests (a single error on a quiet
 *   hour is not an incident; 2% is ten times the background rate of a healthy Worker).
 * - 429 spike: over 10% of requests were refused by a limiter or quota, with at least 100 (students hit their
 *   own quotas every day; a tenth of all traffic means a limit is wrong or someone is hammering us).
 * - D1 503s: any request answered "database unavailable" in the hour (D1 outages are rare and visible).
 * - failed ingestion: 3 or more documents ended `failed` (our side; a broken file ends `rejected`) in the hour.
 * - oldest queued: the readiness threshold QUEUE_MAX_OLDEST_AGE_SECONDS (default 15 minutes).
 * - budget: 80% of the monthly AI budget (answers move to the cheaper provider) and 100% (model calls stop).
 */
export type Severity = "critical" | "warning";

export type AlertSignals = {
  readinessFailing: string[];
  /** From Analytics Engine over the last hour; null when it is not configured or did not answer. */
  requests: { total: number; serverErrors: number; throttled: number; databaseUnavailable: number } | null;
  /** From D1; null when D1 did not answer (those rules are skipped; readiness then fires on its own). */
  failedIngestionsLastHour: number | null;
  oldestQueuedAgeSeconds: number | null;
  budget: { spentUsd: number; budgetUsd: number } | null;
};

export type AlertThresholds = { maxOldestQueuedAgeSeconds: number };

export type Verdict = {
  rule: string;
  severity: Severity;
  /** undefined: the signal is not available, so the rule is skipped (its state is left as it was). */
  firing: boolean | undefined;
  value: number;
  summary: string;
};

type Rule = {
  name: string;
  severity: Severity;
  evaluate: (s: AlertSignals, t: AlertThresholds) => Omit<Verdict, "rule" | "severity">;
};

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

/** A rule over one signal: skipped (firing undefined) when that signal could not be read. */
function signalRule<T>(
  name: string,
  severity: Severity,
  read: (s: AlertSignals) => T | null,
  evaluate: (signal: T, t: AlertThresholds) => Omit<Verdict, "rule" | "severity">,
): Rule {
  return {
    name,
    severity,
    evaluate: (s, t) => {
      const signal = read(s);
      return signal === null ? { firing: undefined, value: 0, summary: "signal unavailable" } : evaluate(signal, t);
    },
  };
}

const requestRule = (
  name: string,
  severity: Severity,
  evaluate: (r: NonNullable<AlertSignals["requests"]>) => Omit<Verdict, "rule" | "severity">,
) => signalRule(name, severity, (s) => s.requests, evaluate);

export const ALERT_RULES: Rule[] = [
  {
    name: "readiness-failing",
    severity: "critical",
    evaluate: (s) => ({
      firing: s.readinessFailing.length > 0,
      value: s.readinessFailing.length,
      summary: s.readinessFailing.length
        ? `/health/ready is failing: ${s.readinessFailing.join(", ")}`
        : "/health/ready passes",
    }),
  },
  requestRule("error-rate-5xx", "critical", (r) => {
    const rate = r.total ? r.serverErrors / r.total : 0;
    return {
      firing: r.total >= 50 && rate > 0.02,
      value: rate,
      summary: `${r.serverErrors} of ${r.total} requests answered 5xx in the last hour (${pct(rate)}; threshold 2%)`,
    };
  }),
  requestRule("throttled-spike", "warning", (r) => {
    const rate = r.total ? r.throttled / r.total : 0;
    return {
      firing: r.throttled >= 100 && rate > 0.1,
      value: rate,
      summary: `${r.throttled} of ${r.total} requests answered 429 in the last hour (${pct(rate)}; threshold 10%)`,
    };
  }),
  requestRule("database-unavailable", "critical", (r) => ({
    firing: r.databaseUnavailable > 0,
    value: r.databaseUnavailable,
    summary: `${r.databaseUnavailable} requests answered 503 database-unavailable (D1) in the last hour`,
  })),
  signalRule(
    "ingestion-failed",
    "warning",
    (s) => s.failedIngestionsLastHour,
    (n) => ({
      firing: n >= 3,
      value: n,
      summary: `${n} documents ended failed in the last hour (threshold 3)`,
    }),
  ),
  signalRule(
    "queue-oldest-age",
    "warning",
    (s) => s.oldestQueuedAgeSeconds,
    (age, t) => ({
      firing: age > t.maxOldestQueuedAgeSeconds,
      value: age,
      summary: `the oldest queued document has waited ${age} s (threshold ${t.maxOldestQueuedAgeSeconds} s)`,
    }),
  ),
  signalRule(
    "budget-80",
    "warning",
    (s) => s.budget,
    (b) => ({
      firing: b.spentUsd >= b.budgetUsd * 0.8,
      value: b.budgetUsd ? b.spentUsd / b.budgetUsd : 0,
      summary: `AI spend this month $${b.spentUsd.toFixed(2)} of $${b.budgetUsd.toFixed(2)} (80%: answers use the cheaper provider)`,
    }),
  ),
  signalRule(
    "budget-100",
    "critical",
    (s) => s.budget,
    (b) => ({
      firing: b.spentUsd >= b.budgetUsd,
      value: b.budgetUsd ? b.spentUsd / b.budgetUsd : 0,
      summary: `AI spend this month $${b.spentUsd.toFixed(2)} of $${b.budgetUsd.toFixed(2)} (100%: model calls stopped)`,
    }),
  ),
];

export function evaluateRules(signals: AlertSignals, thresholds: AlertThresholds): Verdict[] {
  return ALERT_RULES.map((rule) => ({
    rule: rule.name,
    severity: rule.severity,
    ...rule.evaluate(signals, thresholds),
  }));
}

// ---- deduplication: notify on a change (firing or resolved), and repeat while firing every REPEAT_MS

/** Six hours: a firing alert is repeated four times a day, not every hourly run. */
export const REPEAT_MS = 6 * 3_600_000;

export type RuleState = { rule: string; firing: boolean; since: number; lastNotifiedAt: number | null };
export type Notification = Verdict & { change: "firing" | "resolved" | "still-firing"; since: number };

/** Which verdicts to send given what was last recorded, and the states to record. */
export function decideNotifications(
  verdicts: Verdict[],
  previous: Map<string, RuleState>,
  now: number,
): { notify: Notification[]; states: RuleState[] } {
  const notify: Notification[] = [];
  const states: RuleState[] = [];
  for (const v of verdicts) {
    if (v.firing === undefined) continue;
    const before = previous.get(v.rule);
    const wasFiring = before?.firing ?? false;
    const since = wasFiring === v.firing && before ? before.since : now;
    let change: Notification["change"] | undefined;
    if (v.firing && !wasFiring) change = "firing";
    else if (!v.firing && wasFiring) change = "resolved";
    else if (v.firing && (before?.lastNotifiedAt ?? 0) + REPEAT_MS <= now) change = "still-firing";
    if (change) notify.push({ ...v, change, since });
    states.push({
      rule: v.rule,
      firing: v.firing,
      since,
      lastNotifiedAt: change ? now : (before?.lastNotifiedAt ?? null),
    });
  }
  return { notify, states };
}
