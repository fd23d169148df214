/**
 * One interface for chunk vectors: Vectorize in deployments, an exact D1-backed store locally (Vectorize
 * has no local mode). Vector ids are deterministic (`${documentId}:${chunkIndex}`, plus `@g` past generation 0),
 * writes are upserts, and every query is filtered by notebook and generation before topK.
 *
 * A generation is one embedding model's vectors of a notebook (notebook.vector_generation, migration 0020):
 * a re-embed writes generation g + 1 beside g and switches the notebook over in one guarded UPDATE. Generation
 * 0 is what was written before generations existed, so its ids and its metadata stay as they were.
 */
import { D1VectorStore } from "./d1-vector-store";
import { VectorizeStore } from "./vectorize-store";

export type VectorRecord = {
  id: string;
  values: number[];
  notebookId: string;
  documentId: string;
  /** The notebook's vector generation these values belong to (0 when omitted). */
  generation?: number;
};

export type VectorQuery = {
  notebookId: string;
  /** The notebook's vector generation to search (notebook.vector_generation; 0 when omitted). */
  generation?: number;
  /** 1–100. */
  topK: number;
  documentIds?: string[];
  /**
   * The notebook's content version (notebook.content_version) when the caller knows it: the local store
   * then keeps the notebook's vectors as one matrix per isolate under it (vector-matrix.ts). Vectorize ignores it.
   */
  contentVersion?: number;
};

/** `id` is the chunk's id (the generation suffix taken off). */
export type VectorMatch = { id: string; documentId: string; score: number };

/** A write; `mutationId` is Vectorize's asynchronous mutation (null where writes apply at once). */
export type VectorMutation = { mutationId: string | null };

export type VectorStore = {
  readonly kind: "vectorize" | "d1-exact";
  upsert(records: VectorRecord[]): Promise<VectorMutation>;
  query(vector: number[], query: VectorQuery): Promise<VectorMatch[]>;
  deleteByIds(ids: string[]): Promise<VectorMutation>;
  /** False when vectors of `dimensions` cannot be stored beside the index's (Vectorize: one size per index). */
  acceptsDimensions(dimensions: number): Promise<boolean>;
  /** True once `mutation` is visible to queries (`sampleIds` are some of the ids it wrote). */
  isVisible(mutation: VectorMutation, sampleIds: string[]): Promise<boolean>;
};

export const MAX_TOP_K = 100;

/**
 * The vector id of a chunk in a generation; at most 64 bytes, as Vectorize requires (a 30-character document
 * id, `:`, the index and `@g` stay far below).
 */
export function vectorId(documentId: string, chunkIndex: number, generation = 0): string {
  return generation ? `${documentId}:${chunkIndex}@${generation}` : `${documentId}:${chunkIndex}`;
}

/** The chunk id (`${documentId}:${chunkIndex}`) a vector id belongs to, whatever its generation. */
export function chunkIdOfVector(id: string): string {
  const at = id.indexOf("@");
  return at < 0 ? id : id.slice(0, at);
}

export function documentIdOfVector(id: string): string {
  const chunkId = chunkIdOfVector(id);
  return chunkId.slice(0, chunkId.lastIndexOf(":"));
}

/**
 * What a generation's vectors carry as their notebook (Vectorize metadata `notebookId`, the local store's
 * `notebook_id`): the notebook id for generation 0, `${notebookId}@${g}` after. Queries filter on it with the
 * metadata index that already exists, so two generations of one notebook never answer each other's queries.
 */
export function vectorSpace(notebookId: string, generation = 0): string {
  return generation ? `${notebookId}@${generation}` : notebookId;
}

let indexForTests: Vectorize | undefined;

/**
 * Tests only: route `vectorStoreFor` to a Vectorize implementation (the in-memory one) although the
 * test environment has no VECTORS binding. Pass undefined to restore the default.
 */
export function useVectorIndexForTests(index: Vectorize | undefined): void {
  indexForTests = index;
}

/**
 * Vectorize when the VECTORS binding exists, else the exact local store in the notebook's content database
 * (`content`: contentDb(env, notebookId); the local store holds one notebook's vectors per handle).
 */
export function vectorStoreFor(env: Env, content: D1Database): VectorStore {
  if (indexForTests) return new VectorizeStore(indexForTests);
  // `wrangler types` names the binding with the beta-era class `VectorizeIndex`; a V2 index (every index
  // created since Wrangler 3.71) answers with the V2 API, typed `Vectorize`.
  if (env.VECTORS) return new VectorizeStore(env.VECTORS as unknown as Vectorize);
  return new D1VectorStore(content);
}
