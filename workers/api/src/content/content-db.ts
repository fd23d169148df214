/**
 * Where a notebook's content lives, and a D1-shaped handle to it (issue 21, docs/scale.md §5).
 *
 * `contentDb(env, notebookId)` answers the handle every content query goes through: the notebook's own
 * Durable Object (`content_layout = 'object'`, every notebook created since migration 0021) or, for a
 * notebook not yet moved (`'d1'`, `'migrating'`), the primary D1 as before. The handle has D1's statement API
 * (`prepare().bind().all() / first() / run() / raw()`, `batch`), so drizzle and the raw SQL of the stores run
 * unchanged on either; the schema is the same (content-schema.ts).
 *
 * The layout is read from the registry on each call, except `'object'`, which is final (a notebook never
 * moves back), so it is remembered per isolate: after the first call a moved notebook costs no lookup.
 */
import { and, eq, sql } from "drizzle-orm";
import { type Db, getDb, schema } from "../db";
import type { NotebookContent, SqlCall, SqlOutcome, SqlValue } from "./notebook-content";
import { GONE_MESSAGE } from "./notebook-content-gone";

export type ContentLayout = "d1" | "migrating" | "object";

/** Notebooks known to live in their own object (a final state: safe to remember). */
const inObject = new Set<string>();
const MAX_REMEMBERED = 50_000;

function toValue(value: unknown): SqlValue {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof ArrayBuffer) return value;
  if (ArrayBuffer.isView(value)) {
    return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength) as ArrayBuffer;
  }
  if (typeof value === "string" || typeof value === "number") return value;
  throw new TypeError(`cannot bind a ${typeof value} to a content statement`);
}

function asObjects<T>(outcome: SqlOutcome): T[] {
  return outcome.rows.map((row) => {
    const object: Record<string, unknown> = {};
    outcome.columns.forEach((column, i) => {
      object[column] = row[i];
    });
    return object as T;
  });
}

function asResult<T>(outcome: SqlOutcome): D1Result<T> {
  return {
    results: asObjects<T>(outcome),
    success: true,
    meta: {
      duration: 0,
      size_after: 0,
      rows_read: outcome.rowsRead,
      rows_written: outcome.changes,
      last_row_id: outcome.lastRowId,
      changed_db: outcome.changes > 0,
      changes: outcome.changes,
    },
  } as D1Result<T>;
}

/** Errors from the object keep their message (a constraint failure reads as D1's does); a deleted one says so. */
function rethrow(err: unknown): never {
  const message = err instanceof Error ? err.message : String(err);
  if (message.includes(GONE_MESSAGE)) throw new NotebookContentGone();
  throw err instanceof Error ? err : new Error(message);
}

export class NotebookContentGone extends Error {
  constructor() {
    super(GONE_MESSAGE);
    this.name = "NotebookContentGone";
  }
}

class ContentStatement {
  constructor(
    private readonly db: ContentDatabase,
    readonly sql: string,
    private readonly values: unknown[] = [],
  ) {}

  bind(...values: unknown[]): ContentStatement {
    return new ContentStatement(this.db, this.sql, values);
  }

  call(): SqlCall {
    return { sql: this.sql, params: this.values.map(toValue) };
  }

  async all<T = Record<string, unknown>>(): Promise<D1Result<T>> {
    return asResult<T>(await this.db.one(this.call()));
  }

  run<T = Record<string, unknown>>(): Promise<D1Result<T>> {
    return this.all<T>();
  }

  async first<T = Record<string, unknown>>(column?: string): Promise<T | null> {
    const [row] = asObjects<Record<string, unknown>>(await this.db.one(this.call()));
    if (!row) return null;
    return (column === undefined ? row : (row[column] ?? null)) as T | null;
  }

  async raw<T = unknown[]>(options?: { columnNames?: boolean }): Promise<T[]> {
    const outcome = await this.db.one(this.call());
    const rows = outcome.rows as T[];
    return options?.columnNames ? [outcome.columns as T, ...rows] : rows;
  }
}

/** A D1-shaped handle on one notebook's object (see the file's comment). */
export class ContentDatabase {
  constructor(
    readonly notebookId: string,
    readonly stub: DurableObjectStub<NotebookContent>,
  ) {}

  prepare(sql: string): ContentStatement {
    return new ContentStatement(this, sql);
  }

  async one(call: SqlCall): Promise<SqlOutcome> {
    const [outcome] = await this.execute([call]);
    if (!outcome) throw new Error("content statement returned nothing");
    return outcome;
  }

  async execute(calls: SqlCall[]): Promise<SqlOutcome[]> {
    try {
      return (await this.stub.execute(calls)) as SqlOutcome[];
    } catch (err) {
      rethrow(err);
    }
  }

  /** D1's batch: the statements in one transaction, in one round trip. */
  async batch<T = Record<string, unknown>>(statements: ContentStatement[]): Promise<D1Result<T>[]> {
    if (!statements.length) return [];
    return (await this.execute(statements.map((s) => s.call()))).map((o) => asResult<T>(o));
  }

  async exec(sql: string): Promise<D1ExecResult> {
    const statements = sql
      .split(";")
      .map((s) => s.trim())
      .filter(Boolean);
    await this.execute(statements.map((s) => ({ sql: s, params: [] })));
    return { count: statements.length, duration: 0 };
  }

  withSession(): this {
    return this;
  }

  dump(): Promise<ArrayBuffer> {
    throw new Error("a notebook's object has no dump; backups export it table by table (operations/backup.ts)");
  }
}

function namespace(env: Env): DurableObjectNamespace<NotebookContent> {
  return env.NOTEBOOK_CONTENT as unknown as DurableObjectNamespace<NotebookContent>;
}

/** The notebook's object, whatever its layout (the migration and the sweep address it directly). */
export function notebookObject(env: Env, notebookId: string): ContentDatabase {
  return new ContentDatabase(notebookId, namespace(env).getByName(notebookId));
}

/** The notebook's layout as the registry has it (`undefined` when the notebook does not exist). */
export async function contentLayout(db: D1Database, notebookId: string): Promise<ContentLayout | undefined> {
  if (inObject.has(notebookId)) return "object";
  const row = await db
    .prepare("SELECT content_layout AS layout FROM notebook WHERE id = ?")
    .bind(notebookId)
    .first<{ layout: ContentLayout }>();
  if (row?.layout === "object") remember(notebookId);
  return row?.layout;
}

function remember(notebookId: string): void {
  if (inObject.size >= MAX_REMEMBERED) inObject.clear();
  inObject.add(notebookId);
}

/**
 * The handle a notebook's content queries go through: its object once it lives there, else the primary D1
 * (a notebook being moved keeps reading and writing D1 until the switch; a missing notebook answers from D1,
 * where nothing of it is left, so no object is ever created for a notebook that does not exist). A caller
 * that has just read the notebook's row passes its layout as `known`.
 */
export async function contentDb(env: Env, notebookId: string, known?: ContentLayout): Promise<D1Database> {
  // `known`: the layout of the notebook row the caller has just read (no second lookup).
  if (known === "object") remember(notebookId);
  const layout = known ?? (await contentLayout(env.DB, notebookId));
  if (layout === "object") return notebookObject(env, notebookId) as unknown as D1Database;
  return env.DB;
}

/**
 * Removes a document's content rows (pages, chunks, keyword rows, local vectors, concept mentions) from the
 * notebook's object. In D1 the `document` row's cascades do it, so a notebook not moved needs nothing here.
 */
export async function removeDocumentContent(env: Env, notebookId: string, documentId: string): Promise<void> {
  const handle = await contentDb(env, notebookId);
  if (handle instanceof ContentDatabase) {
    try {
      await handle.stub.removeDocument(documentId);
    } catch (err) {
      rethrow(err);
    }
  }
}

/** The notebook's content database wrapped for drizzle, with the raw handle. */
export async function contentOf(env: Env, notebookId: string) {
  const raw = await contentDb(env, notebookId);
  return { raw, db: getDb(raw) };
}

/**
 * A notebook's documents (optionally only `ready` ones, optionally among `documentIds`), as a drizzle query
 * not yet run, so it can also join a batch (notebooks.store.ts getOwnedNotebookForSearch). The ids are one
 * JSON parameter (`json_each`): D1 binds at most 100 parameters.
 */
export function titlesQuery(
  db: Db,
  notebookId: string,
  options: { readyOnly: boolean; documentIds?: readonly string[] },
) {
  const { document } = schema;
  const ids = options.documentIds?.length ? JSON.stringify([...new Set(options.documentIds)]) : undefined;
  return db
    .select({ id: document.id, title: document.title })
    .from(document)
    .where(
      and(
        eq(document.notebookId, notebookId),
        options.readyOnly ? eq(document.status, "ready") : undefined,
        ids ? sql`${document.id} IN (SELECT value FROM json_each(${ids}))` : undefined,
      ),
    );
}

/** The rows of titlesQuery as id → title. */
export const titleMap = (rows: readonly { id: string; title: string }[]) => new Map(rows.map((r) => [r.id, r.title]));

/**
 * The registry's ready documents of a notebook (optionally among `documentIds`), id → title: what content
 * reads join against now that pages and chunks live apart from the `document` rows.
 */
export async function readyDocumentTitles(
  db: D1Database,
  notebookId: string,
  documentIds?: readonly string[],
): Promise<Map<string, string>> {
  return titleMap(await titlesQuery(getDb(db), notebookId, { readyOnly: true, documentIds }));
}

/** Titles of a notebook's documents among `documentIds` (any status), id → title. */
export async function documentTitles(
  db: D1Database,
  notebookId: string,
  documentIds: readonly string[],
): Promise<Map<string, string>> {
  if (!documentIds.length) return new Map();
  return titleMap(await titlesQuery(getDb(db), notebookId, { readyOnly: false, documentIds }));
}

/** Tests only: forget the remembered layouts (a test that moves a notebook back to D1 by hand). */
export function forgetContentLayoutsForTests(): void {
  inObject.clear();
}
