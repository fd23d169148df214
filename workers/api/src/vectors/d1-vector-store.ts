import { buildMatrix, MatrixCache, nearest, type VectorMatrix } from "./vector-matrix";
import {
  chunkIdOfVector,
  documentIdOfVector,
  MAX_TOP_K,
  type VectorMatch,
  type VectorMutation,
  type VectorQuery,
  type VectorRecord,
  type VectorStore,
  vectorSpace,
} from "./vector-store";

/** Per isolate: the notebooks' vectors as int8 matrices, keyed by content version (vector-matrix.ts). */
const matrices = new MatrixCache();

/** D1 allows 100 bound parameters per statement: 5 per row. */
const ROWS_PER_INSERT = 20;
const IDS_PER_STATEMENT = 90;

function toBlob(values: number[]): ArrayBuffer {
  return new Float32Array(values).buffer as ArrayBuffer;
}

function fromBlob(blob: unknown): Float32Array {
  if (blob instanceof ArrayBuffer) return new Float32Array(blob);
  if (ArrayBuffer.isView(blob)) {
    const bytes = new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength).slice();
    return new Float32Array(bytes.buffer);
  }
  if (Array.isArray(blob)) return new Float32Array(new Uint8Array(blob).buffer);
  throw new Error("chunk_vector.vector is not a blob");
}

function cosine(a: number[], b: Float32Array, normA: number): number {
  let dot = 0;
  let normB = 0;
  for (let i = 0; i < b.length; i++) {
    const y = b[i] as number;
    dot += (a[i] ?? 0) * y;
    normB += y * y;
  }
  return normA && normB ? dot / (normA * Math.sqrt(normB)) : 0;
}

/**
 * Exact cosine kNN over Float32 BLOBs in D1, filtered by notebook in SQL and scored in the Worker. For
 * local development and tests (Vectorize has no local mode); writes are visible at once.
 */
export class D1VectorStore implements VectorStore {
  readonly kind = "d1-exact" as const;

  constructor(private readonly db: D1Database) {}

  async upsert(records: VectorRecord[]): Promise<VectorMutation> {
    const statements: D1PreparedStatement[] = [];
    for (let i = 0; i < records.length; i += ROWS_PER_INSERT) {
      const rows = records.slice(i, i + ROWS_PER_INSERT);
      statements.push(
        this.db
          .prepare(
            `INSERT OR REPLACE INTO chunk_vector (id, notebook_id, document_id, dimensions, vector) VALUES ${rows
              .map(() => "(?, ?, ?, ?, ?)")
              .join(", ")}`,
          )
          .bind(
            ...rows.flatMap((r) => [
              r.id,
              vectorSpace(r.notebookId, r.generation),
              r.documentId,
              r.values.length,
              toBlob(r.values),
            ]),
          ),
      );
    }
    if (statements.length) await this.db.batch(statements);
    return { mutationId: null };
  }

  async query(vector: number[], query: VectorQuery): Promise<VectorMatch[]> {
    const topK = Math.min(Math.max(1, query.topK), MAX_TOP_K);
    if (query.contentVersion === undefined) return this.scan(vector, query, topK);
    // The generation is in the key too: a re-embed's switch bumps the content version as well, but a matrix
    // of one generation must never answer for another even if a caller passed a stale version.
    const space = vectorSpace(query.notebookId, query.generation);
    const key = `${space}:v${query.contentVersion}:${vector.length}`;
    let matrix = matrices.get(query.notebookId, key);
    if (!matrix) {
      matrix = await this.readMatrix(space, vector.length);
      matrices.set(query.notebookId, key, matrix);
    }
    const docs = query.documentIds?.length ? new Set(query.documentIds) : undefined;
    const ids = matrix.ids;
    const allow = docs ? (row: number) => docs.has(documentIdOfVector(ids[row] as string)) : undefined;
    return nearest(matrix, vector, topK, allow).map(({ row, score }) => {
      const id = ids[row] as string;
      return { id: chunkIdOfVector(id), documentId: documentIdOfVector(id), score };
    });
  }

  /** A generation's vectors (`space`, vectorSpace) of `dims` dimensions, read once, as one int8 matrix. */
  private async readMatrix(space: string, dims: number): Promise<VectorMatrix> {
    const { results } = await this.db
      .prepare("SELECT id, vector FROM chunk_vector WHERE notebook_id = ? AND dimensions = ?")
      .bind(space, dims)
      .all<{ id: string; vector: unknown }>();
    return buildMatrix(
      results.map((row) => ({ id: row.id, vector: fromBlob(row.vector) })),
      dims,
    );
  }

  /** Exact Float32 cosine over rows read now (callers that do not know the content version). */
  private async scan(vector: number[], query: VectorQuery, topK: number): Promise<VectorMatch[]> {
    const docs = query.documentIds?.slice(0, IDS_PER_STATEMENT) ?? [];
    const sql = `SELECT id, vector FROM chunk_vector WHERE notebook_id = ?${
      docs.length ? ` AND document_id IN (${docs.map(() => "?").join(", ")})` : ""
    }`;
    const { results } = await this.db
      .prepare(sql)
      .bind(vectorSpace(query.notebookId, query.generation), ...docs)
      .all<{ id: string; vector: unknown }>();
    const normA = Math.sqrt(vector.reduce((s, v) => s + v * v, 0));
    return results
      .map((row) => ({
        id: chunkIdOfVector(row.id),
        documentId: documentIdOfVector(row.id),
        score: cosine(vector, fromBlob(row.vector), normA),
      }))
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
      .slice(0, topK);
  }

  async deleteByIds(ids: string[]): Promise<VectorMutation> {
    const statements: D1PreparedStatement[] = [];
    for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) {
      const part = ids.slice(i, i + IDS_PER_STATEMENT);
      statements.push(
        this.db.prepare(`DELETE FROM chunk_vector WHERE id IN (${part.map(() => "?").join(", ")})`).bind(...part),
      );
    }
    if (statements.length) await this.db.batch(statements);
    return { mutationId: null };
  }

  /** Rows carry their own size: any dimension count fits. */
  async acceptsDimensions(): Promise<boolean> {
    return true;
  }

  async isVisible(): Promise<boolean> {
    return true;
  }
}
