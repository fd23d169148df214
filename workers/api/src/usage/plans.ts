/** Plans and their limits, in one place. Hard quotas are counted in D1 (quotas.ts), never in the rate limiter. */
export type PlanName = "free" | "pro";

export type PlanLimits = {
  documentsPerNotebook: number;
  storageBytes: number;
  pagesPerMonth: number;
  questionsPerDay: number;
  generationsPerDay: number;
};

export const PLANS: Record<PlanName, PlanLimits> = {
  free: {
    documentsPerNotebook: 50,
    storageBytes: 500 * 1024 * 1024,
    pagesPerMonth: 2_000,
    questionsPerDay: 100,
    generationsPerDay: 20,
  },
  pro: {
    documentsPerNotebook: 500,
    storageBytes: 10 * 1024 * 1024 * 1024,
    pagesPerMonth: 50_000,
    questionsPerDay: 2_000,
    generationsPerDay: 300,
  },
};

export async function planOf(db: D1Database, userId: string): Promise<{ name: PlanName; limits: PlanLimits }> {
  const row = await db.prepare("SELECT plan FROM user_plan WHERE user_id = ?").bind(userId).first<{ plan: string }>();
  const name: PlanName = row?.plan === "pro" ? "pro" : "free";
  return { name, limits: PLANS[name] };
}
