/**
 * Re-embedding a notebook to another embedding model (migrations/0020_create_reembed_job.sql is the source of
 * truth): the job table as drizzle and the admin API's DTOs.
 */
import { z } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const REEMBED_STATUSES = ["running", "switched", "failed"] as const;
export type ReembedStatus = (typeof REEMBED_STATUSES)[number];

export const reembedJob = sqliteTable(
  "reembed_job",
  {
    id: text("id").primaryKey(),
    notebookId: text("notebook_id").notNull(),
    fromModel: text("from_model").notNull(),
    toModel: text("to_model").notNull(),
    fromGeneration: integer("from_generation").notNull(),
    toGeneration: integer("to_generation").notNull(),
    status: text("status", { enum: REEMBED_STATUSES }).notNull(),
    reason: text("reason").notNull(),
    failure: text("failure"),
    chunkCount: integer("chunk_count").notNull().default(0),
    embedded: integer("embedded").notNull().default(0),
    /** JSON of `RecallReport`. */
    recall: text("recall"),
    actor: text("actor").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("reembed_job_notebook_created_idx").on(t.notebookId, t.createdAt),
    uniqueIndex("reembed_job_one_running_idx").on(t.notebookId).where(sql`status = 'running'`),
  ],
);

export const RecallReportSchema = z
  .object({
    questions: z.number().int().openapi({ description: "Questions drawn from the notebook's own chunks" }),
    k: z.number().int(),
    hitOld: z
      .number()
      .openapi({ description: "Share of questions whose source chunk the old model ranks in its top k" }),
    hitNew: z.number().openapi({ description: "The same for the new model" }),
    overlap: z.number().openapi({ description: "Mean overlap@k of the new ranking with the old one (0–1)" }),
    minRatio: z.number().openapi({ description: "Pass when hitNew ≥ minRatio × hitOld" }),
    passed: z.boolean(),
  })
  .openapi("ReembedRecall");
export type RecallReport = z.infer<typeof RecallReportSchema>;

export const StartReembedSchema = z
  .object({
    model: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .openapi({ description: "Provider-qualified embedding model", example: "workers-ai/@cf/baai/bge-m3" }),
    reason: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .openapi({ description: "Why (a ticket, a model upgrade): kept in the audit" }),
  })
  .strict()
  .openapi("StartReembed");

export const ReembedJobSchema = z
  .object({
    id: z.string(),
    notebookId: z.string(),
    fromModel: z.string(),
    toModel: z.string(),
    status: z.enum(REEMBED_STATUSES),
    reason: z.string(),
    failure: z.string().nullable().openapi({ description: "Why it did not switch (or what was left to clean up)" }),
    chunkCount: z.number().int(),
    embedded: z.number().int(),
    recall: RecallReportSchema.nullable(),
    auditId: z.string().optional(),
    createdAt: z.string().openapi({ format: "date-time" }),
    finishedAt: z.string().nullable().openapi({ format: "date-time" }),
  })
  .openapi("ReembedJob");
export type ReembedJobDto = z.infer<typeof ReembedJobSchema>;
