/**
 * The concept map's tables (migrations/0009_create_concept_map.sql and 0014 are the source of truth) as drizzle
 * tables, beside db.ts like the study tools' tables.
 */
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { document, notebook } from "./db";

const notebookId = () =>
  text("notebook_id")
    .notNull()
    .references(() => notebook.id, { onDelete: "cascade" });

export const concept = sqliteTable(
  "concept",
  {
    id: text("id").primaryKey(),
    notebookId: notebookId(),
    key: text("key").notNull(),
    label: text("label").notNull(),
    acronym: text("acronym"),
    mentionCount: integer("mention_count").notNull().default(0),
    documentCount: integer("document_count").notNull().default(0),
    communityId: text("community_id"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("concept_notebook_key_idx").on(t.notebookId, t.key),
    index("concept_notebook_weight_idx").on(t.notebookId, t.mentionCount),
    index("concept_notebook_acronym_idx").on(t.notebookId, t.acronym),
  ],
);

export const conceptMention = sqliteTable(
  "concept_mention",
  {
    conceptId: text("concept_id")
      .notNull()
      .references(() => concept.id, { onDelete: "cascade" }),
    documentId: text("document_id")
      .notNull()
      .references(() => document.id, { onDelete: "cascade" }),
    notebookId: text("notebook_id").notNull(),
    chunkId: text("chunk_id").notNull(),
    page: integer("page").notNull(),
    sentence: integer("sentence").notNull(),
    startOffset: integer("start_offset").notNull(),
    surface: text("surface").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conceptId, t.documentId, t.sentence] }),
    index("concept_mention_notebook_idx").on(t.notebookId, t.conceptId),
    index("concept_mention_sentence_idx").on(t.documentId, t.sentence),
  ],
);

export const conceptEdge = sqliteTable(
  "concept_edge",
  {
    notebookId: notebookId(),
    sourceId: text("source_id")
      .notNull()
      .references(() => concept.id, { onDelete: "cascade" }),
    targetId: text("target_id")
      .notNull()
      .references(() => concept.id, { onDelete: "cascade" }),
    cooccurrences: integer("cooccurrences").notNull(),
    weight: real("weight").notNull(),
    relation: text("relation"),
    /** Migration 0014: the relation's subject, the chunk whose words state it, those words, and whether a model was asked. */
    relationSourceId: text("relation_source_id"),
    relationChunkId: text("relation_chunk_id"),
    relationQuote: text("relation_quote"),
    relationChecked: integer("relation_checked").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.notebookId, t.sourceId, t.targetId] })],
);

export const conceptCommunity = sqliteTable(
  "concept_community",
  {
    id: text("id").primaryKey(),
    notebookId: notebookId(),
    label: text("label").notNull(),
    summary: text("summary"),
    size: integer("size").notNull(),
    /** Migration 0014: the pages the model's summary cites, JSON [{documentId, page, chunkId}]. */
    summaryCitations: text("summary_citations"),
  },
  (t) => [index("concept_community_notebook_idx").on(t.notebookId)],
);

export const conceptMap = sqliteTable("concept_map", {
  notebookId: text("notebook_id")
    .primaryKey()
    .references(() => notebook.id, { onDelete: "cascade" }),
  contentVersion: integer("content_version").notNull(),
  conceptCount: integer("concept_count").notNull(),
  edgeCount: integer("edge_count").notNull(),
  communityCount: integer("community_count").notNull(),
  durationMs: integer("duration_ms").notNull(),
  builtAt: integer("built_at", { mode: "timestamp_ms" }).notNull(),
  /** The default map as JSON (migration 0014), for contentVersion. */
  snapshot: text("snapshot"),
});

/** Sentences of one extraction step (document, first page) mentioning both concepts (migration 0014). */
export const conceptPair = sqliteTable(
  "concept_pair",
  {
    notebookId: text("notebook_id").notNull(),
    documentId: text("document_id")
      .notNull()
      .references(() => document.id, { onDelete: "cascade" }),
    firstPage: integer("first_page").notNull(),
    sourceId: text("source_id").notNull(),
    targetId: text("target_id").notNull(),
    together: integer("together").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.firstPage, t.sourceId, t.targetId] }),
    index("concept_pair_notebook_idx").on(t.notebookId, t.sourceId, t.targetId, t.together),
  ],
);

export const EXTRACTION_METHODS = [
  "offline-en",
  "offline-pt",
  "offline-es",
  "offline-other",
  "graph",
  "model",
] as const;

export const conceptExtractionLog = sqliteTable(
  "concept_extraction_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    notebookId: notebookId(),
    documentId: text("document_id"),
    step: text("step").notNull(),
    method: text("method", { enum: EXTRACTION_METHODS }).notNull(),
    counts: text("counts", { mode: "json" }).notNull().$type<Record<string, number>>(),
    durationMs: integer("duration_ms").notNull(),
    error: text("error"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("concept_extraction_log_document_idx").on(t.documentId, t.createdAt)],
);

/** Sentences of one page mentioning the concept, and the first chunk doing so (migration 0014). */
export const conceptPage = sqliteTable(
  "concept_page",
  {
    notebookId: text("notebook_id").notNull(),
    documentId: text("document_id")
      .notNull()
      .references(() => document.id, { onDelete: "cascade" }),
    conceptId: text("concept_id").notNull(),
    page: integer("page").notNull(),
    chunkId: text("chunk_id").notNull(),
    mentions: integer("mentions").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conceptId, t.documentId, t.page] }),
    index("concept_page_rank_idx").on(t.conceptId, t.mentions, t.documentId, t.page),
    index("concept_page_document_idx").on(t.documentId, t.page, t.conceptId, t.mentions),
  ],
);
