/**
 * Alert payloads for the webhook in ALERT_WEBHOOK_URL, in the shape its receiver expects
 * (ALERT_WEBHOOK_FORMAT): a Slack incoming webhook (`text`), a Discord webhook (`content`), PagerDuty's
 * Events API v2 (one event per alert, `dedup_key` per rule so PagerDuty itself groups and resolves), or a
 * generic JSON document for anything else (Alertmanager-style receivers, a Worker of your own).
 */
import type { AlertFormat } from "../platform/ops-config";
import type { Notification } from "./alert-rules";

export type AlertContext = { environment: string; appUrl: string; version: string };

const DISCORD_MAX = 2000;

function line(n: Notification): string {
  const mark = n.change === "resolved" ? "RESOLVED" : n.severity === "critical" ? "CRITICAL" : "WARNING";
  const still = n.change === "still-firing" ? ` (firing since ${new Date(n.since).toISOString()})` : "";
  return `[${mark}] ${n.rule}: ${n.summary}${still}`;
}

function heading(ctx: AlertContext, count: number) {
  return `studyAI ${ctx.environment}: ${count} alert${count === 1 ? "" : "s"} (${ctx.appUrl}, version ${ctx.version})`;
}

/** The HTTP bodies to POST, one per request (PagerDuty takes one event at a time). */
export function alertPayloads(
  format: AlertFormat,
  notifications: Notification[],
  ctx: AlertContext,
  routingKey?: string,
): unknown[] {
  if (!notifications.length) return [];
  const text = [heading(ctx, notifications.length), ...notifications.map(line)].join("\n");
  switch (format) {
    case "slack":
      return [{ text }];
    case "discord":
      return [{ content: text.length > DISCORD_MAX ? `${text.slice(0, DISCORD_MAX - 1)}…` : text }];
    case "pagerduty":
      return notifications.map((n) => ({
        routing_key: routingKey,
        event_action: n.change === "resolved" ? "resolve" : "trigger",
        dedup_key: `studyai-${ctx.environment}-${n.rule}`,
        payload: {
          summary: `studyAI ${ctx.environment}: ${n.summary}`.slice(0, 1024),
          source: ctx.appUrl,
          severity: n.severity === "critical" ? "critical" : "warning",
          component: "studyai-api",
          custom_details: {
            rule: n.rule,
            value: n.value,
            since: new Date(n.since).toISOString(),
            version: ctx.version,
          },
        },
      }));
    default:
      return [
        {
          source: "studyai",
          environment: ctx.environment,
          version: ctx.version,
          alerts: notifications.map((n) => ({
            rule: n.rule,
            severity: n.severity,
            status: n.change === "resolved" ? "resolved" : "firing",
            summary: n.summary,
            value: n.value,
            since: new Date(n.since).toISOString(),
          })),
        },
      ];
  }
}

/** POSTs every payload; true only when the receiver accepted all of them (2xx), so a failure is retried next hour. */
export async function deliverAlerts(url: string, payloads: unknown[]): Promise<{ ok: boolean; detail: string }> {
  for (const payload of payloads) {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(10_000),
    }).catch((err: unknown) => err as Error);
    if (res instanceof Error) return { ok: false, detail: `webhook unreachable: ${res.message}` };
    if (!res.ok) return { ok: false, detail: `webhook answered ${res.status}` };
  }
  return { ok: true, detail: `${payloads.length} request(s) accepted` };
}
