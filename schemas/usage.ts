import { z } from "@hono/zod-openapi";

/** The seeds' four plans, cheapest first (limits in workers/api/src/usage/plans.ts). */
export const PLAN_NAMES = ["free", "pro", "business", "enterprise"] as const;
export const PlanNameSchema = z.enum(PLAN_NAMES).openapi("PlanName");

const Totals = z.object({
  calls: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  costUsd: z.number(),
  cacheHits: z.number().int(),
});

const Quota = z.object({ used: z.number().int(), limit: z.number().int(), resetsAt: z.string() });

export const UsageSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    plan: PlanNameSchema,
    totals: Totals,
    byDay: z.array(Totals.extend({ day: z.string() })),
    byNotebook: z.array(Totals.extend({ notebookId: z.string().nullable() })),
    byModel: z.array(Totals.extend({ provider: z.string(), model: z.string() })),
    quotas: z.object({
      questions: Quota,
      generations: Quota,
      pages: Quota,
      ocrPages: Quota.openapi({ description: "Scanned pages read by a vision model this month (browser OCR is free)" }),
    }),
    aiAllowance: z.object({ usedUsd: z.number(), limitUsd: z.number(), resetsAt: z.string() }).openapi({
      description:
        "This month's estimated model cost against the plan's AI allowance: past 80% answers use the cheaper provider, past 100% generation stops until resetsAt",
    }),
  })
  .openapi("Usage");

export const UsageQuerySchema = z.object({
  from: z.iso.datetime({ offset: true }).optional().openapi({ description: "Default: 30 days ago" }),
  to: z.iso.datetime({ offset: true }).optional().openapi({ description: "Default: now" }),
});

export type UsageDto = z.infer<typeof UsageSchema>;
