/**
 * Moving a notebook's content from the primary D1 to its own object (migrations/0022_create_content_move.sql
 * is the source of truth): the job table as drizzle and the admin API's DTOs.
 */
import { z } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const CONTENT_MOVE_STATUSES = ["running", "switched", "failed"] as const;
export type ContentMoveStatus = (typeof CONTENT_MOVE_STATUSES)[number];
export const CONTENT_MOVE_PHASES = ["mark", "copy", "verify", "switch", "cleanup", "done"] as const;
export type ContentMovePhase = (typeof CONTENT_MOVE_PHASES)[number];

export const contentMove = sqliteTable(
  "content_move",
  {
    id: text("id").primaryKey(),
    notebookId: text("notebook_id").notNull(),
    status: text("status", { enum: CONTENT_MOVE_STATUSES }).notNull(),
    phase: text("phase", { enum: CONTENT_MOVE_PHASES }).notNull().default("mark"),
    reason: text("reason").notNull(),
    /** JSON of `Record<table, { copied, cursor }>`. */
    progress: text("progress").notNull().default("{}"),
    /** JSON of `ContentMoveReport`. */
    report: text("report"),
    failure: text("failure"),
    d1RowsDeleted: integer("d1_rows_deleted").notNull().default(0),
    actor: text("actor").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    switchedAt: integer("switched_at", { mode: "timestamp_ms" }),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("content_move_notebook_created_idx").on(t.notebookId, t.createdAt),
    uniqueIndex("content_move_one_running_idx").on(t.notebookId).where(sql`status = 'running'`),
  ],
);

const SideSchema = z.object({
  rows: z.number().int(),
  sha256: z.string().openapi({ description: "sha256 over the table's rows in key order (the same code both sides)" }),
});

export const TableCheckSchema = z
  .object({ table: z.string(), d1: SideSchema, object: SideSchema, match: z.boolean() })
  .openapi("ContentMoveTableCheck");
export type TableCheck = z.infer<typeof TableCheckSchema>;

export const ContentMoveReportSchema = z
  .object({
    tables: z.array(TableCheckSchema),
    keyword: z
      .object({
        query: z.string(),
        d1: z.number().int(),
        object: z.number().int(),
        same: z
          .boolean()
          .openapi({ description: "The same chunk ids on both sides (as sets: bm25 statistics differ)" }),
      })
      .nullable()
      .openapi({ description: "One keyword MATCH on both sides (null: the notebook has no keyword rows)" }),
    recopied: z.array(z.string()).openapi({ description: "Tables that mismatched once and were copied again" }),
    passed: z.boolean(),
  })
  .openapi("ContentMoveReport");
export type ContentMoveReport = z.infer<typeof ContentMoveReportSchema>;

export const StartContentMoveSchema = z
  .object({
    reason: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .openapi({ description: "Why (a ticket, the scale-out): kept in the audit" }),
  })
  .strict()
  .openapi("StartContentMove");

export const ContentMoveJobSchema = z
  .object({
    id: z.string(),
    notebookId: z.string(),
    status: z.enum(CONTENT_MOVE_STATUSES),
    phase: z.enum(CONTENT_MOVE_PHASES),
    reason: z.string(),
    failure: z.string().nullable().openapi({ description: "Why it did not switch" }),
    copied: z.record(z.string(), z.number().int()).openapi({ description: "Rows copied so far, per table" }),
    report: ContentMoveReportSchema.nullable(),
    d1RowsDeleted: z.number().int(),
    auditId: z.string().optional(),
    createdAt: z.string().openapi({ format: "date-time" }),
    switchedAt: z.string().nullable().openapi({ format: "date-time" }),
    finishedAt: z.string().nullable().openapi({ format: "date-time" }),
  })
  .openapi("ContentMoveJob");
export type ContentMoveJobDto = z.infer<typeof ContentMoveJobSchema>;

export const StartContentMovesSchema = z
  .object({
    reason: z.string().trim().min(1).max(500).openapi({ description: "Why: kept in the audit of every move" }),
    after: z
      .string()
      .max(64)
      .optional()
      .openapi({ description: "The cursor from the previous batch's `next` (notebook ids in order)" }),
    limit: z.number().int().min(1).max(100).default(100).openapi({ description: "Moves to start in this batch" }),
  })
  .strict()
  .openapi("StartContentMoves");

export const ContentMoveBatchSchema = z
  .object({
    started: z.array(z.object({ notebookId: z.string(), jobId: z.string() })),
    skipped: z
      .array(z.object({ notebookId: z.string(), reason: z.string() }))
      .openapi({ description: "Notebooks that cannot move now (documents processing, a re-embed): still in D1" }),
    next: z.string().nullable().openapi({ description: "Pass as `after` for the next batch; null: none left" }),
  })
  .openapi("ContentMoveBatch");
export type ContentMoveBatchDto = z.infer<typeof ContentMoveBatchSchema>;
