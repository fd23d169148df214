/**
 * The monthly AI budget guards, two of them: the deployment's budget (AI_MONTHLY_BUDGET_USD) and, under
 * it, each user's allowance from their plan. Below 80% of both, the configured providers serve; past 80%
 * of either, that caller's calls switch to the cheaper provider; past 100%, model calls stop with a clear
 * message (503 for the deployment, 429 for one user's allowance) while search and extractive answers keep
 * working. A few accounts can only spend their own allowance, so other users keep their model.
 */
import { Problem } from "../platform/problem";
import { planOf } from "./plans";
import { periodEnd, periodStart } from "./quotas";
import { spendSince, userSpendSince } from "./usage.store";

export type BudgetState = {
  level: "normal" | "degraded" | "exhausted";
  spentUsd: number;
  budgetUsd: number;
  resetsAt: Date;
};

export async function budgetState(
  db: D1Database,
  config: { budgetUsd: number; degradeAt: number },
  now = new Date(),
): Promise<BudgetState> {
  const spentUsd = (await spendSince(db, periodStart("month", now), periodEnd("month", now))) / 1_000_000;
  const level =
    spentUsd >= config.budgetUsd
      ? "exhausted"
      : spentUsd >= config.budgetUsd * config.degradeAt
        ? "degraded"
        : "normal";
  return { level, spentUsd, budgetUsd: config.budgetUsd, resetsAt: periodEnd("month", now) };
}

export function budgetExhausted(state: BudgetState): Problem {
  return new Problem({
    status: 503,
    type: "ai-budget-exhausted",
    title: "AI budget reached",
    detail: `This month's AI budget is used up, so generated answers and study tools are paused until ${state.resetsAt.toISOString()}. Search and extractive answers still work.`,
    headers: { "retry-after": String(Math.ceil((state.resetsAt.getTime() - Date.now()) / 1000)) },
  });
}

export function allowanceExhausted(plan: string, allowanceUsd: number, resetsAt: Date, now = new Date()): Problem {
  return new Problem({
    status: 429,
    type: "ai-allowance-exhausted",
    title: "Monthly AI allowance used up",
    detail: `Your ${plan} plan includes $${allowanceUsd.toFixed(2)} of AI use per month, and this month's is used up: generated answers, study tools and semantic search pause for your account until ${resetsAt.toISOString()}. Search by keyword and extractive answers still work.`,
    headers: { "retry-after": String(Math.max(1, Math.ceil((resetsAt.getTime() - now.getTime()) / 1000))) },
  });
}

export type AiGuard = { level: BudgetState["level"]; reason?: Problem };

/** Both guards for one caller (`userId` null: work no user pays for, checked against the deployment only). */
export async function aiGuard(
  db: D1Database,
  config: { budgetUsd: number; degradeAt: number },
  userId: string | null | undefined,
  now = new Date(),
): Promise<AiGuard> {
  const deployment = await budgetState(db, config, now);
  if (deployment.level === "exhausted") return { level: "exhausted", reason: budgetExhausted(deployment) };
  if (!userId) return { level: deployment.level };
  const plan = await planOf(db, userId);
  const allowance = plan.limits.aiMonthlyUsd;
  const spentUsd = (await userSpendSince(db, userId, periodStart("month", now), periodEnd("month", now))) / 1_000_000;
  if (spentUsd >= allowance) {
    return { level: "exhausted", reason: allowanceExhausted(plan.name, allowance, periodEnd("month", now), now) };
  }
  return { level: spentUsd >= allowance * config.degradeAt ? "degraded" : deployment.level };
}
