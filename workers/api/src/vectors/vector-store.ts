/**
 * One interface for chunk vectors: Vectorize in deployments, an exact D1-backed store locally (Vectorize
 * has no local mode). Vector ids are deterministic (`${documentId}:${chunkIndex}`), writes are upserts,
 * and every query is filtered by notebook before topK.
 */
import { D1VectorStore } from "./d1-vector-store";
import { VectorizeStore } from "./vectorize-store";

export type VectorRecord = { id: string; values: number[]; notebookId: string; documentId: string };

export type VectorQuery = {
  notebookId: string;
  /** 1–100. */
  topK: number;
  documentIds?: string[];
  /**
   * The notebook's content version (notebook.content_version) when the caller knows it: the local store
   * then keeps the notebook's vectors as one matrix per isolate under it (vector-matrix.ts). Vectorize ignores it.
   */
  contentVersion?: number;
};

export type VectorMatch = { id: string; documentId: string; score: number };

/** A write; `mutationId` is Vectorize's asynchronous mutation (null where writes apply at once). */
export type VectorMutation = { mutationId: string | null };

export type VectorStore = {
  readonly kind: "vectorize" | "d1-exact";
  upsert(records: VectorRecord[]): Promise<VectorMutation>;
  query(vector: number[], query: VectorQuery): Promise<VectorMatch[]>;
  deleteByIds(ids: string[]): Promise<VectorMutation>;
  /** True once `mutation` is visible to queries (`sampleIds` are some of the ids it wrote). */
  isVisible(mutation: VectorMutation, sampleIds: string[]): Promise<boolean>;
};

export const MAX_TOP_K = 100;

/** The vector id of a chunk; at most 64 bytes, as Vectorize requires. */
export function vectorId(documentId: string, chunkIndex: number): string {
  return `${documentId}:${chunkIndex}`;
}

export function documentIdOfVector(id: string): string {
  return id.slice(0, id.lastIndexOf(":"));
}

let indexForTests: Vectorize | undefined;

/**
 * Tests only: route `vectorStoreFor` to a Vectorize implementation (the in-memory one) although the
 * test environment has no VECTORS binding. Pass undefined to restore the default.
 */
export function useVectorIndexForTests(index: Vectorize | undefined): void {
  indexForTests = index;
}

/** Vectorize when the VECTORS binding exists, else the exact D1 store. */
export function vectorStoreFor(env: Env): VectorStore {
  if (indexForTests) return new VectorizeStore(indexForTests);
  // `wrangler types` names the binding with the beta-era class `VectorizeIndex`; a V2 index (every index
  // created since Wrangler 3.71) answers with the V2 API, typed `Vectorize`.
  if (env.VECTORS) return new VectorizeStore(env.VECTORS as unknown as Vectorize);
  return new D1VectorStore(env.DB);
}
