/**
 * Hard quotas per period, consumed atomically in D1: a conditional UPDATE only succeeds while the
 * counter stays within the limit, so two concurrent requests can never both take the last unit.
 */
import { Problem } from "../platform/problem";

export type QuotaMetric = "questions" | "generations" | "pages" | "channelMessages" | "ocr_pages";
export type Period = "day" | "month";

/** Start of the UTC day or month containing `now` (quota windows reset at 00:00 UTC). */
export function periodStart(period: Period, now: Date): Date {
  return period === "day"
    ? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
    : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

export function periodEnd(period: Period, now: Date): Date {
  const start = periodStart(period, now);
  return period === "day"
    ? new Date(start.getTime() + 24 * 60 * 60 * 1000)
    : new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}

const LABELS: Record<QuotaMetric, string> = {
  questions: "questions per day",
  generations: "study-tool generations per day",
  pages: "pages ingested per month",
  channelMessages: "channel messages per month",
  ocr_pages: "scanned pages read by a model per month",
};

export function quotaExceeded(metric: QuotaMetric, limit: number, resetsAt: Date, now: Date): Problem {
  const retryAfter = Math.max(1, Math.ceil((resetsAt.getTime() - now.getTime()) / 1000));
  return new Problem({
    status: 429,
    type: "quota-exceeded",
    title: "Quota exceeded",
    detail: `Your plan allows ${limit} ${LABELS[metric]}; the limit resets at ${resetsAt.toISOString()}.`,
    headers: { "retry-after": String(retryAfter) },
  });
}

/**
 * Takes `amount` units of `metric` for the user in the current period, or throws a 429 problem saying
 * which limit and when it resets. Nothing is consumed when the request would cross the limit.
 */
export async function consumeQuota(
  db: D1Database,
  input: { userId: string; metric: QuotaMetric; period: Period; limit: number; amount?: number; now?: Date },
): Promise<{ used: number; limit: number; resetsAt: Date }> {
  const now = input.now ?? new Date();
  const amount = input.amount ?? 1;
  const start = periodStart(input.period, now).getTime();
  const resetsAt = periodEnd(input.period, now);
  const [, update] = await db.batch<{ used: number }>([
    db
      .prepare("INSERT OR IGNORE INTO quota_counter (user_id, metric, period_start, used) VALUES (?, ?, ?, 0)")
      .bind(input.userId, input.metric, start),
    db
      .prepare(
        "UPDATE quota_counter SET used = used + ?1 WHERE user_id = ?2 AND metric = ?3 AND period_start = ?4 AND used + ?1 <= ?5 RETURNING used",
      )
      .bind(amount, input.userId, input.metric, start, input.limit),
  ]);
  const used = update?.results[0]?.used;
  if (used === undefined) throw quotaExceeded(input.metric, input.limit, resetsAt, now);
  return { used, limit: input.limit, resetsAt };
}

/** Gives units back (e.g. the work they paid for failed before doing anything). */
export async function refundQuota(
  db: D1Database,
  input: { userId: string; metric: QuotaMetric; period: Period; amount?: number; now?: Date },
) {
  const start = periodStart(input.period, input.now ?? new Date()).getTime();
  await db
    .prepare("UPDATE quota_counter SET used = max(0, used - ?) WHERE user_id = ? AND metric = ? AND period_start = ?")
    .bind(input.amount ?? 1, input.userId, input.metric, start)
    .run();
}

export async function quotaUsed(db: D1Database, userId: string, metric: QuotaMetric, period: Period, now = new Date()) {
  const row = await db
    .prepare("SELECT used FROM quota_counter WHERE user_id = ? AND metric = ? AND period_start = ?")
    .bind(userId, metric, periodStart(period, now).getTime())
    .first<{ used: number }>();
  return row?.used ?? 0;
}
