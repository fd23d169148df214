/**
 * Relational schema (D1 / SQLite) as drizzle tables. The SQL in migrations/ is the source of truth
 * for the database; these tables mirror it for typed queries. No server-only imports here, so the
 * web app may import the row types too.
 */
import { sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const timestamps = {
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
};

// ---- accounts (better-auth core tables; field names are better-auth's, columns snake_case)

export const user = sqliteTable("user", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: integer("email_verified", { mode: "boolean" }).notNull().default(false),
  image: text("image"),
  ...timestamps,
});

export const session = sqliteTable(
  "session",
  {
    id: text("id").primaryKey(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    token: text("token").notNull().unique(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    ...timestamps,
  },
  (t) => [index("session_user_id_idx").on(t.userId)],
);

export const account = sqliteTable(
  "account",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: integer("access_token_expires_at", { mode: "timestamp_ms" }),
    refreshTokenExpiresAt: integer("refresh_token_expires_at", { mode: "timestamp_ms" }),
    scope: text("scope"),
    password: text("password"),
    ...timestamps,
  },
  (t) => [index("account_user_id_idx").on(t.userId)],
);

export const verification = sqliteTable(
  "verification",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    ...timestamps,
  },
  (t) => [index("verification_identifier_idx").on(t.identifier)],
);

// ---- partner API keys and Idempotency-Key replays

/** A partner's API key. Only a SHA-256 of the secret is stored; `prefix` is what lists show. */
export const apiKey = sqliteTable(
  "api_key",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull().unique(),
    /** JSON array, a subset of ["read", "write", "ask"]. */
    scopes: text("scopes", { mode: "json" }).notNull().$type<("read" | "write" | "ask")[]>(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    createdAt: timestamps.createdAt,
  },
  (t) => [index("api_key_user_created_idx").on(t.userId, t.createdAt, t.id)],
);

/** The first response to a POST sent with an Idempotency-Key by an API-key caller; kept 24 hours. */
export const idempotencyKey = sqliteTable(
  "idempotency_key",
  {
    apiKeyId: text("api_key_id")
      .notNull()
      .references(() => apiKey.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    /** Null while the first request is still being handled. */
    status: integer("status"),
    contentType: text("content_type"),
    location: text("location"),
    responseBody: text("response_body"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.key] }), index("idempotency_key_created_idx").on(t.createdAt)],
);

// ---- study material

export const notebook = sqliteTable(
  "notebook",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** Embedding model of every chunk in this notebook; set by the first ingestion, never mixed. */
    embeddingModel: text("embedding_model"),
    /** Bumped on every document change; caches (answers, guides) key on it. */
    contentVersion: integer("content_version").notNull().default(0),
    /** Which vector set searches read (migration 0020): 0 keeps `<documentId>:<chunkIndex>`; a re-embed moves it. */
    vectorGeneration: integer("vector_generation").notNull().default(0),
    /** Which Vectorize index holds its vectors (migration 0024): 0 = binding VECTORS, n = VECTORS_<n>; set at creation. */
    vectorIndex: integer("vector_index").notNull().default(0),
    /** Where its pages, chunks, keyword index and concept map live (migration 0021, content/content-db.ts). */
    contentLayout: text("content_layout", { enum: ["d1", "migrating", "object"] })
      .notNull()
      .default("object"),
    ...timestamps,
  },
  (t) => [
    index("notebook_owner_created_idx").on(t.ownerId, t.createdAt, t.id),
    uniqueIndex("notebook_owner_id_idx").on(t.ownerId, t.id),
  ],
);

export const DOCUMENT_STATUSES = ["queued", "processing", "ready", "failed", "rejected"] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];
export const DOCUMENT_STAGES = [
  "queued",
  "extracting",
  "chunking",
  "embedding",
  "indexing",
  "finalizing",
  "done",
] as const;
export type DocumentStage = (typeof DOCUMENT_STAGES)[number];
export const SOURCE_TYPES = ["pdf", "docx", "html", "text"] as const;
/** A PDF page's OCR state (migration 0018): null is a page read from its text layer. */
export const PAGE_OCR_STATES = ["needs-ocr", "provider", "browser"] as const;
export type PageOcrState = (typeof PAGE_OCR_STATES)[number];
export type SourceType = (typeof SOURCE_TYPES)[number];

export const document = sqliteTable(
  "document",
  {
    id: text("id").primaryKey(),
    notebookId: text("notebook_id")
      .notNull()
      .references(() => notebook.id, { onDelete: "cascade" }),
    ownerId: text("owner_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    sourceType: text("source_type", { enum: SOURCE_TYPES }).notNull(),
    mediaType: text("media_type").notNull(),
    fileName: text("file_name"),
    sourceUrl: text("source_url"),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    r2Key: text("r2_key").notNull(),
    status: text("status", { enum: DOCUMENT_STATUSES }).notNull().default("queued"),
    stage: text("stage", { enum: DOCUMENT_STAGES }).notNull().default("queued"),
    progressDone: integer("progress_done").notNull().default(0),
    progressTotal: integer("progress_total").notNull().default(0),
    pageCount: integer("page_count").notNull().default(0),
    /** Pages charged against the monthly page quota (0 until charged, so retries never charge twice). */
    pagesCharged: integer("pages_charged").notNull().default(0),
    chunkCount: integer("chunk_count").notNull().default(0),
    embeddingModel: text("embedding_model"),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    attempts: integer("attempts").notNull().default(1),
    ...timestamps,
    readyAt: integer("ready_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("document_notebook_sha256_idx").on(t.notebookId, t.sha256),
    index("document_notebook_created_idx").on(t.notebookId, t.createdAt, t.id),
  ],
);

export const documentPage = sqliteTable(
  "document_page",
  {
    documentId: text("document_id")
      .notNull()
      .references(() => document.id, { onDelete: "cascade" }),
    pageNumber: integer("page_number").notNull(),
    text: text("text").notNull(),
    /** Null: read from the text layer. `needs-ocr`: a scanned page not read yet; provider/browser: who read it. */
    ocr: text("ocr", { enum: PAGE_OCR_STATES }),
    /** Why a scanned page is not read yet, in words a student reads. */
    ocrReason: text("ocr_reason"),
    /** Media type of the page image kept in R2 (`pageImageKey`), null when none was kept. */
    imageType: text("image_type"),
    /** JSON `[{"t": word, "b": [x0, y0, x1, y1]}]` in fractions of the image, when the reader gave boxes. */
    ocrWords: text("ocr_words"),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.pageNumber] })],
);

export const chunk = sqliteTable(
  "chunk",
  {
    /** Stable integer rowid the FTS5 keyword index points at. */
    seq: integer("seq").primaryKey(),
    /** Public chunk id and vector id: `${documentId}:${chunkIndex}`. */
    id: text("id").notNull().unique(),
    documentId: text("document_id")
      .notNull()
      .references(() => document.id, { onDelete: "cascade" }),
    notebookId: text("notebook_id").notNull(),
    chunkIndex: integer("chunk_index").notNull(),
    pageStart: integer("page_start").notNull(),
    pageEnd: integer("page_end").notNull(),
    /** Offset into page `pageStart`'s text where the chunk begins. */
    startOffset: integer("start_offset").notNull(),
    /** Offset into page `pageEnd`'s text where the chunk ends (exclusive). */
    endOffset: integer("end_offset").notNull(),
    text: text("text").notNull(),
    /** The nearest heading and a table's header rows, repeated for the index and the answer (not in `text`). */
    context: text("context"),
    tokenCount: integer("token_count").notNull(),
    embeddingModel: text("embedding_model").notNull(),
  },
  (t) => [
    uniqueIndex("chunk_document_index_idx").on(t.documentId, t.chunkIndex),
    index("chunk_notebook_idx").on(t.notebookId),
  ],
);

/** The exact vector store's rows (local development and tests; Vectorize in deployments). */
export const chunkVector = sqliteTable(
  "chunk_vector",
  {
    id: text("id").primaryKey(),
    notebookId: text("notebook_id").notNull(),
    documentId: text("document_id")
      .notNull()
      .references(() => document.id, { onDelete: "cascade" }),
    dimensions: integer("dimensions").notNull(),
    vector: blob("vector", { mode: "buffer" }).notNull(),
  },
  (t) => [index("chunk_vector_notebook_idx").on(t.notebookId, t.documentId)],
);

/** Stemmed keyword text of a chunk (`indexText`), the content of the `chunk_terms` FTS5 index. */
export const chunkKeyword = sqliteTable("chunk_keyword", {
  seq: integer("seq")
    .primaryKey()
    .references(() => chunk.seq, { onDelete: "cascade" }),
  terms: text("terms").notNull(),
  /** The notebook token (`n` + hex of the notebook id) the FTS index matches on; filled by an insert trigger. */
  notebook: text("notebook").notNull().default(""),
});

// ---- questions and answers

export const THREAD_TITLE_SOURCES = ["question", "model", "user"] as const;
export type ThreadTitleSource = (typeof THREAD_TITLE_SOURCES)[number];

export const thread = sqliteTable(
  "thread",
  {
    id: text("id").primaryKey(),
    notebookId: text("notebook_id")
      .notNull()
      .references(() => notebook.id, { onDelete: "cascade" }),
    ownerId: text("owner_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    /** Where the title came from: the first question, the language model, or the student's rename. */
    titleSource: text("title_source", { enum: THREAD_TITLE_SOURCES }).notNull().default("question"),
    ...timestamps,
  },
  (t) => [
    index("thread_notebook_created_idx").on(t.notebookId, t.createdAt, t.id),
    index("thread_notebook_updated_idx").on(t.notebookId, t.updatedAt, t.id),
  ],
);

export const ANSWER_MODES = ["generated", "extractive", "not-covered"] as const;
export type AnswerMode = (typeof ANSWER_MODES)[number];

export const threadMessage = sqliteTable(
  "thread_message",
  {
    id: text("id").primaryKey(),
    threadId: text("thread_id")
      .notNull()
      .references(() => thread.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["user", "assistant"] }).notNull(),
    text: text("text").notNull(),
    /** User messages: the standalone query a follow-up was rewritten to. */
    standalone: text("standalone"),
    mode: text("mode", { enum: ANSWER_MODES }),
    /** JSON array of citations (assistant messages). */
    citations: text("citations", { mode: "json" }).$type<unknown[]>(),
    cached: integer("cached", { mode: "boolean" }).notNull().default(false),
    provider: text("provider"),
    model: text("model"),
    retrievalMs: integer("retrieval_ms"),
    modelMs: integer("model_ms"),
    createdAt: timestamps.createdAt,
  },
  (t) => [index("thread_message_thread_created_idx").on(t.threadId, t.createdAt, t.id)],
);

export const answerCache = sqliteTable(
  "answer_cache",
  {
    notebookId: text("notebook_id")
      .notNull()
      .references(() => notebook.id, { onDelete: "cascade" }),
    contentVersion: integer("content_version").notNull(),
    questionHash: text("question_hash").notNull(),
    mode: text("mode", { enum: ANSWER_MODES }).notNull(),
    answer: text("answer").notNull(),
    citations: text("citations", { mode: "json" }).notNull().$type<unknown[]>(),
    provider: text("provider").notNull(),
    model: text("model").notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.notebookId, t.contentVersion, t.questionHash] })],
);

export type UserRow = typeof user.$inferSelect;
export type NotebookRow = typeof notebook.$inferSelect;
export type DocumentRow = typeof document.$inferSelect;
export type ChunkRow = typeof chunk.$inferSelect;
export type ThreadRow = typeof thread.$inferSelect;
export type ThreadMessageRow = typeof threadMessage.$inferSelect;
