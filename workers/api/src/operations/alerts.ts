/**
 * The hourly alert run (from the cleanup cron): read the signals, evaluate the rules in alert-rules.ts,
 * decide what changed since the last run (state in D1, table alert_state), send that to the webhook, and
 * record the new state only when the receiver accepted it, so a failed delivery is sent again next hour.
 * Without ALERT_WEBHOOK_URL the rules are still evaluated and their state logged (and recorded), so turning
 * the webhook on later starts from the truth rather than a burst of stale "firing".
 */
import type { AppConfig } from "../platform/config";
import type { Logger } from "../platform/logger";
import { VERSION } from "../version";
import { alertPayloads, deliverAlerts } from "./alert-delivery";
import { decideNotifications, evaluateRules, type RuleState } from "./alert-rules";
import { readAlertSignals } from "./alert-signals";

type StateRow = { rule: string; firing: number; since: number; last_notified_at: number | null };

async function loadStates(db: D1Database): Promise<Map<string, RuleState>> {
  const { results } = await db.prepare("SELECT rule, firing, since, last_notified_at FROM alert_state").all<StateRow>();
  return new Map(
    results.map((r) => [
      r.rule,
      { rule: r.rule, firing: r.firing === 1, since: r.since, lastNotifiedAt: r.last_notified_at },
    ]),
  );
}

async function saveStates(db: D1Database, states: RuleState[], values: Map<string, number>) {
  if (!states.length) return;
  await db.batch(
    states.map((s) =>
      db
        .prepare(
          `INSERT INTO alert_state (rule, firing, since, last_value, last_notified_at) VALUES (?1, ?2, ?3, ?4, ?5)
           ON CONFLICT (rule) DO UPDATE SET firing = ?2, since = ?3, last_value = ?4, last_notified_at = ?5`,
        )
        .bind(s.rule, s.firing ? 1 : 0, s.since, values.get(s.rule) ?? null, s.lastNotifiedAt),
    ),
  );
}

export type AlertRun = { firing: string[]; notified: string[]; skipped: string[]; delivery: string };

export async function runAlerts(env: Env, config: AppConfig, log: Logger, now = Date.now()): Promise<AlertRun> {
  const { signals, unavailable } = await readAlertSignals(env, config, now);
  const verdicts = evaluateRules(signals, { maxOldestQueuedAgeSeconds: config.ops.queueHealth.maxOldestAgeSeconds });
  // D1 down: no memory of the last run, so what fires is sent (at most hourly) rather than nothing.
  const previous = await loadStates(env.DB).catch(() => new Map<string, RuleState>());
  const { notify, states } = decideNotifications(verdicts, previous, now);
  const values = new Map(verdicts.map((v) => [v.rule, v.value]));
  const { webhookUrl, format, routingKey } = config.ops.alerts;

  let delivery = "no webhook configured (ALERT_WEBHOOK_URL)";
  let delivered = true;
  if (webhookUrl && notify.length) {
    const payloads = alertPayloads(
      format,
      notify,
      { environment: config.environment, appUrl: config.appUrl, version: VERSION },
      routingKey,
    );
    const result = await deliverAlerts(webhookUrl, payloads);
    delivered = result.ok;
    delivery = result.detail;
  } else if (webhookUrl) delivery = "nothing changed";
  // Undelivered: keep the old state so the same notifications are decided (and sent) again next run.
  if (delivered) {
    await saveStates(env.DB, states, values).catch((err: unknown) =>
      log.warn("alert state not saved", { error: err instanceof Error ? err.message : String(err) }),
    );
  }

  const run: AlertRun = {
    firing: verdicts.filter((v) => v.firing).map((v) => v.rule),
    notified: delivered ? notify.map((n) => `${n.rule}:${n.change}`) : [],
    skipped: [...verdicts.filter((v) => v.firing === undefined).map((v) => v.rule), ...unavailable],
    delivery,
  };
  (delivered ? log.info : log.error)("alerts evaluated", run);
  return run;
}
