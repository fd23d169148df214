/**
 * Ingestion queue health, read from D1: Cloudflare Queues expose no backlog to a Worker, but every
 * message stands for a document row, so the rows are the backlog. The dead-letter consumer marks its
 * documents failed at once, so "failed in the last 24 h" is what reached the dead-letter queue or
 * exhausted its retries.
 */
export type IngestionHealth = {
  queued: number;
  processing: number;
  oldestQueuedAgeSeconds: number;
  failedLast24h: number;
  byStatus: Record<string, number>;
};

export async function ingestionHealth(db: D1Database, now = Date.now()): Promise<IngestionHealth> {
  const [statuses, oldest, failed] = await db.batch<{ status?: string; n: number }>([
    db.prepare("SELECT status, count(*) AS n FROM document GROUP BY status"),
    db.prepare("SELECT coalesce(min(created_at), 0) AS n FROM document WHERE status = 'queued'"),
    db.prepare("SELECT count(*) AS n FROM document WHERE status = 'failed' AND updated_at >= ?").bind(now - 86_400_000),
  ]);
  const byStatus = Object.fromEntries((statuses?.results ?? []).map((r) => [r.status ?? "?", r.n]));
  const oldestQueued = oldest?.results[0]?.n ?? 0;
  return {
    queued: byStatus.queued ?? 0,
    processing: byStatus.processing ?? 0,
    oldestQueuedAgeSeconds: oldestQueued ? Math.max(0, Math.round((now - oldestQueued) / 1000)) : 0,
    failedLast24h: failed?.results[0]?.n ?? 0,
    byStatus,
  };
}

/** Why the backlog is past the operator's thresholds (QUEUE_MAX_OLDEST_AGE_SECONDS / QUEUE_MAX_BACKLOG); empty when it is not. */
export function queueDegradation(
  health: Pick<IngestionHealth, "queued" | "oldestQueuedAgeSeconds">,
  thresholds: { maxOldestAgeSeconds: number; maxBacklog: number },
): string[] {
  const reasons: string[] = [];
  if (health.oldestQueuedAgeSeconds > thresholds.maxOldestAgeSeconds) {
    reasons.push(
      `the oldest queued document has waited ${health.oldestQueuedAgeSeconds} s (threshold ${thresholds.maxOldestAgeSeconds} s)`,
    );
  }
  if (health.queued > thresholds.maxBacklog) {
    reasons.push(`${health.queued} documents are queued (threshold ${thresholds.maxBacklog})`);
  }
  return reasons;
}
