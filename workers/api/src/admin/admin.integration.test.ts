import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { bearer, call, signUp } from "../../test/helpers";
import { app } from "../app";
import { PLANS, planOf } from "../usage/plans";
import { tokenFingerprint } from "./require-admin";

const ADMIN_TOKEN = "a".repeat(40);
const withAdmin = { ...env, ADMIN_TOKEN } as Env;

function adminCall(path: string, init: RequestInit = {}, token: string | null = ADMIN_TOKEN, target = withAdmin) {
  const headers = new Headers(init.headers);
  if (token) headers.set("authorization", `Bearer ${token}`);
  return app.request(new Request(new URL(path, "http://api.test"), { ...init, headers }), undefined, target);
}

const assign = (userId: string, body: unknown, token: string | null = ADMIN_TOKEN, target = withAdmin) =>
  adminCall(
    `/v1/admin/users/${userId}/plan`,
    { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
    token,
    target,
  );

describe("plans: the seeds' four", () => {
  it("free < pro < business < enterprise on every limit", () => {
    const order = [PLANS.free, PLANS.pro, PLANS.business, PLANS.enterprise];
    for (const key of Object.keys(PLANS.free) as (keyof typeof PLANS.free)[]) {
      for (let i = 1; i < order.length; i++) expect(order[i]?.[key]).toBeGreaterThan(order[i - 1]?.[key] ?? 0);
    }
  });
});

describe("admin: assign a plan (ADMIN_TOKEN, audited in D1)", () => {
  it("is off without ADMIN_TOKEN, and refuses a missing or wrong token", async () => {
    const user = await signUp();
    const off = await assign(user.userId, { plan: "pro", reason: "invoice 1" }, ADMIN_TOKEN, env);
    expect(off.status).toBe(503);
    expect(((await off.json()) as { type: string }).type).toMatch(/admin-api-off$/);
    expect((await assign(user.userId, { plan: "pro", reason: "x" }, null)).status).toBe(401);
    expect((await assign(user.userId, { plan: "pro", reason: "x" }, "b".repeat(40))).status).toBe(401);
    // A student's own session is not an admin token.
    expect((await assign(user.userId, { plan: "pro", reason: "x" }, user.token)).status).toBe(401);
    expect((await planOf(env.DB, user.userId)).name).toBe("free");
    const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM admin_audit WHERE target_user_id = ?")
      .bind(user.userId)
      .first<{ n: number }>()) ?? { n: -1 };
    expect(n).toBe(0);
  });

  it("assigns business: the user's limits change at once and the audit names the token's fingerprint, not the token", async () => {
    const user = await signUp();
    const res = await assign(user.userId, { plan: "business", reason: "invoice 2026-117" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { plan: string; previousPlan: string; auditId: string };
    expect(body).toMatchObject({ plan: "business", previousPlan: "free" });

    const usage = (await (await call("/v1/usage", { headers: bearer(user) })).json()) as {
      plan: string;
      aiAllowance: { limitUsd: number };
    };
    expect(usage.plan).toBe("business");
    expect(usage.aiAllowance.limitUsd).toBe(PLANS.business.aiMonthlyUsd);

    const audit = (await (await adminCall("/v1/admin/audit?limit=5")).json()) as {
      items: { id: string; actor: string; action: string; targetUserId: string; detail: Record<string, unknown> }[];
    };
    const entry = audit.items.find((i) => i.id === body.auditId);
    expect(entry).toMatchObject({
      action: "plan.assign",
      targetUserId: user.userId,
      actor: `admin:${await tokenFingerprint(ADMIN_TOKEN)}`,
      detail: { from: "free", to: "business", reason: "invoice 2026-117" },
    });
    expect(JSON.stringify(audit)).not.toContain(ADMIN_TOKEN);

    const again = (await (await assign(user.userId, { plan: "enterprise", reason: "contract" })).json()) as {
      previousPlan: string;
    };
    expect(again.previousPlan).toBe("business");
    expect((await planOf(env.DB, user.userId)).name).toBe("enterprise");
  });

  it("an unknown user is a 404 and an unknown plan a 422, and neither writes an audit row", async () => {
    const before = await env.DB.prepare("SELECT count(*) AS n FROM admin_audit").first<{ n: number }>();
    expect((await assign("usr_missing", { plan: "pro", reason: "x" })).status).toBe(404);
    const user = await signUp();
    const bad = await assign(user.userId, { plan: "platinum", reason: "x" });
    expect(bad.status).toBe(422);
    expect((await assign(user.userId, { plan: "pro" })).status).toBe(422);
    const after = await env.DB.prepare("SELECT count(*) AS n FROM admin_audit").first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
  });
});
