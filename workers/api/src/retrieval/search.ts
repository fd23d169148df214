/**
 * Notebook search: stemmed keyword search on FTS5 (bm25) in the notebook's content database (its own object,
 * content/content-db.ts, or D1 for a notebook not yet moved), vector kNN through the vector store (filtered by
 * notebook, then checked again in the content database), fused with reciprocal rank fusion; overlapping chunks
 * merged. Every chunk that leaves this module was read under the caller's notebook id from a document the
 * registry (D1) has as ready.
 */

import type { SearchMode, SearchResultDto } from "../../../../schemas/search";
import { contentDb, readyDocumentTitles } from "../content/content-db";
import { embedderFor } from "../embeddings/embedder";
import { embeddingRefusal } from "../embeddings/embedding-budget";
import { recordEmbeddingCall } from "../models/calls";
import type { Logger } from "../platform/logger";
import { Problem } from "../platform/problem";
import { checkpoint, WorkGate } from "../platform/work-limits";
import { MAX_TOP_K, vectorIndexOf, vectorStoreFor } from "../vectors/vector-store";
import { type ChunkHit, fuseRankings, mergeOverlapping } from "./fuse";
import { highlightRanges } from "./highlight";
import { queryTerms } from "./normalize";
import { type ChunkRow, keywordHits, loadChunks } from "./reads";

export type SearchScope = {
  notebookId: string;
  /** The model the notebook's chunks were embedded with (null: nothing indexed yet). */
  embeddingModel: string | null;
  /** notebook.vector_generation: which of the notebook's vector sets was embedded with `embeddingModel` (0 if omitted). */
  vectorGeneration?: number;
  /** notebook.vector_index: the Vectorize index holding its vectors (looked up when omitted). */
  vectorIndex?: number;
  documentIds?: readonly string[];
  /** Who is searching: paid query embeddings are recorded as their usage. */
  userId?: string;
  /** notebook.content_version: the local vector store caches the notebook's vectors under it. */
  contentVersion?: number;
  /** The request's logger. */
  log: Logger;
  /** The notebook's content database (contentDb); looked up when omitted. */
  content?: D1Database;
  /** Its ready documents, id → title (read with the notebook: owned-notebook.ts); read when omitted. */
  ready?: ReadonlyMap<string, string>;
};

export type SearchOptions = {
  limit: number;
  mode: SearchMode;
  /** The request's disconnect or deadline (platform/work-limits.ts workSignal); checked between stages. */
  signal?: AbortSignal;
  /** Index terms of which keyword hits must hold at least one (what a question names: "California"). */
  require?: readonly string[];
};

/**
 * A result with where it lies on its pages (chunk offsets are page-relative: `startOffset` into page
 * `pageStart`, `endOffset` into page `pageEnd`) and its chunk context; the answer reads its pages from these.
 */
export type SearchHit = SearchResultDto & { startOffset: number; endOffset: number; context: string | null };

export type SearchOutcome = {
  mode: SearchMode;
  requestedMode: SearchMode;
  fallbackReason: string | null;
  results: SearchHit[];
};

/** The public shape of a result (the offsets and context stay inside the Worker). */
export function toSearchResultDto({ startOffset: _s, endOffset: _e, context: _c, ...dto }: SearchHit): SearchResultDto {
  return dto;
}

/** Merged results span at most two pages, like the chunks themselves. */
const MAX_RESULT_PAGES = 2;

/**
 * RRF weight of the local embedder's ranking against keyword's 1. The hashing embedder is lexical, a
 * weaker copy of bm25's signal: with any larger weight it reorders good keyword rankings and hybrid scored
 * below keyword alone (docs/retrieval-eval.md). At 0.001 its largest contribution (0.001/61 ≈ 1.6e-5) is
 * below the smallest gap between neighbouring keyword ranks within the search depth (1/(160·161) ≈ 3.9e-5
 * at rank 100), so keyword order is kept and semantic-only hits are added after the keyword hits.
 */
export const LOCAL_SEMANTIC_WEIGHT = 0.001;

/** Candidates each ranking contributes before fusion and merging. */
const depthFor = (limit: number) => Math.min(MAX_TOP_K, Math.max(30, limit * 4));

type SemanticRanking = { ids: string[] } | { unavailable: string };

/** Chunk ids nearest to the query embedded with the notebook's own model, or why that is not possible. */
export async function semanticRanking(
  env: Env,
  scope: SearchScope,
  query: string,
  depth: number,
  signal?: AbortSignal,
): Promise<SemanticRanking> {
  if (!scope.embeddingModel) return { ids: [] };
  try {
    const embedder = embedderFor(env);
    if (embedder.model !== scope.embeddingModel) {
      return {
        unavailable: `the notebook was indexed with ${scope.embeddingModel} but the configured embedder is ${embedder.model}`,
      };
    }
    const refusal = await embeddingRefusal(env, embedder, scope.userId);
    if (refusal) return { unavailable: refusal.title.toLowerCase() };
    const started = Date.now();
    const [vector] = await embedder.embed([query]);
    if (scope.userId) {
      await recordEmbeddingCall(env, scope.log, embedder.model, {
        userId: scope.userId,
        notebookId: scope.notebookId,
        texts: [query],
        latencyMs: Date.now() - started,
      });
    }
    if (!vector) return { unavailable: "the embedder returned no vector" };
    checkpoint(signal);
    const content = scope.content ?? (await contentDb(env, scope.notebookId));
    const index = scope.vectorIndex ?? (await vectorIndexOf(env, scope.notebookId));
    const matches = await vectorStoreFor(env, content, index).query(vector, {
      notebookId: scope.notebookId,
      generation: scope.vectorGeneration ?? 0,
      topK: depth,
      ...(scope.contentVersion === undefined ? {} : { contentVersion: scope.contentVersion }),
      ...(scope.documentIds?.length ? { documentIds: [...scope.documentIds] } : {}),
    });
    return { ids: matches.map((m) => m.id) };
  } catch (err) {
    if (err instanceof Problem) throw err; // stopped (client gone, deadline): not an outage
    scope.log.warn("semantic search unavailable", { error: String(err) });
    return { unavailable: "semantic search is temporarily unavailable" };
  }
}

/** What one search reads from: the notebook's content database and its ready documents (read in parallel). */
type Sources = {
  content: D1Database;
  ready: Promise<ReadonlyMap<string, string>>;
  /** Chunk rows already read (the keyword hits'), by id. */
  known: Map<string, ChunkRow>;
};

type Hit = ChunkHit & { text: string; documentTitle: string };

/** True when the notebook's vectors come from the local hashing embedder (a tie-break signal only). */
const isLocalModel = (model: string | null) => model?.startsWith("local/") ?? false;

/**
 * Heavy searches (those that embed the query and run kNN) running at once in this isolate. A search holds
 * the isolate's CPU for its kNN and waits on the embedder; past 8 at once, more only queue behind each
 * other (2 cores here, one per isolate in production), so the 9th is refused with 503 + Retry-After and
 * its client retries. bench/perf.mjs shows the 32-connection figures with this cap.
 */
export const heavySearches = new WorkGate("semantic searches", 8);

/**
 * Searches the notebook. Semantic or hybrid searches fall back to keyword-only, and say so, when needed.
 * `options.signal` (the request's disconnect or deadline) is checked between stages: work nobody waits for stops.
 */
export async function searchNotebook(
  env: Env,
  scope: SearchScope,
  query: string,
  options: SearchOptions,
): Promise<SearchOutcome> {
  const { signal } = options;
  const depth = depthFor(options.limit);
  const wantKeyword = options.mode !== "semantic";
  const wantSemantic = options.mode !== "keyword";
  const semanticWeight = isLocalModel(scope.embeddingModel) ? LOCAL_SEMANTIC_WEIGHT : 1;
  const ready = scope.ready
    ? Promise.resolve(scope.ready)
    : readyDocumentTitles(env.DB, scope.notebookId, scope.documentIds);
  ready.catch(() => undefined); // settled even when the search stops before awaiting it
  const content = scope.content ?? (await contentDb(env, scope.notebookId));
  const sources: Sources = { content, ready, known: new Map() };
  // The keyword hits come with their chunks' rows (one statement): assemble reads only the others.
  const keywordRanking = async () => {
    const hits = await keywordHits(content, scope, query, depth, options.require);
    for (const [id, row] of hits.rows) sources.known.set(id, row);
    return hits.ids;
  };
  const scoped = { ...scope, content };
  checkpoint(signal);

  // Hybrid over local vectors: their ranking only adds hits after every keyword hit (LOCAL_SEMANTIC_WEIGHT),
  // so when the keyword hits alone fill the page the kNN cannot change the result and is not run.
  if (wantKeyword && wantSemantic && semanticWeight < 1 && embedderFor(env).model === scope.embeddingModel) {
    const keyword = await keywordRanking();
    checkpoint(signal);
    const page = await assemble(sources, scope, query, options, [keyword], [1]);
    if (page.complete)
      return { mode: options.mode, requestedMode: options.mode, fallbackReason: null, results: page.results };
    const semantic = await heavySearches.run(signal, () => semanticRanking(env, scoped, query, depth, signal));
    checkpoint(signal);
    if (!("unavailable" in semantic)) {
      const fused = await assemble(sources, scope, query, options, [keyword, semantic.ids], [1, semanticWeight]);
      return { mode: options.mode, requestedMode: options.mode, fallbackReason: null, results: fused.results };
    }
    return {
      mode: "keyword",
      requestedMode: options.mode,
      fallbackReason: `Keyword search only: ${semantic.unavailable}.`,
      results: page.results,
    };
  }

  const [keyword, semantic] = await Promise.all([
    wantKeyword ? keywordRanking() : Promise.resolve([]),
    wantSemantic
      ? heavySearches.run(signal, () => semanticRanking(env, scoped, query, depth, signal))
      : Promise.resolve({ ids: [] }),
  ]);
  checkpoint(signal);
  let mode = options.mode;
  let fallbackReason: string | null = null;
  const rankings: string[][] = [];
  if (wantKeyword) rankings.push(keyword);
  if ("unavailable" in semantic) {
    mode = "keyword";
    fallbackReason = `Keyword search only: ${semantic.unavailable}.`;
    if (!wantKeyword) rankings.push(await keywordRanking());
  } else if (wantSemantic) rankings.push(semantic.ids);

  // The local hashing embedder is a lexical signal weaker than bm25 (see docs/retrieval-eval.md): it only
  // breaks ties among keyword hits. Learned embeddings (OpenAI, bge-m3) weigh as much as keywords.
  const page = await assemble(sources, scope, query, options, rankings, wantKeyword ? [1, semanticWeight] : [1]);
  return { mode, requestedMode: options.mode, fallbackReason, results: page.results };
}

/**
 * Fuses `rankings`, reads their chunks under the caller's notebook (the D1 check) and merges neighbours into
 * at most `limit` results. `complete`: the page filled up before the fused list ran out, so hits ranked after
 * all of these could not have changed it.
 */
async function assemble(
  sources: Sources,
  scope: SearchScope,
  query: string,
  options: SearchOptions,
  rankings: string[][],
  weights: number[],
): Promise<{ results: SearchHit[]; complete: boolean }> {
  const fused = fuseRankings(rankings, { weights });
  const rows = await loadChunks(
    sources.content,
    scope,
    fused.map((f) => f.id),
    await sources.ready,
    sources.known,
  );
  checkpoint(options.signal);
  const hits: Hit[] = fused.flatMap((f) => {
    const row = rows.get(f.id);
    if (!row) return [];
    return [
      {
        chunkId: row.id,
        documentId: row.document_id,
        documentTitle: row.title,
        chunkIndex: row.chunk_index,
        pageStart: row.page_start,
        pageEnd: row.page_end,
        text: row.text,
        score: f.score,
      },
    ];
  });
  // Chunk offsets are relative to their own pages, so neighbours are found by chunk index and page overlap.
  // Merge only among the best hits: a low-ranked neighbour must not widen a top hit's page span.
  let take = options.limit;
  const merge = (some: Hit[]) => mergeOverlapping(some, { maxPages: MAX_RESULT_PAGES });
  let merged = merge(hits.slice(0, take));
  while (merged.length < options.limit && take < hits.length) {
    take += options.limit - merged.length;
    merged = merge(hits.slice(0, take));
  }
  const complete = merged.length >= options.limit && take <= hits.length;
  merged = merged.slice(0, options.limit);
  const terms = queryTerms(query);
  const results = merged.map((hit): SearchHit => {
    // Members are neighbours in index order: the first begins the span, the last ends it.
    const members = hit.chunkIds.map((id) => rows.get(id) as ChunkRow).sort((a, b) => a.chunk_index - b.chunk_index);
    const first = members[0] as ChunkRow;
    const last = members.at(-1) as ChunkRow;
    return {
      chunkId: hit.chunkId,
      chunkIds: hit.chunkIds,
      documentId: hit.documentId,
      documentTitle: hit.documentTitle,
      pageStart: hit.pageStart,
      pageEnd: hit.pageEnd,
      text: hit.text,
      highlights: highlightRanges(hit.text, terms),
      score: hit.score,
      startOffset: first.page_start === hit.pageStart ? first.start_offset : 0,
      endOffset: last.end_offset,
      context: first.context,
    };
  });
  return { results, complete };
}
