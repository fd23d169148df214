/**
 * The monthly AI budget guard. Below the threshold, the configured providers serve; past it, answers
 * switch to the cheaper provider; past the budget, model calls stop with a clear message while search
 * and extractive answers keep working.
 */
import { Problem } from "../platform/problem";
import { periodEnd, periodStart } from "./quotas";
import { spendSince } from "./usage.store";

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
  const spentUsd = (await spendSince(db, periodStart("month", now))) / 1_000_000;
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
