import { sweepIngestion } from "../ingest/sweep";
import { createLogger, errorFields } from "./logger";

const log = createLogger({ service: "studyai-api", component: "scheduled" });

export const CRON_CLEANUP = "0 * * * *";
export const CRON_BACKUP = "30 3 * * *";

/** Hourly cleanup: expired sessions and verification tokens, and the ingestion sweep. Returns what it did. */
export async function runCleanup(env: Env, now = Date.now()) {
  const [sessions, verifications] = await env.DB.batch([
    env.DB.prepare("DELETE FROM session WHERE expires_at < ?").bind(now),
    env.DB.prepare("DELETE FROM verification WHERE expires_at < ?").bind(now),
  ]);
  const ingestion = await sweepIngestion(env, now);
  const removed = { sessions: sessions?.meta.changes ?? 0, verifications: verifications?.meta.changes ?? 0, ingestion };
  log.info("cleanup done", removed);
  return removed;
}

export async function runScheduled(controller: ScheduledController, env: Env, _ctx: ExecutionContext) {
  try {
    if (controller.cron === CRON_CLEANUP) await runCleanup(env, controller.scheduledTime);
    else log.warn("no job for this cron", { cron: controller.cron });
  } catch (err) {
    log.error("scheduled job failed", { cron: controller.cron, ...errorFields(err) });
    throw err;
  }
}
