/**
 * Notes and the cached notebook overview (migrations/0008_create_notes_and_overview.sql is the source of
 * truth) as drizzle tables, beside db.ts like the study tools' tables.
 */
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { document, notebook, user } from "./db";

const created = integer("created_at", { mode: "timestamp_ms" }).notNull();

export const note = sqliteTable(
  "note",
  {
    id: text("id").primaryKey(),
    notebookId: text("notebook_id")
      .notNull()
      .references(() => notebook.id, { onDelete: "cascade" }),
    ownerId: text("owner_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    text: text("text").notNull(),
    /** JSON array of answer citations (snapshots: they outlive the document they point to). */
    citations: text("citations", { mode: "json" }).notNull().$type<unknown[]>(),
    /** The answer the note was saved from, if any. */
    threadId: text("thread_id"),
    messageId: text("message_id"),
    /** The document the note was turned into (null again once that document is deleted). */
    sourceDocumentId: text("source_document_id").references(() => document.id, { onDelete: "set null" }),
    createdAt: created,
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("note_notebook_updated_idx").on(t.notebookId, t.updatedAt, t.id)],
);

export const notebookOverview = sqliteTable("notebook_overview", {
  notebookId: text("notebook_id")
    .primaryKey()
    .references(() => notebook.id, { onDelete: "cascade" }),
  contentVersion: integer("content_version").notNull(),
  mode: text("mode", { enum: ["generated", "extractive"] }).notNull(),
  overview: text("overview", { mode: "json" }).notNull().$type<unknown>(),
  provider: text("provider"),
  model: text("model"),
  createdAt: created,
});

export type NoteRow = typeof note.$inferSelect;
