/** Admin actions and their audit trail: every change is written in one D1 batch with its audit row. */
import { newId } from "../platform/ids";
import { notFound } from "../platform/problem";
import { type PlanName, planOf } from "../usage/plans";

export type AuditEntry = {
  id: string;
  at: string;
  actor: string;
  action: string;
  targetUserId: string | null;
  detail: Record<string, unknown>;
  requestId: string | null;
};

/** The audit row of an admin action, to run in the same D1 batch as the change itself. */
export function auditStatement(
  db: D1Database,
  entry: {
    id: string;
    at: number;
    actor: string;
    action: string;
    targetUserId: string | null;
    detail: Record<string, unknown>;
    requestId?: string | undefined;
  },
): D1PreparedStatement {
  return db
    .prepare(
      "INSERT INTO admin_audit (id, at, actor, action, target_user_id, detail, request_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(
      entry.id,
      entry.at,
      entry.actor,
      entry.action,
      entry.targetUserId,
      JSON.stringify(entry.detail),
      entry.requestId ?? null,
    );
}

export async function assignPlan(
  db: D1Database,
  input: { userId: string; plan: PlanName; reason: string; actor: string; requestId?: string; now?: number },
): Promise<{ userId: string; plan: PlanName; previousPlan: PlanName; auditId: string }> {
  const user = await db.prepare("SELECT id FROM user WHERE id = ?").bind(input.userId).first<{ id: string }>();
  if (!user) throw notFound(`User ${input.userId}`);
  const previous = (await planOf(db, input.userId)).name;
  const now = input.now ?? Date.now();
  const auditId = newId("aud", now);
  await db.batch([
    db
      .prepare(
        `INSERT INTO user_plan (user_id, plan, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (user_id) DO UPDATE SET plan = excluded.plan, updated_at = excluded.updated_at`,
      )
      .bind(input.userId, input.plan, now),
    auditStatement(db, {
      id: auditId,
      at: now,
      actor: input.actor,
      action: "plan.assign",
      targetUserId: input.userId,
      detail: { from: previous, to: input.plan, reason: input.reason },
      requestId: input.requestId,
    }),
  ]);
  return { userId: input.userId, plan: input.plan, previousPlan: previous, auditId };
}

type AuditRow = {
  id: string;
  at: number;
  actor: string;
  action: string;
  target_user_id: string | null;
  detail: string;
  request_id: string | null;
};

export async function listAudit(db: D1Database, limit: number): Promise<AuditEntry[]> {
  const { results } = await db
    .prepare("SELECT * FROM admin_audit ORDER BY at DESC, id DESC LIMIT ?")
    .bind(limit)
    .all<AuditRow>();
  return results.map((r) => ({
    id: r.id,
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    action: r.action,
    targetUserId: r.target_user_id,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    requestId: r.request_id,
  }));
}
