/**
 * The logical backup format, shared by the Worker (backup, restore) and `npm run db:restore` (Node):
 * one NDJSON line per row, BLOBs tagged as base64, and parameterised INSERTs to put rows back.
 * Runtime-neutral on purpose: no Worker or Node APIs beyond Web standards.
 */

export const BACKUP_PREFIX = "backups/";
export const BACKUP_FORMAT = "studyai-ndjson-v1";

export type BackupPart = { key: string; rows: number; bytes: number; sha256: string };
export type BackupTable = { name: string; columns: string[]; rows: number; parts: BackupPart[] };
export type BackupManifest = {
  format: typeof BACKUP_FORMAT;
  id: string;
  createdAt: string;
  migrations: string[];
  tables: BackupTable[];
  /**
   * The notebooks' own databases (content-backup.ts): exported after the primary, over one or more runs; the
   * key of the content manifest, which exists once every object is exported. Absent in backups before issue 21.
   */
  content?: { manifest: string };
};

/** One notebook object's tables, as exported (`bytes`: the object's database size when it was read). */
export type ContentNotebookBackup = { notebookId: string; rows: number; bytes: number; tables: BackupTable[] };
/** One run's notebooks, every part named with its notebook, table, rows and sha256. */
export type ContentIndexPage = { format: typeof BACKUP_FORMAT; backupId: string; notebooks: ContentNotebookBackup[] };
export type ContentPageRef = { key: string; sha256: string; notebooks: number; rows: number };
/** Written when the last object is exported: the pages, and the notebooks skipped because they were deleted. */
export type ContentManifest = {
  format: typeof BACKUP_FORMAT;
  backupId: string;
  startedAt: string;
  completedAt: string;
  notebooks: number;
  rows: number;
  pages: ContentPageRef[];
  deleted: string[];
};

export const contentPrefix = (backupId: string) => `${BACKUP_PREFIX}${backupId}/content/`;

type Cell = string | number | null | { $blob: string };

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A row as one JSON line, cells in column order; BLOBs (however D1 hands them over) become `{$blob}`. */
export function encodeRow(row: Record<string, unknown>, columns: string[]): string {
  const cells: Cell[] = columns.map((column) => {
    const value = row[column];
    if (value === null || value === undefined) return null;
    if (typeof value === "string" || typeof value === "number") return value;
    if (typeof value === "bigint") return Number(value);
    if (typeof value === "boolean") return value ? 1 : 0;
    if (value instanceof ArrayBuffer) return { $blob: toBase64(new Uint8Array(value)) };
    if (ArrayBuffer.isView(value))
      return { $blob: toBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
    if (Array.isArray(value)) return { $blob: toBase64(Uint8Array.from(value as number[])) };
    throw new Error(`cannot back up a ${typeof value} in column ${column}`);
  });
  return JSON.stringify(cells);
}

export function decodeRow(line: string): (string | number | null | Uint8Array)[] {
  const cells = JSON.parse(line) as Cell[];
  return cells.map((cell) => (cell !== null && typeof cell === "object" ? fromBase64(cell.$blob) : cell));
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function insertSql(table: string, columns: string[]): string {
  return `INSERT INTO ${quoteIdent(table)} (${columns.map(quoteIdent).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;
}

/** A literal for a restore SQL file (used where statements cannot be bound, e.g. `wrangler d1 execute --file`). */
export function sqlLiteral(value: string | number | null | Uint8Array): string {
  if (value === null) return "NULL";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "NULL";
  if (value instanceof Uint8Array) return `X'${[...value].map((b) => b.toString(16).padStart(2, "0")).join("")}'`;
  return `'${value.replace(/'/g, "''")}'`;
}

export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Backups are named by their UTC time, so names sort by age: backups/2026-11-22T03-30-00Z/. */
export function backupId(now: Date): string {
  return now
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replace(/:/g, "-");
}

export function backupDate(id: string): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z$/.exec(id);
  return match ? new Date(`${match[1]}T${match[2]}:${match[3]}:${match[4]}Z`) : null;
}
