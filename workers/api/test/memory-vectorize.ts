/**
 * An in-memory implementation of the Vectorize (V2) binding API for tests, honouring what the store
 * relies on: upsert replaces (values and metadata), metadata filters apply before topK, topK limits
 * (100; 20 with values or full metadata), 64-byte ids, dimension checks, and asynchronous mutations
 * (with `lagging`, writes stay invisible until `applyPending()`).
 */
type Stored = { id: string; values: number[]; metadata: Record<string, VectorizeVectorMetadata> };
type Mutation = { id: string; apply: () => void };

function matches(metadata: Record<string, VectorizeVectorMetadata>, filter: VectorizeVectorMetadataFilter): boolean {
  return Object.entries(filter).every(([field, condition]) => {
    const value = metadata[field];
    if (condition === null || typeof condition !== "object") return value === condition;
    const c = condition as Record<string, unknown>;
    if ("$eq" in c) return value === c.$eq;
    if ("$ne" in c) return value !== c.$ne;
    if ("$in" in c) return (c.$in as unknown[]).includes(value);
    if ("$nin" in c) return !(c.$nin as unknown[]).includes(value);
    throw new Error(`memory vectorize: unsupported filter on ${field}`);
  });
}

export function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += (a[i] ?? 0) * (b[i] ?? 0);
    na += (a[i] ?? 0) ** 2;
    nb += (b[i] ?? 0) ** 2;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

export class MemoryVectorize {
  private readonly vectors = new Map<string, Stored>();
  private readonly pending: Mutation[] = [];
  private processedUpTo = "";
  private processedAt = 0;
  private counter = 0;

  constructor(
    readonly dimensions: number,
    private readonly options: { lagging?: boolean } = {},
  ) {}

  get size(): number {
    return this.vectors.size;
  }

  ids(): string[] {
    return [...this.vectors.keys()].sort();
  }

  /** Applies every pending mutation, in order (what Vectorize does in the background). */
  applyPending(): void {
    for (const m of this.pending.splice(0)) {
      m.apply();
      this.processedUpTo = m.id;
      this.processedAt = Date.now();
    }
  }

  private mutate(apply: () => void): VectorizeAsyncMutation {
    this.counter += 1;
    const id = `00000000-0000-4000-8000-${String(this.counter).padStart(12, "0")}`;
    this.pending.push({ id, apply });
    if (!this.options.lagging) this.applyPending();
    return { mutationId: id };
  }

  async describe(): Promise<VectorizeIndexInfo> {
    return {
      vectorCount: this.vectors.size,
      dimensions: this.dimensions,
      processedUpToDatetime: this.processedAt,
      processedUpToMutation: this.processedUpTo as unknown as number,
    };
  }

  private check(vectors: VectorizeVector[]) {
    for (const v of vectors) {
      if (new TextEncoder().encode(v.id).length > 64)
        throw new Error(`VECTOR_UPSERT_ERROR: id longer than 64 bytes: ${v.id}`);
      if (v.values.length !== this.dimensions)
        throw new Error(`VECTOR_UPSERT_ERROR: expected ${this.dimensions} dimensions`);
    }
    if (vectors.length > 1000) throw new Error("VECTOR_UPSERT_ERROR: at most 1000 vectors per call");
  }

  async upsert(vectors: VectorizeVector[]): Promise<VectorizeAsyncMutation> {
    this.check(vectors);
    const copies = vectors.map((v) => ({
      id: v.id,
      values: Array.from(v.values),
      metadata: { ...(v.metadata ?? {}) },
    }));
    return this.mutate(() => {
      for (const v of copies) this.vectors.set(v.id, v);
    });
  }

  async insert(vectors: VectorizeVector[]): Promise<VectorizeAsyncMutation> {
    this.check(vectors);
    const copies = vectors.map((v) => ({
      id: v.id,
      values: Array.from(v.values),
      metadata: { ...(v.metadata ?? {}) },
    }));
    return this.mutate(() => {
      for (const v of copies) if (!this.vectors.has(v.id)) this.vectors.set(v.id, v);
    });
  }

  async deleteByIds(ids: string[]): Promise<VectorizeAsyncMutation> {
    const copy = [...ids];
    return this.mutate(() => {
      for (const id of copy) this.vectors.delete(id);
    });
  }

  async getByIds(ids: string[]): Promise<VectorizeVector[]> {
    return ids.flatMap((id) => {
      const v = this.vectors.get(id);
      return v ? [{ id: v.id, values: [...v.values], metadata: { ...v.metadata } }] : [];
    });
  }

  async query(vector: VectorFloatArray | number[], options: VectorizeQueryOptions = {}): Promise<VectorizeMatches> {
    const topK = options.topK ?? 5;
    const heavy = options.returnValues || options.returnMetadata === "all" || options.returnMetadata === true;
    const max = heavy ? 20 : 100;
    if (topK < 1 || topK > max) throw new Error(`VECTOR_QUERY_ERROR: topK must be 1..${max} for these return options`);
    if (vector.length !== this.dimensions)
      throw new Error(`VECTOR_QUERY_ERROR: expected ${this.dimensions} dimensions`);
    const query = Array.from(vector);
    const candidates = [...this.vectors.values()].filter((v) => !options.filter || matches(v.metadata, options.filter));
    const scored = candidates
      .map((v) => ({ v, score: cosine(query, v.values) }))
      .sort((a, b) => b.score - a.score || a.v.id.localeCompare(b.v.id))
      .slice(0, topK);
    return {
      count: scored.length,
      matches: scored.map(({ v, score }) => ({
        id: v.id,
        score,
        ...(options.returnValues ? { values: [...v.values] } : {}),
        ...(options.returnMetadata && options.returnMetadata !== "none" ? { metadata: { ...v.metadata } } : {}),
      })),
    };
  }

  async queryById(id: string, options?: VectorizeQueryOptions): Promise<VectorizeMatches> {
    const v = this.vectors.get(id);
    if (!v) return { count: 0, matches: [] };
    return this.query(v.values, options);
  }

  /** As the Vectorize binding type the store expects. */
  asBinding(): Vectorize {
    return this as unknown as Vectorize;
  }
}
