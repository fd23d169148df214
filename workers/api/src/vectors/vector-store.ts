/**
 * One interface for chunk vectors: Vectorize in deployments, an exact D1-backed store locally (Vectorize
 * has no local mode). Vector ids are deterministic (`${documentId}:${chunkIndex}`, plus `@g` past generation 0),
 * writes are upserts, and every query is filtered by notebook and generation before topK.
 *
 * A generation is one embedding model's vectors of a notebook (notebook.vector_generation, migration 0020):
 * a re-embed writes generation g + 1 beside g and switches the notebook over in one guarded UPDATE. Generation
 * 0 is what was written before generations existed, so its ids and its metadata stay as they were.
 */
import { Problem } from "../platform/problem";
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

const indexesForTests = new Map<number, Vectorize>();

/**
 * Tests only: route `vectorStoreFor` to Vectorize implementations (the in-memory one) although the test
 * environment binds none. `useVectorIndexForTests(index)` binds index 0; `useVectorIndexForTests({ 0: a, 1: b })`
 * binds several (an index left out is unbound: its notebooks get the 503). Pass undefined to restore the default.
 */
export function useVectorIndexForTests(index: Vectorize | Record<number, Vectorize> | undefined): void {
  indexesForTests.clear();
  if (!index) return;
  if ("query" in index && typeof index.query === "function") indexesForTests.set(0, index as Vectorize);
  else for (const [n, i] of Object.entries(index)) indexesForTests.set(Number(n), i as Vectorize);
}

/** The binding name of Vectorize index `n` (docs/scale.md §5 "index groups"): VECTORS, VECTORS_1, VECTORS_2, … */
export function vectorBindingName(index: number): string {
  return index === 0 ? "VECTORS" : `VECTORS_${index}`;
}

/** True where vectors live in Vectorize (any index bound), false where the local store keeps them. */
function usesVectorize(env: Env): boolean {
  return indexesForTests.size > 0 || Boolean(env.VECTORS);
}

function vectorizeIndex(env: Env, index: number): Vectorize {
  // `wrangler types` names the binding with the beta-era class `VectorizeIndex`; a V2 index (every index
  // created since Wrangler 3.71) answers with the V2 API, typed `Vectorize`.
  const bound = indexesForTests.size
    ? indexesForTests.get(index)
    : ((env as unknown as Record<string, unknown>)[vectorBindingName(index)] as Vectorize | undefined);
  // Never another index instead: the notebook's vectors are in this one, and writing them elsewhere would
  // split the notebook between two indexes that each answer half of its searches.
  if (!bound) {
    throw new Problem({
      status: 503,
      type: "vector-index-unbound",
      title: "Vector index unavailable",
      detail: `vector index ${index} is not bound in this deployment (binding ${vectorBindingName(index)})`,
    });
  }
  return bound;
}

/**
 * The store holding one notebook's vectors: Vectorize index `vectorIndex` (notebook.vector_index, migration
 * 0024) when the deployment uses Vectorize, else the exact local store in the notebook's content database
 * (`content`: contentDb(env, notebookId); one notebook's vectors per handle), which ignores the index.
 * A notebook whose index has no binding gets a 503 (`vector-index-unbound`), never another index.
 *
 * Trade-off: the index is an argument, not looked up here. Callers that have the notebook row pass its
 * column (search: no extra read on the hot path; purge: it must be read before the row is deleted); the others
 * use `vectorStoreOf`, one registry read per notebook and isolate (the column never changes, so it is
 * remembered). A lookup inside this function would make every caller async and hide that read, and an optional
 * argument defaulting to 0 would let a forgotten caller write to the wrong index.
 */
export function vectorStoreFor(env: Env, content: D1Database, vectorIndex: number): VectorStore {
  if (!usesVectorize(env)) return new D1VectorStore(content);
  return new VectorizeStore(vectorizeIndex(env, vectorIndex));
}

/** Notebook id → its vector index; final once set (migration 0024), so safe to remember per isolate. */
const indexOfNotebook = new Map<string, number>();
const MAX_REMEMBERED = 50_000;

/**
 * The Vectorize index of a notebook; no registry read where vectors are local. A notebook that no longer
 * exists answers 0 (not remembered): its vectors were purged with the index read before its row went
 * (documents/purge.ts), and a Workflow step racing the delete takes back what it wrote from the same store.
 */
export async function vectorIndexOf(env: Env, notebookId: string): Promise<number> {
  if (!usesVectorize(env)) return 0;
  const known = indexOfNotebook.get(notebookId);
  if (known !== undefined) return known;
  const row = await env.DB.prepare("SELECT vector_index AS n FROM notebook WHERE id = ?")
    .bind(notebookId)
    .first<{ n: number }>();
  if (!row) return 0;
  if (indexOfNotebook.size >= MAX_REMEMBERED) indexOfNotebook.clear();
  indexOfNotebook.set(notebookId, row.n);
  return row.n;
}

/**
 * Refuses (503 `vector-index-unbound`) before anything is stored when the notebook's vectors could not be
 * written: uploads check it, so a file is not kept only to fail at its embedding step.
 */
export async function assertVectorIndexBound(env: Env, notebookId: string): Promise<void> {
  if (usesVectorize(env)) vectorizeIndex(env, await vectorIndexOf(env, notebookId));
}

/** `vectorStoreFor` for a caller that has only the notebook id. */
export async function vectorStoreOf(env: Env, content: D1Database, notebookId: string): Promise<VectorStore> {
  return vectorStoreFor(env, content, await vectorIndexOf(env, notebookId));
}
