/**
 * One notebook's own database (issue 21, docs/scale.md): a SQLite-backed Durable Object, addressed by the
 * notebook id, holding what grows with the notebook's content (content-schema.ts). The primary D1 keeps
 * accounts, the notebook and document registries, usage and the study tools.
 *
 * The Workers talk to it through `ContentDatabase` (content-db.ts), a D1-shaped handle: a statement or a
 * batch crosses as SQL plus bound values and runs here in one synchronous transaction, so a batch is atomic
 * as D1's is, and a read sees every earlier write (one object runs one request at a time). Only our own
 * Workers hold the binding; nothing user-supplied is ever SQL (values are always bound).
 *
 * Deleting the notebook (`wipe`) deletes every row and leaves a tombstone, so a Workflow step still running
 * for it cannot recreate content in a deleted notebook's object: every later call fails with
 * `NotebookContentGone`.
 */
import { DurableObject } from "cloudflare:workers";
import { CONTENT_MIGRATIONS, CONTENT_TABLES, DOCUMENT_ROWS } from "./content-schema";
import { GONE_MESSAGE } from "./notebook-content-gone";

export type SqlValue = string | number | null | ArrayBuffer;
export type SqlCall = { sql: string; params: SqlValue[] };
/** One statement's outcome, in D1's terms (rows as arrays, in column order). */
export type SqlOutcome = { columns: string[]; rows: unknown[][]; changes: number; lastRowId: number; rowsRead: number };

const TOMBSTONE = "content-deleted-at";
const WRITES = /^\s*(insert|update|delete|replace|with|create|drop|alter)\b/i;

function applyMigrations(storage: DurableObjectStorage): void {
  const sql = storage.sql;
  sql.exec(
    "CREATE TABLE IF NOT EXISTS content_migration (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)",
  );
  const applied = new Set(
    sql
      .exec<{ id: number }>("SELECT id FROM content_migration")
      .toArray()
      .map((r) => r.id),
  );
  for (const migration of CONTENT_MIGRATIONS) {
    if (applied.has(migration.id)) continue;
    storage.transactionSync(() => {
      for (const statement of migration.statements) sql.exec(statement);
      sql.exec(
        "INSERT INTO content_migration (id, name, applied_at) VALUES (?, ?, ?)",
        migration.id,
        migration.name,
        Date.now(),
      );
    });
  }
}

function runOne(sql: SqlStorage, call: SqlCall): SqlOutcome {
  const cursor = sql.exec(call.sql, ...call.params);
  const rows = [...cursor.raw()];
  const outcome: SqlOutcome = {
    columns: cursor.columnNames,
    rows,
    changes: 0,
    lastRowId: 0,
    rowsRead: cursor.rowsRead,
  };
  if (WRITES.test(call.sql)) {
    const [changes, lastRowId] = sql.exec("SELECT changes(), last_insert_rowid()").raw().next().value ?? [0, 0];
    outcome.changes = Number(changes);
    outcome.lastRowId = Number(lastRowId);
  }
  return outcome;
}

export class NotebookContent extends DurableObject<Env> {
  private gone = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      this.gone = ctx.storage.kv.get(TOMBSTONE) !== undefined;
      if (!this.gone) applyMigrations(ctx.storage);
    });
  }

  private live(): void {
    if (this.gone) throw new Error(GONE_MESSAGE);
  }

  /** Statements in one transaction (all or nothing), their outcomes in order. */
  execute(calls: SqlCall[]): SqlOutcome[] {
    this.live();
    return this.ctx.storage.transactionSync(() => calls.map((call) => runOne(this.ctx.storage.sql, call)));
  }

  /** Everything of one document (the cascades D1 runs when its `document` row goes). */
  removeDocument(documentId: string): number {
    this.live();
    const sql = this.ctx.storage.sql;
    return this.ctx.storage.transactionSync(() => {
      let removed = 0;
      // chunk_keyword first: its delete trigger keeps the FTS index in step.
      sql.exec("DELETE FROM chunk_keyword WHERE seq IN (SELECT seq FROM chunk WHERE document_id = ?)", documentId);
      for (const table of DOCUMENT_ROWS) {
        removed += sql.exec(`DELETE FROM ${table} WHERE document_id = ?`, documentId).rowsWritten;
      }
      sql.exec("DELETE FROM concept_extraction_log WHERE document_id = ?", documentId);
      return removed;
    });
  }

  /** The document ids the object holds rows of (the sweep compares them with the registry). */
  documentIds(): string[] {
    this.live();
    // One statement per table: a compound SELECT of six terms is over SQLite's limit here.
    const ids = new Set<string>();
    for (const table of DOCUMENT_ROWS) {
      for (const row of this.ctx.storage.sql.exec<{ id: string }>(`SELECT DISTINCT document_id AS id FROM ${table}`)) {
        ids.add(row.id);
      }
    }
    return [...ids];
  }

  /** Rows per table and the database's size in bytes (metrics, the migration's verification). */
  stats(): { rows: Record<string, number>; bytes: number } {
    this.live();
    const sql = this.ctx.storage.sql;
    const rows: Record<string, number> = {};
    for (const table of CONTENT_TABLES) {
      rows[table] = Number(sql.exec(`SELECT count(*) AS n FROM ${table}`).one().n);
    }
    return { rows, bytes: sql.databaseSize };
  }

  /**
   * Empties content tables (all of them when none are named) and leaves the object usable: no tombstone, unlike
   * `wipe`. The content move (content-move/) clears a partial copy with it, or a table before copying it again.
   * Dependents go first (reverse copy order), chunk_keyword through its trigger so the FTS index follows.
   */
  clearContent(tables?: string[]): number {
    this.live();
    const named = new Set(tables ?? CONTENT_TABLES);
    if (named.has("chunk")) named.add("chunk_keyword");
    const sql = this.ctx.storage.sql;
    return this.ctx.storage.transactionSync(() => {
      let removed = 0;
      for (const table of [...CONTENT_TABLES].reverse()) {
        if (named.has(table)) removed += sql.exec(`DELETE FROM ${table}`).rowsWritten;
      }
      return removed;
    });
  }

  /** Deletes the notebook's content for good and leaves the tombstone (see the file's comment). */
  async wipe(): Promise<void> {
    if (this.gone) return;
    await this.ctx.storage.deleteAll();
    this.ctx.storage.kv.put(TOMBSTONE, Date.now());
    this.gone = true;
  }

  /** Whether the notebook's content was deleted (wipe). */
  isGone(): boolean {
    return this.gone;
  }
}
