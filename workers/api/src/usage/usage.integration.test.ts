import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { bearer, call, signUp } from "../../test/helpers";
import { Problem } from "../platform/problem";
import { budgetState } from "./budget";
import { consumeQuota, quotaUsed } from "./quotas";
import { recordUsage } from "./usage.store";

describe("quotas", () => {
  it("allows the request that reaches the limit and refuses the one after, with the reset time", async () => {
    const { userId } = await signUp();
    const now = new Date("2026-11-22T15:00:00Z");
    const take = () => consumeQuota(env.DB, { userId, metric: "questions", period: "day", limit: 3, now });
    await take();
    await take();
    const third = await take();
    expect(third.used).toBe(3);

    const refused = await take().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Problem);
    const problem = refused as Problem;
    expect(problem.status).toBe(429);
    expect(problem.detail).toContain("3 questions per day");
    expect(problem.detail).toContain("2026-11-23T00:00:00.000Z");
    expect(Number(problem.headers["retry-after"])).toBe(9 * 60 * 60);
    // The refused request consumed nothing.
    expect(await quotaUsed(env.DB, userId, "questions", "day", now)).toBe(3);

    // A new day is a new window.
    const tomorrow = new Date("2026-11-23T00:00:01Z");
    expect(
      (await consumeQuota(env.DB, { userId, metric: "questions", period: "day", limit: 3, now: tomorrow })).used,
    ).toBe(1);
  });

  it("never lets concurrent requests overshoot the limit", async () => {
    const { userId } = await signUp();
    const now = new Date("2026-11-22T10:00:00Z");
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () =>
        consumeQuota(env.DB, { userId, metric: "generations", period: "day", limit: 5, now }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    expect(await quotaUsed(env.DB, userId, "generations", "day", now)).toBe(5);
  });

  it("refuses an amount that would cross the monthly page limit without consuming it", async () => {
    const { userId } = await signUp();
    const now = new Date("2026-11-30T23:00:00Z");
    await consumeQuota(env.DB, { userId, metric: "pages", period: "month", limit: 100, amount: 90, now });
    await expect(
      consumeQuota(env.DB, { userId, metric: "pages", period: "month", limit: 100, amount: 11, now }),
    ).rejects.toThrow(/resets at 2026-12-01T00:00:00.000Z/);
    expect(
      (await consumeQuota(env.DB, { userId, metric: "pages", period: "month", limit: 100, amount: 10, now })).used,
    ).toBe(100);
  });
});

describe("AI budget guard", () => {
  it("moves from normal to degraded at 80% and to exhausted at 100% of the monthly budget", async () => {
    // A month of its own, so other tests' events do not count.
    const now = new Date("2031-03-15T12:00:00Z");
    const config = { budgetUsd: 1, degradeAt: 0.8 };
    const spend = (micro: number) =>
      recordUsage(env.DB, {
        userId: null,
        kind: "answer",
        provider: "openai",
        model: "gpt-4.1-mini",
        inputTokens: micro / 0.4, // 0.4 USD per million input tokens → micro-dollars = tokens × 0.4
        at: now,
      });
    expect((await budgetState(env.DB, config, now)).level).toBe("normal");
    await spend(799_999);
    expect((await budgetState(env.DB, config, now)).level).toBe("normal");
    await spend(1);
    expect((await budgetState(env.DB, config, now)).level).toBe("degraded");
    await spend(199_999);
    expect((await budgetState(env.DB, config, now)).level).toBe("degraded");
    await spend(1);
    const state = await budgetState(env.DB, config, now);
    expect(state.level).toBe("exhausted");
    expect(state.spentUsd).toBeCloseTo(1, 6);
    expect(state.resetsAt.toISOString()).toBe("2031-04-01T00:00:00.000Z");
    // Last month's spend does not count.
    expect((await budgetState(env.DB, config, new Date("2031-04-01T00:00:00Z"))).level).toBe("normal");
  });
});

describe("GET /v1/usage", () => {
  it("totals the caller's events by day, notebook and model, and nobody else's", async () => {
    const alice = await signUp();
    const bob = await signUp();
    const at = new Date();
    await recordUsage(env.DB, {
      userId: alice.userId,
      notebookId: "nb_a",
      kind: "answer",
      provider: "openai",
      model: "gpt-4.1-mini",
      inputTokens: 1000,
      outputTokens: 500,
      at,
    });
    await recordUsage(env.DB, {
      userId: alice.userId,
      notebookId: "nb_a",
      kind: "embedding",
      provider: "openai",
      model: "text-embedding-3-small",
      inputTokens: 5000,
      at,
    });
    await recordUsage(env.DB, {
      userId: alice.userId,
      notebookId: "nb_a",
      kind: "answer",
      provider: "openai",
      model: "gpt-4.1-mini",
      cacheHit: true,
      at,
    });
    await recordUsage(env.DB, {
      userId: bob.userId,
      kind: "answer",
      provider: "openai",
      model: "gpt-4.1-mini",
      inputTokens: 99_999,
      at,
    });

    const res = await call("/v1/usage", { headers: bearer(alice) });
    expect(res.status).toBe(200);
    const usage = (await res.json()) as {
      plan: string;
      totals: { calls: number; inputTokens: number; costUsd: number; cacheHits: number };
      byModel: { model: string; calls: number }[];
      byNotebook: { notebookId: string | null }[];
      byDay: { day: string }[];
      quotas: { questions: { limit: number } };
    };
    expect(usage.plan).toBe("free");
    expect(usage.totals).toMatchObject({ calls: 3, inputTokens: 6000, cacheHits: 1 });
    // 1000 × 0.4 + 500 × 1.6 + 5000 × 0.02 micro-dollars; the cache hit costs nothing.
    expect(usage.totals.costUsd).toBeCloseTo(0.0013, 9);
    expect(usage.byModel.find((m) => m.model === "gpt-4.1-mini")?.calls).toBe(2);
    expect(usage.byNotebook.map((n) => n.notebookId)).toEqual(["nb_a"]);
    expect(usage.byDay.map((d) => d.day)).toEqual([at.toISOString().slice(0, 10)]);
    expect(usage.quotas.questions.limit).toBe(100);
  });

  it("rejects an inverted range with a 422 problem", async () => {
    const alice = await signUp();
    const res = await call("/v1/usage?from=2026-11-22T00:00:00Z&to=2026-11-01T00:00:00Z", { headers: bearer(alice) });
    expect(res.status).toBe(422);
  });
});
