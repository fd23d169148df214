import { createRoute, z } from "@hono/zod-openapi";
import { PlanNameSchema } from "../../../../schemas/usage";
import { problemResponses } from "../platform/openapi";
import { requireAdmin } from "./require-admin";

/** What every admin route declares (the reembed and content-move rooms' routes too): its tag, the admin token, its check. */
export const adminRoute = { tags: ["Admin"], security: [{ adminToken: [] }], middleware: requireAdmin };
const { tags, security, middleware } = adminRoute;
export const json = <T>(schema: T) => ({ "application/json": { schema } });

/** The notebook an admin route acts on (re-embed, content move). */
export const AdminNotebookParams = z.object({
  notebookId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "notebookId", in: "path" }, example: "nb_01jd0c2v9x3f7k2m4q8r6t1w5y" }),
});

const UserParams = z.object({
  userId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "userId", in: "path" }, example: "usr_01jd0c2v9x3f7k2m4q8r6t1w5y" }),
});

export const AssignPlanSchema = z
  .object({
    plan: PlanNameSchema,
    reason: z.string().trim().min(1).max(500).openapi({ description: "Why (an invoice, a ticket): kept in the audit" }),
  })
  .strict()
  .openapi("AssignPlan");

export const AssignedPlanSchema = z
  .object({
    userId: z.string(),
    plan: PlanNameSchema,
    previousPlan: PlanNameSchema,
    auditId: z.string(),
  })
  .openapi("AssignedPlan");

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    at: z.string().openapi({ format: "date-time" }),
    actor: z.string().openapi({ description: "Fingerprint of the admin token used (never the token)" }),
    action: z.string(),
    targetUserId: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
    requestId: z.string().nullable(),
  })
  .openapi("AdminAuditEntry");

export const assignPlan = createRoute({
  method: "put",
  path: "/users/{userId}/plan",
  tags,
  security,
  middleware,
  summary: "Assign a plan to a user (audited)",
  description:
    "Operators only: `Authorization: Bearer <ADMIN_TOKEN>`. The change and its audit row are written together; the new limits apply to the user's next request.",
  request: { params: UserParams, body: { content: json(AssignPlanSchema), required: true } },
  responses: {
    200: { description: "Assigned", content: json(AssignedPlanSchema) },
    ...problemResponses(401, 404, 422, 503),
  },
});

export const listAudit = createRoute({
  method: "get",
  path: "/audit",
  tags,
  security,
  middleware,
  summary: "The admin audit trail, newest first",
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
  responses: {
    200: { description: "Latest entries", content: json(z.object({ items: z.array(AuditEntrySchema) })) },
    ...problemResponses(401, 422, 503),
  },
});
