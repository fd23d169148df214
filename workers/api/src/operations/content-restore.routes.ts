/**
 * The operator's entry point for restoring notebooks' objects from a backup's content export
 * (content-restore.ts `restoreContent`; docs/operations.md "The notebooks' own databases"). Admin token,
 * audited before it runs (a restore that fails halfway still has its audit row).
 */
import { createRoute, z } from "@hono/zod-openapi";
import { adminRoute, json } from "../admin/admin.routes";
import { auditStatement } from "../admin/admin.store";
import { newId } from "../platform/ids";
import { problemResponses } from "../platform/openapi";
import { Problem } from "../platform/problem";
import { type ContentRestoreResult, restoreContent } from "./content-restore";
import { RestoreError } from "./restore";

/** Notebooks per call by default: each costs a few calls per part, under the 1,000 subrequests of one request. */
const DEFAULT_LIMIT = 5;

const BackupParams = z.object({
  backupId: z
    .string()
    .regex(/^[0-9A-Za-z][0-9A-Za-z._:-]{0,63}$/)
    .openapi({ param: { name: "backupId", in: "path" }, example: "2026-12-01T03-30-00Z" }),
});

export const RestoreContentSchema = z
  .object({
    notebookIds: z
      .array(z.string().min(1).max(64))
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: "Only these notebooks (default: every notebook in the backup's content export)" }),
    after: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .openapi({ description: "Continue after this notebook id (the previous answer's `next`)" }),
    limit: z.number().int().min(1).max(50).default(DEFAULT_LIMIT).openapi({ description: "Notebooks in this call" }),
    source: z
      .enum(["primary", "offsite"])
      .default("primary")
      .openapi({ description: "primary: the FILES bucket; offsite: the off-site copy (BACKUP_BUCKET)" }),
    reason: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .openapi({ description: "Why (an incident, a ticket): kept in the audit" }),
  })
  .strict()
  .openapi("RestoreContent");

export const ContentRestoreReportSchema = z
  .object({
    backupId: z.string(),
    notebooks: z.number().int().openapi({ description: "Notebooks whose object was restored in this call" }),
    rows: z.number().int(),
    skippedDeleted: z
      .array(z.string())
      .openapi({ description: "Notebooks deleted since the backup (their object has a tombstone): not restored" }),
    next: z.string().nullable().openapi({ description: "Call again with `after` = this until it is null" }),
    auditId: z.string(),
  })
  .openapi("ContentRestoreReport");

export const restoreContentRoute = createRoute({
  method: "post",
  path: "/backups/{backupId}/restore-content",
  ...adminRoute,
  summary: "Restore notebooks' own databases from a backup's content export (audited)",
  description:
    "Operators only: `Authorization: Bearer <ADMIN_TOKEN>`. Run after the primary D1 is restored (`npm run db:restore`). For up to `limit` notebooks of the backup's content export, in id order after `after`: every part's sha256 and row count is verified, then the notebook's object is cleared and refilled, and its row counts checked against the manifest. Notebooks deleted since the backup are skipped and listed. 409 `content-restore-refused` when the export is unfinished, missing or corrupt (nothing of that notebook was touched).",
  request: { params: BackupParams, body: { content: json(RestoreContentSchema), required: true } },
  responses: {
    200: { description: "What this call restored", content: json(ContentRestoreReportSchema) },
    ...problemResponses(401, 409, 422, 503),
  },
});

type RestoreInput = z.infer<typeof RestoreContentSchema> & { backupId: string; actor: string; requestId?: string };

export async function restoreContentAudited(
  env: Env,
  input: RestoreInput,
): Promise<Omit<ContentRestoreResult, "next"> & { next: string | null; backupId: string; auditId: string }> {
  const { backupId, notebookIds, after, limit, source, reason } = input;
  const auditId = newId("aud", Date.now());
  await auditStatement(env.DB, {
    id: auditId,
    at: Date.now(),
    actor: input.actor,
    action: "content.restore",
    targetUserId: null,
    detail: { backupId, source, reason, after: after ?? null, limit, notebookIds: notebookIds ?? null },
    requestId: input.requestId,
  }).run();
  const bucket = source === "offsite" ? env.BACKUP_BUCKET : env.FILES;
  try {
    const result = await restoreContent(env, bucket, backupId, {
      limit,
      ...(after ? { after } : {}),
      ...(notebookIds ? { notebookIds } : {}),
    });
    return { ...result, next: result.next ?? null, backupId, auditId };
  } catch (err) {
    if (!(err instanceof RestoreError)) throw err;
    throw new Problem({ status: 409, type: "content-restore-refused", title: "Restore refused", detail: err.message });
  }
}
