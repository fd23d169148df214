/** Plans and their limits, in one place. Hard quotas are counted in D1 (quotas.ts), never in the rate limiter. */
import { PLAN_NAMES } from "../../../../schemas/usage";

/** Assigned by an operator: PUT /v1/admin/users/{userId}/plan (admin/). */
export type PlanName = (typeof PLAN_NAMES)[number];

export type PlanLimits = {
  documentsPerNotebook: number;
  storageBytes: number;
  pagesPerMonth: number;
  /**
   * Scanned pages a vision model reads per calendar month (issue 19). A page costs about 1,500 input tokens
   * (the image) and 500 output: ~$0.0014 with Workers AI's Llama 4 Scout, so free's 300 pages are ~$0.40
   * of its $1 allowance; pages read in the student's own browser are free and not counted.
   */
  ocrPagesPerMonth: number;
  questionsPerDay: number;
  generationsPerDay: number;
  /**
   * Model spend (answers, generations, paid embeddings) per calendar month, in US dollars, under the
   * deployment's AI_MONTHLY_BUDGET_USD: past 80% the user's calls use the cheaper provider, past 100%
   * their model calls stop (429) while other users keep their model. Free: $1 is about 500 generated
   * answers with gpt-4.1-mini (3,000 tokens in, 400 out) plus the embeddings of a month's 2,000 pages,
   * and 59 free users together cannot take the default budget. Pro: $20, the price of the plan.
   */
  aiMonthlyUsd: number;
  /**
   * Messaging channels (channels/): numbers a partner connects (instances), the people who write to them
   * (contacts, across the partner's instances) and the messages handled per calendar month. A student's own
   * link through the deployment's number counts its messages against the student's plan.
   */
  channelInstances: number;
  channelContacts: number;
  channelMessagesPerMonth: number;
};

/** "Unlimited" as a number D1 can compare with (a bound parameter cannot be Infinity). */
export const UNLIMITED = Number.MAX_SAFE_INTEGER;

export const PLANS: Record<PlanName, PlanLimits> = {
  free: {
    documentsPerNotebook: 50,
    storageBytes: 500 * 1024 * 1024,
    pagesPerMonth: 2_000,
    ocrPagesPerMonth: 300,
    questionsPerDay: 100,
    generationsPerDay: 20,
    aiMonthlyUsd: 1,
    channelInstances: 1,
    channelContacts: 500,
    channelMessagesPerMonth: 5_000,
  },
  pro: {
    documentsPerNotebook: 500,
    storageBytes: 10 * 1024 * 1024 * 1024,
    pagesPerMonth: 50_000,
    ocrPagesPerMonth: 5_000,
    questionsPerDay: 2_000,
    generationsPerDay: 300,
    aiMonthlyUsd: 20,
    channelInstances: 3,
    channelContacts: 10_000,
    channelMessagesPerMonth: 50_000,
  },
  // A school department or tutoring company on one account: five times pro across the board.
  business: {
    documentsPerNotebook: 2_500,
    storageBytes: 50 * 1024 * 1024 * 1024,
    pagesPerMonth: 250_000,
    ocrPagesPerMonth: 25_000,
    questionsPerDay: 10_000,
    generationsPerDay: 1_500,
    aiMonthlyUsd: 100,
    channelInstances: 10,
    channelContacts: 50_000,
    channelMessagesPerMonth: 200_000,
  },
  // A whole institution under contract: limits that only stop runaway automation (the deployment's
  // AI_MONTHLY_BUDGET_USD still caps the spend of all plans together; raise it with the contract).
  enterprise: {
    documentsPerNotebook: 10_000,
    storageBytes: 1024 * 1024 * 1024 * 1024,
    pagesPerMonth: 2_000_000,
    ocrPagesPerMonth: 200_000,
    questionsPerDay: 100_000,
    generationsPerDay: 10_000,
    aiMonthlyUsd: 1_000,
    channelInstances: UNLIMITED,
    channelContacts: UNLIMITED,
    channelMessagesPerMonth: UNLIMITED,
  },
};

export const isPlanName = (value: unknown): value is PlanName => PLAN_NAMES.includes(value as PlanName);

export async function planOf(db: D1Database, userId: string): Promise<{ name: PlanName; limits: PlanLimits }> {
  const row = await db.prepare("SELECT plan FROM user_plan WHERE user_id = ?").bind(userId).first<{ plan: string }>();
  const name: PlanName = isPlanName(row?.plan) ? row.plan : "free";
  return { name, limits: PLANS[name] };
}
