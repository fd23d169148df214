/**
 * How each content table is read, written, compared and deleted when a notebook moves from the primary D1 to
 * its own object (docs/scale.md §5). One spec per table of CONTENT_TABLES: its columns (the same on both
 * sides, content-schema.ts), its key (the order of every read, the cursor of a resumed copy, the conflict
 * target of the upsert) and which of D1's rows are the notebook's. The object holds only its notebook, so its
 * side reads every row. The checksum is computed by the same function on both sides over the same column
 * list in key order, so equal content gives equal hashes whichever database answered.
 */
import { CONTENT_TABLES, type ContentTable } from "../content/content-schema";

/** Rows per copy step, per read page and per D1 delete: far below the 1 MiB step result (results are keys). */
export const PAGE_ROWS = 500;

export type Key = (string | number)[];
export type TableSpec = { table: ContentTable; columns: string[]; key: string[]; d1Scope: string };

const OF_NOTEBOOK = "notebook_id = ?1";

/** ?1 is always the notebook id. */
const SPECS: Record<ContentTable, Omit<TableSpec, "table">> = {
  document_page: {
    columns: ["document_id", "page_number", "text", "ocr", "ocr_reason", "image_type", "ocr_words"],
    key: ["document_id", "page_number"],
    d1Scope: "document_id IN (SELECT id FROM document WHERE notebook_id = ?1)",
  },
  chunk: {
    columns: [
      "seq",
      "id",
      "document_id",
      "notebook_id",
      "chunk_index",
      "page_start",
      "page_end",
      "start_offset",
      "end_offset",
      "text",
      "token_count",
      "embedding_model",
      "context",
    ],
    key: ["seq"],
    d1Scope: OF_NOTEBOOK,
  },
  // `notebook` is the trigger's (it recomputes it from the chunk on insert): copied, then checked like the rest.
  chunk_keyword: {
    columns: ["seq", "terms", "notebook"],
    key: ["seq"],
    d1Scope: "seq IN (SELECT seq FROM chunk WHERE notebook_id = ?1)",
  },
  // Every vector generation of the notebook: generation g > 0 is stored as `<notebookId>@g` (migrations/0020).
  chunk_vector: {
    columns: ["id", "notebook_id", "document_id", "dimensions", "vector"],
    key: ["id"],
    d1Scope: "(notebook_id = ?1 OR (notebook_id >= ?1 || '@' AND notebook_id < ?1 || 'A'))",
  },
  concept: {
    columns: [
      "id",
      "notebook_id",
      "key",
      "label",
      "acronym",
      "mention_count",
      "document_count",
      "community_id",
      "created_at",
    ],
    key: ["id"],
    d1Scope: OF_NOTEBOOK,
  },
  concept_mention: {
    columns: ["concept_id", "document_id", "notebook_id", "chunk_id", "page", "sentence", "start_offset", "surface"],
    key: ["concept_id", "document_id", "sentence"],
    d1Scope: OF_NOTEBOOK,
  },
  concept_edge: {
    columns: [
      "notebook_id",
      "source_id",
      "target_id",
      "cooccurrences",
      "weight",
      "relation",
      "relation_source_id",
      "relation_chunk_id",
      "relation_quote",
      "relation_checked",
    ],
    key: ["notebook_id", "source_id", "target_id"],
    d1Scope: OF_NOTEBOOK,
  },
  concept_community: {
    columns: ["id", "notebook_id", "label", "summary", "size", "summary_citations"],
    key: ["id"],
    d1Scope: OF_NOTEBOOK,
  },
  concept_map: {
    columns: [
      "notebook_id",
      "content_version",
      "concept_count",
      "edge_count",
      "community_count",
      "duration_ms",
      "built_at",
      "snapshot",
    ],
    key: ["notebook_id"],
    d1Scope: OF_NOTEBOOK,
  },
  concept_extraction_log: {
    columns: ["id", "notebook_id", "document_id", "step", "method", "counts", "duration_ms", "error", "created_at"],
    key: ["id"],
    d1Scope: OF_NOTEBOOK,
  },
  concept_pair: {
    columns: ["notebook_id", "document_id", "first_page", "source_id", "target_id", "together"],
    key: ["document_id", "first_page", "source_id", "target_id"],
    d1Scope: OF_NOTEBOOK,
  },
  concept_page: {
    columns: ["notebook_id", "document_id", "concept_id", "page", "chunk_id", "mentions"],
    key: ["concept_id", "document_id", "page"],
    d1Scope: OF_NOTEBOOK,
  },
};

export const TABLE_SPECS: TableSpec[] = CONTENT_TABLES.map((table) => ({ table, ...SPECS[table] }));

export function specOf(table: string): TableSpec {
  const spec = TABLE_SPECS.find((s) => s.table === table);
  if (!spec) throw new Error(`${table} is not a content table`);
  return spec;
}

/**
 * The tables whose rows hang on this one's (a foreign key with ON DELETE CASCADE in both schemas): clearing
 * a table for a recopy clears these too, so they are copied again after it.
 */
export const DEPENDENTS: Partial<Record<ContentTable, ContentTable[]>> = {
  chunk: ["chunk_keyword"],
  concept: ["concept_mention", "concept_edge"],
};

/** The tables to copy again when `tables` mismatched: them and their dependents, in copy order. */
export function recopySet(tables: string[]): ContentTable[] {
  const wanted = new Set<string>(tables.flatMap((t) => [t, ...(DEPENDENTS[t as ContentTable] ?? [])]));
  return CONTENT_TABLES.filter((t) => wanted.has(t));
}

type Side = "d1" | "object";
type Reader = { prepare(sql: string): { bind(...values: unknown[]): { raw<T = unknown[]>(): Promise<T[]> } } };

/** One page of the table in key order after `after`: the same SQL on both sides but for the D1 scope. */
export async function readPage(
  db: Reader,
  side: Side,
  spec: TableSpec,
  notebookId: string,
  after: Key | null,
  limit = PAGE_ROWS,
): Promise<unknown[][]> {
  const scope = side === "d1" ? spec.d1Scope : "?1 = ?1";
  const keys = spec.key.join(", ");
  const cursor = after ? ` AND (${keys}) > (${spec.key.map((_, i) => `?${i + 3}`).join(", ")})` : "";
  const sql = `SELECT ${spec.columns.join(", ")} FROM ${spec.table} WHERE (${scope})${cursor} ORDER BY ${keys} LIMIT ?2`;
  return db
    .prepare(sql)
    .bind(notebookId, limit, ...(after ?? []))
    .raw<unknown[]>();
}

/** The key of a row read by readPage. */
export function keyOf(spec: TableSpec, row: unknown[]): Key {
  return spec.key.map((k) => row[spec.columns.indexOf(k)] as string | number);
}

/** A BLOB as D1 answers it (an array of bytes) or as the object does (an ArrayBuffer): bytes either way. */
function bytesOf(value: unknown): Uint8Array | null {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (Array.isArray(value)) return Uint8Array.from(value as number[]);
  return null;
}

/** A value ready to bind into the object (blobs as bytes). */
export function bindable(value: unknown): unknown {
  return bytesOf(value) ?? value;
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/** One row as the checksum hashes it: a JSON array in column order, blobs as x'…' hex. */
function canonical(row: unknown[]): string {
  return JSON.stringify(
    row.map((value) => {
      const bytes = bytesOf(value);
      return bytes ? `x'${hex(bytes)}'` : value;
    }),
  );
}

/**
 * Row count and sha256 over every row of the table in key order (one canonical JSON line per row), read in
 * pages of PAGE_ROWS: the same code for D1 (the notebook's rows) and for the object (all of its rows).
 */
export async function tableChecksum(
  db: Reader,
  side: Side,
  spec: TableSpec,
  notebookId: string,
): Promise<{ rows: number; sha256: string }> {
  const digest = new crypto.DigestStream("SHA-256");
  const writer = digest.getWriter();
  const encoder = new TextEncoder();
  let rows = 0;
  let after: Key | null = null;
  for (;;) {
    const page = await readPage(db, side, spec, notebookId, after);
    if (page.length) await writer.write(encoder.encode(`${page.map(canonical).join("\n")}\n`));
    rows += page.length;
    const last = page.at(-1);
    if (!last || page.length < PAGE_ROWS) break;
    after = keyOf(spec, last);
  }
  await writer.close();
  return { rows, sha256: hex(new Uint8Array(await digest.digest)) };
}

/**
 * The statement writing one copied row into the object: an upsert on the table's key, idempotent like
 * INSERT OR REPLACE but without REPLACE's delete, which would cascade to the row's dependents (a recopied
 * chunk would lose its keyword row) and skip the FTS delete trigger.
 */
export function upsertSql(spec: TableSpec): string {
  const rest = spec.columns.filter((c) => !spec.key.includes(c));
  const marks = spec.columns.map((_, i) => `?${i + 1}`).join(", ");
  const update = rest.length ? `DO UPDATE SET ${rest.map((c) => `${c} = excluded.${c}`).join(", ")}` : "DO NOTHING";
  return `INSERT INTO ${spec.table} (${spec.columns.join(", ")}) VALUES (${marks}) ON CONFLICT (${spec.key.join(", ")}) ${update}`;
}

/**
 * Deletes up to PAGE_ROWS of the notebook's rows of the table from D1 (cascades run as for a document); a row
 * per deleted row comes back (D1's `changes` also counts the keyword index's trigger writes).
 */
export function deleteD1PageSql(spec: TableSpec): string {
  const keys = spec.key.join(", ");
  return `DELETE FROM ${spec.table} WHERE (${keys}) IN (SELECT ${keys} FROM ${spec.table} WHERE ${spec.d1Scope} LIMIT ?2) RETURNING 1 AS gone`;
}
