import { createRoute } from "@hono/zod-openapi";
import { UsageQuerySchema, UsageSchema } from "../../../../schemas/usage";
import { principalOf, requireUser, scoped } from "../auth/require-user";
import { createRouter } from "../platform/create-router";
import { problemResponses } from "../platform/openapi";
import { invalidInput } from "../platform/problem";
import { planOf } from "./plans";
import { type Period, periodEnd, periodStart, type QuotaMetric, quotaUsed } from "./quotas";
import { usageSummary, userSpendSince } from "./usage.store";

const getUsage = createRoute({
  method: "get",
  path: "/",
  tags: ["Usage"],
  ...scoped("read"),
  summary: "Your model usage and estimated cost (by day, notebook and model), plan and quotas",
  request: { query: UsageQuerySchema },
  responses: {
    200: { description: "Usage", content: { "application/json": { schema: UsageSchema } } },
    ...problemResponses(401, 422),
  },
});

const router = createRouter();
router.use("*", requireUser);

export const usageRouter = router.openapi(getUsage, async (c) => {
  const { userId } = principalOf(c);
  const query = c.req.valid("query");
  const now = new Date();
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * 24 * 60 * 60 * 1000);
  if (from >= to) throw invalidInput([{ path: "from", message: "must be before to" }]);
  const plan = await planOf(c.env.DB, userId);
  const quota = async (metric: QuotaMetric, period: Period, limit: number) => ({
    used: await quotaUsed(c.env.DB, userId, metric, period, now),
    limit,
    resetsAt: periodEnd(period, now).toISOString(),
  });
  const summary = await usageSummary(c.env.DB, userId, from, to);
  return c.json(
    {
      ...summary,
      plan: plan.name,
      quotas: {
        questions: await quota("questions", "day", plan.limits.questionsPerDay),
        generations: await quota("generations", "day", plan.limits.generationsPerDay),
        pages: await quota("pages", "month", plan.limits.pagesPerMonth),
        ocrPages: await quota("ocr_pages", "month", plan.limits.ocrPagesPerMonth),
      },
      aiAllowance: {
        usedUsd:
          (await userSpendSince(c.env.DB, userId, periodStart("month", now), periodEnd("month", now))) / 1_000_000,
        limitUsd: plan.limits.aiMonthlyUsd,
        resetsAt: periodEnd("month", now).toISOString(),
      },
    },
    200,
  );
});
