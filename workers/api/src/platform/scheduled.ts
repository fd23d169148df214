import { sendReminders, sweepChannels } from "../channels/reminders";
import { deleteExpiredIdempotencyKeys } from "../idempotency/idempotency";
import { sweepIngestion } from "../ingest/sweep";
import { runAlerts } from "../operations/alerts";
import { pruneBackups, runBackup } from "../operations/backup";
import { continueContentBackup } from "../operations/content-backup";
import { sweepOrphanVectors } from "../operations/orphan-vectors";
import { getConfig } from "./config";
import { createLogger, errorFields, type Logger } from "./logger";

/** The cron jobs by schedule. wrangler.toml's `crons` (every environment) must list exactly these: a test checks it. */
export const CRON_CLEANUP = "0 * * * *";
export const CRON_BACKUP = "30 3 * * *";
export const CRONS = [CRON_CLEANUP, CRON_BACKUP] as const;

/**
 * Hourly cleanup: expired sessions, verification tokens and Idempotency-Keys, the ingestion sweep, and the
 * channels' sweep (stuck sends) and daily reminders (at most one a day per contact); then the next slice of
 * the newest backup's export of the notebooks' objects, until it is complete (operations/content-backup.ts).
 */
export async function runCleanup(
  env: Env,
  now = Date.now(),
  log: Logger = createLogger({ service: "studyai-api", component: "scheduled" }),
) {
  const [sessions, verifications] = await env.DB.batch([
    env.DB.prepare("DELETE FROM session WHERE expires_at < ?").bind(now),
    env.DB.prepare("DELETE FROM verification WHERE expires_at < ?").bind(now),
  ]);
  const ingestion = await sweepIngestion(env, now, {}, log);
  const orphanVectors = await sweepOrphanVectors(env.DB);
  const idempotencyKeys = await deleteExpiredIdempotencyKeys(env.DB, now);
  const channels = { ...(await sweepChannels(env, now, log)), ...(await sendReminders(env, now, log)) };
  // Its own failure is logged and does not hide the cleanup's counts (the next hour retries from the cursor).
  const contentBackup = await continueContentBackup(env, { now: new Date(now), log }).catch((err: unknown) => {
    log.error("content backup failed", errorFields(err));
    return null;
  });
  const removed = {
    sessions: sessions?.meta.changes ?? 0,
    verifications: verifications?.meta.changes ?? 0,
    idempotencyKeys,
    ingestion,
    orphanVectors,
    channels,
    contentBackup,
  };
  log.info("cleanup done", removed);
  return removed;
}

export async function runScheduled(controller: ScheduledController, env: Env, _ctx: ExecutionContext) {
  // One logger per run (no request here): every line names the cron and the run's scheduled time.
  const log = createLogger({
    service: "studyai-api",
    component: "scheduled",
    cron: controller.cron,
    run: new Date(controller.scheduledTime).toISOString(),
  });
  try {
    if (controller.cron === CRON_CLEANUP) {
      // Alerts run even when the cleanup fails: a D1 outage is exactly when they matter.
      try {
        await runCleanup(env, controller.scheduledTime, log);
      } finally {
        await runAlerts(env, getConfig(env), log, controller.scheduledTime);
      }
    } else if (controller.cron === CRON_BACKUP) {
      const now = new Date(controller.scheduledTime);
      const manifest = await runBackup(env, now, undefined, log);
      // The objects' export starts here and continues in the hourly runs (bounded per invocation).
      await continueContentBackup(env, { backupId: manifest.id, now, log });
      await pruneBackups(env, now, undefined, log);
    } else log.warn("no job for this cron", { cron: controller.cron });
  } catch (err) {
    log.error("scheduled job failed", { cron: controller.cron, ...errorFields(err) });
    throw err;
  }
}
