/**
 * A notebook's local vectors in one compact block: an Int8 matrix (one row per chunk, each row scaled so its
 * largest component is ±127; cosine does not depend on a row's scale, so none is kept), built once from D1 and kept per isolate under the
 * notebook's content version. A query is one pass over contiguous memory instead of thousands of BLOBs
 * decoded row by row on every search.
 *
 * Why int8: 20,000 chunks × 512 dimensions is 40 MB as Float32, a third of a Worker's 128 MB; as int8 it is
 * 10 MB. Rounding moves a component by at most scale/2 (0.4% of the row's largest component), far below the
 * gaps that order the local embedder's neighbours, and this ranking only ever breaks ties behind keyword
 * search (retrieval/search.ts). Vectorize (production) is untouched.
 *
 * Staleness: the key is (notebook, content version, row count). The version changes on every document add,
 * removal and ready (documents.store.ts bumpContentVersion); vectors written between an add and its ready
 * belong to a document that is not ready, which the D1 post-check of every hit (search.ts loadChunks) drops
 * anyway. A deleted document's rows are dropped by the same post-check.
 */

/** Bytes of matrices kept per isolate: two 20k-chunk notebooks (10 MB each) plus ids, well inside 128 MB. */
export const MATRIX_CACHE_BYTES = 24 * 1024 * 1024;

export type VectorMatrix = {
  ids: string[];
  dims: number;
  /** Row-major, `ids.length × dims`. */
  values: Int8Array;
  bytes: number;
};

export function buildMatrix(rows: ReadonlyArray<{ id: string; vector: Float32Array }>, dims: number): VectorMatrix {
  const values = new Int8Array(rows.length * dims);
  rows.forEach((row, r) => {
    let max = 0;
    for (let d = 0; d < dims; d++) max = Math.max(max, Math.abs(row.vector[d] ?? 0));
    const scale = max / 127 || 1;
    const base = r * dims;
    for (let d = 0; d < dims; d++) values[base + d] = Math.round((row.vector[d] ?? 0) / scale);
  });
  const ids = rows.map((r) => r.id);
  return { ids, dims, values, bytes: values.byteLength + ids.length * 64 };
}

/**
 * Indices of the `topK` rows nearest to `query` by cosine, best first; ties by id. `allow` (row index → bool)
 * filters rows (a document filter) before ranking.
 */
export function nearest(
  matrix: VectorMatrix,
  query: ArrayLike<number>,
  topK: number,
  allow?: (row: number) => boolean,
): Array<{ row: number; score: number }> {
  const { dims, values } = matrix;
  let qNorm = 0;
  for (let d = 0; d < dims; d++) qNorm += (query[d] ?? 0) ** 2;
  qNorm = Math.sqrt(qNorm);
  const q = Float32Array.from({ length: dims }, (_, d) => query[d] ?? 0);
  const out: Array<{ row: number; score: number }> = [];
  for (let r = 0; r < matrix.ids.length; r++) {
    if (allow && !allow(r)) continue;
    const base = r * dims;
    let dot = 0;
    let norm = 0;
    for (let d = 0; d < dims; d++) {
      const v = values[base + d] as number;
      dot += (q[d] as number) * v;
      norm += v * v;
    }
    const score = qNorm && norm ? dot / (qNorm * Math.sqrt(norm)) : 0;
    out.push({ row: r, score });
  }
  out.sort((a, b) => b.score - a.score || ((matrix.ids[a.row] as string) < (matrix.ids[b.row] as string) ? -1 : 1));
  return out.slice(0, topK);
}

type Entry = { key: string; matrix: VectorMatrix };

/** Least-recently-used matrices, bounded by bytes. One per isolate (module scope). */
export class MatrixCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(private readonly budget = MATRIX_CACHE_BYTES) {}

  get(notebookId: string, key: string): VectorMatrix | undefined {
    const entry = this.entries.get(notebookId);
    if (!entry || entry.key !== key) return undefined;
    this.entries.delete(notebookId);
    this.entries.set(notebookId, entry);
    return entry.matrix;
  }

  /** Keeps `matrix` unless it alone exceeds the budget; evicts the least recently used to make room. */
  set(notebookId: string, key: string, matrix: VectorMatrix): void {
    this.delete(notebookId);
    if (matrix.bytes > this.budget) return;
    while (this.bytes + matrix.bytes > this.budget) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
    this.entries.set(notebookId, { key, matrix });
    this.bytes += matrix.bytes;
  }

  delete(notebookId: string): void {
    const entry = this.entries.get(notebookId);
    if (!entry) return;
    this.entries.delete(notebookId);
    this.bytes -= entry.matrix.bytes;
  }

  get size(): number {
    return this.entries.size;
  }
}
