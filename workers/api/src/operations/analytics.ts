/**
 * Fleet-wide metrics: Workers Analytics Engine data points, one dataset (`studyai_events`, binding
 * ANALYTICS) for every isolate of every version, queried with SQL (docs/operations.md has the queries).
 * `/metrics` stays for scrapers, but its counters are one isolate's; these are the deployment's.
 *
 * Layout (Analytics Engine has positional columns; blob1 says which kind of point a row is). The table is
 * also in docs/operations.md, and the alert rules' SQL (alert-signals.ts) reads these columns:
 *   request : blob1 "request", blob2 route pattern (Hono's matched route, "/v1/notebooks/:notebookId/ask"),
 *             blob3 method, blob4 plan (anonymous, free, pro …), blob5 problem type ("" when it succeeded,
 *             "database-unavailable", "rate-limited", "internal" …), blob6 version;
 *             double1 latency ms, double2 status.                                       index1: route pattern
 *   ingest  : blob1 "ingest", blob2 stage (the Workflow step's name without its ranges), blob3 outcome
 *             (ok, gone, rejected, error), blob6 version; double1 duration ms.           index1: stage
 *   model   : blob1 "model", blob2 kind (answer, generation, embedding …), blob3 provider, blob4 model,
 *             blob5 outcome (ok, cache-hit, error, aborted), blob6 version;
 *             double1 latency ms, double2 input tokens, double3 output tokens, double4 cost µUSD. index1: model
 * Locally (wrangler dev, tests) the binding accepts writes and drops them; tests check the points at this
 * seam. A write never fails a request: Analytics Engine is best-effort by design.
 */
import { VERSION } from "../version";

export const ANALYTICS_DATASET = "studyai_events";

export type RequestPoint = {
  route: string;
  method: string;
  status: number;
  latencyMs: number;
  plan: string;
  /** "" or why it failed: the answered problem's type (database-unavailable, rate-limited, internal …). */
  errorKind: string;
};
export type StagePoint = { stage: string; outcome: string; durationMs: number };
export type ModelCallPoint = {
  kind: string;
  provider: string;
  model: string;
  latencyMs: number;
  inputTokens: number;
  outputTokens: number;
  costMicroUsd: number;
  outcome: string;
};

export function requestDataPoint(p: RequestPoint): AnalyticsEngineDataPoint {
  return {
    indexes: [p.route],
    blobs: ["request", p.route, p.method, p.plan, p.errorKind, VERSION],
    doubles: [Math.round(p.latencyMs * 10) / 10, p.status],
  };
}

/** Step names carry page and chunk ranges ("pdf: pages 1-25"); the stage is the name without them. */
export const stageOf = (stepName: string) =>
  stepName
    .replace(/\s*\d+\s*-\s*\d+\s*$/, "")
    .replace(/\s+\d+$/, "")
    .trim();

export function stageDataPoint(p: StagePoint): AnalyticsEngineDataPoint {
  const stage = stageOf(p.stage);
  return { indexes: [stage], blobs: ["ingest", stage, p.outcome, "", "", VERSION], doubles: [p.durationMs] };
}

export function modelCallDataPoint(p: ModelCallPoint): AnalyticsEngineDataPoint {
  return {
    indexes: [p.model],
    blobs: ["model", p.kind, p.provider, p.model, p.outcome, VERSION],
    doubles: [p.latencyMs, p.inputTokens, p.outputTokens, p.costMicroUsd],
  };
}

/** Writes one point when the binding exists (it is optional: the dataset is created on first write). */
export function writeAnalytics(env: Pick<Env, "ANALYTICS">, point: AnalyticsEngineDataPoint) {
  try {
    env.ANALYTICS?.writeDataPoint(point);
  } catch {
    // Best-effort by design: a metrics write must never fail the work it measures.
  }
}

/**
 * Times one attempt of a Workflow step and writes its point, rethrowing what it threw. `outcomeOf` names
 * a result ("gone" for a document deleted meanwhile); a thrown error is "error", or "rejected" for the
 * NonRetryableError a bad file ends in.
 */
export async function timedStage<T>(
  env: Pick<Env, "ANALYTICS">,
  stage: string,
  body: () => Promise<T>,
  outcomeOf: (result: T) => string = () => "ok",
): Promise<T> {
  const started = Date.now();
  let outcome = "error";
  try {
    const result = await body();
    outcome = outcomeOf(result);
    return result;
  } catch (err) {
    if ((err as Error)?.name === "NonRetryableError") outcome = "rejected";
    throw err;
  } finally {
    writeAnalytics(env, stageDataPoint({ stage, outcome, durationMs: Date.now() - started }));
  }
}

// ---- the plan label of a request: one small D1 read per user per isolate and 5 minutes

const PLAN_TTL_MS = 5 * 60_000;
const PLAN_CACHE_MAX = 1000;
const planCache = new Map<string, { plan: string; until: number }>();

export async function planLabel(db: D1Database, userId: string | undefined, now = Date.now()): Promise<string> {
  if (!userId) return "anonymous";
  const hit = planCache.get(userId);
  if (hit && hit.until > now) return hit.plan;
  const row = await db
    .prepare("SELECT plan FROM user_plan WHERE user_id = ?")
    .bind(userId)
    .first<{ plan: string }>()
    .catch(() => null);
  const plan = row?.plan ?? "free";
  if (planCache.size >= PLAN_CACHE_MAX) planCache.delete(planCache.keys().next().value as string);
  planCache.set(userId, { plan, until: now + PLAN_TTL_MS });
  return plan;
}
