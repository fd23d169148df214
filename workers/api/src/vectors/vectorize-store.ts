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

/** Vectorize's per-call limit for upserts and deletes from a Worker binding. */
const WRITE_BATCH = 1000;

/**
 * Chunk vectors in Vectorize. Metadata `notebookId` and `documentId` need metadata indexes created
 * before the first insert (see the README's deploy steps); queries filter on them before topK.
 */
export class VectorizeStore implements VectorStore {
  readonly kind = "vectorize" as const;

  constructor(private readonly index: Vectorize) {}

  async upsert(records: VectorRecord[]): Promise<VectorMutation> {
    let mutationId: string | null = null;
    for (let i = 0; i < records.length; i += WRITE_BATCH) {
      const batch = records.slice(i, i + WRITE_BATCH).map((r) => ({
        id: r.id,
        values: r.values,
        metadata: { notebookId: vectorSpace(r.notebookId, r.generation), documentId: r.documentId },
      }));
      ({ mutationId } = await this.index.upsert(batch));
    }
    return { mutationId };
  }

  async query(vector: number[], query: VectorQuery): Promise<VectorMatch[]> {
    const filter: VectorizeVectorMetadataFilter = { notebookId: vectorSpace(query.notebookId, query.generation) };
    if (query.documentIds?.length) filter.documentId = { $in: query.documentIds };
    const result = await this.index.query(vector, {
      topK: Math.min(Math.max(1, query.topK), MAX_TOP_K),
      filter,
      // Without values or full metadata Vectorize allows topK up to 100; the document id is in the vector id.
      returnMetadata: "none",
      returnValues: false,
    });
    return result.matches.map((m) => ({
      id: chunkIdOfVector(m.id),
      documentId: documentIdOfVector(m.id),
      score: m.score,
    }));
  }

  async deleteByIds(ids: string[]): Promise<VectorMutation> {
    let mutationId: string | null = null;
    for (let i = 0; i < ids.length; i += WRITE_BATCH) {
      ({ mutationId } = await this.index.deleteByIds(ids.slice(i, i + WRITE_BATCH)));
    }
    return { mutationId };
  }

  /** An index has one dimension count, fixed when it was created: a model of another size needs another index. */
  async acceptsDimensions(dimensions: number): Promise<boolean> {
    return (await this.index.describe()).dimensions === dimensions;
  }

  async isVisible(mutation: VectorMutation, sampleIds: string[]): Promise<boolean> {
    if (!mutation.mutationId) return true;
    const info = await this.index.describe();
    if (String(info.processedUpToMutation) === mutation.mutationId) return true;
    // Later mutations (other documents) may already have moved the marker past ours: then our vectors are readable.
    if (!sampleIds.length) return false;
    const found = await this.index.getByIds(sampleIds);
    return found.length === sampleIds.length;
  }
}
