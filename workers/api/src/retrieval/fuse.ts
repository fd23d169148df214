/** Reciprocal rank fusion of keyword and vector rankings, and merging of neighbouring hits of one document. */

export type FusedItem = {
  id: string;
  score: number;
  /** 1-based rank of the id in each input list, null where it is absent. */
  ranks: Array<number | null>;
};

export type FuseOptions = {
  /** RRF constant: larger k flattens the advantage of the top ranks. */
  k?: number;
  /** One weight per ranking (default 1 each). */
  weights?: readonly number[];
  limit?: number;
};

export const RRF_K = 60;

/**
 * score(id) = Σ weight_i / (k + rank_i(id)). Ties keep a stable order: the id met first when reading the lists
 * rank by rank (rank 1 of every list, then rank 2, …) comes first. A repeated id counts at its best rank only.
 */
export function fuseRankings(rankings: ReadonlyArray<ReadonlyArray<string>>, options: FuseOptions = {}): FusedItem[] {
  const k = options.k ?? RRF_K;
  const items = new Map<string, { ranks: Array<number | null>; parts: number[]; seen: number }>();
  const depth = Math.max(0, ...rankings.map((list) => list.length));
  for (let rank = 0; rank < depth; rank++) {
    rankings.forEach((list, li) => {
      const id = list[rank];
      if (id === undefined) return;
      let item = items.get(id);
      if (!item) {
        item = { ranks: rankings.map(() => null), parts: [], seen: items.size };
        items.set(id, item);
      }
      if (item.ranks[li] !== null) return;
      item.ranks[li] = rank + 1;
      item.parts.push((options.weights?.[li] ?? 1) / (k + rank + 1));
    });
  }
  // Summing the parts in one canonical order makes equal multisets of ranks give bit-identical scores.
  const fused = [...items].map(([id, item]) => ({
    id,
    seen: item.seen,
    ranks: item.ranks,
    score: [...item.parts].sort((a, b) => a - b).reduce((sum, part) => sum + part, 0),
  }));
  fused.sort((a, b) => b.score - a.score || a.seen - b.seen);
  return fused.slice(0, options.limit ?? fused.length).map(({ id, score, ranks }) => ({ id, score, ranks }));
}

export type ChunkHit = {
  chunkId: string;
  documentId: string;
  chunkIndex: number;
  pageStart: number;
  pageEnd: number;
  /** Character offsets `[startOffset, endOffset)` of the chunk in its document's text, when known. */
  startOffset?: number;
  endOffset?: number;
  score: number;
  text?: string;
};

export type MergedHit<T extends ChunkHit> = T & { chunkIds: string[]; chunkIndexEnd: number };

export type MergeOptions = {
  /** Also merge hits whose page spans overlap even when they are not neighbours (one result per page). */
  samePage?: boolean;
  /** Never merge into a result spanning more pages than this (citations name one page; a span stays short). */
  maxPages?: number;
};

const pagesOverlap = (a: ChunkHit, b: ChunkHit) => a.pageStart <= b.pageEnd && b.pageStart <= a.pageEnd;

function hasOffsets(hit: ChunkHit): hit is ChunkHit & { startOffset: number; endOffset: number } {
  return hit.startOffset !== undefined && hit.endOffset !== undefined;
}

function adjacent(a: ChunkHit, b: ChunkHit, options: MergeOptions): boolean {
  if (a.documentId !== b.documentId) return false;
  if (options.samePage && pagesOverlap(a, b)) return true;
  if (hasOffsets(a) && hasOffsets(b)) return a.startOffset <= b.endOffset && b.startOffset <= a.endOffset;
  return Math.abs(a.chunkIndex - b.chunkIndex) <= 1 && pagesOverlap(a, b);
}

/** Longest suffix of `a` that is a prefix of `b` (overlapping chunks repeat text), bounded for cost. */
function overlapLength(a: string, b: string, max = 2_000): number {
  for (let n = Math.min(a.length, b.length, max); n > 0; n--) if (a.endsWith(b.slice(0, n))) return n;
  return 0;
}

function mergeTexts(sorted: ChunkHit[]): string | undefined {
  let text: string | undefined;
  let end = -1; // document offset where `text` ends; -1 when unknown
  for (const hit of sorted) {
    if (hit.text === undefined) return undefined;
    const span =
      hasOffsets(hit) && hit.text.length === hit.endOffset - hit.startOffset
        ? { start: hit.startOffset, end: hit.endOffset }
        : undefined;
    if (text === undefined) text = hit.text;
    else if (span && end >= 0 && span.start <= end) text += hit.text.slice(end - span.start);
    else {
      const overlap = overlapLength(text, hit.text);
      text += overlap > 0 ? hit.text.slice(overlap) : ` … ${hit.text}`;
    }
    end = span ? Math.max(end, span.end) : -1;
  }
  return text;
}

/**
 * Merges hits of the same document that overlap or touch (by character offsets when both have them, else
 * consecutive chunk indexes on overlapping pages) into one hit with the union of pages, offsets and text and
 * the best score; the best member's fields (chunkId, …) represent the group. Output is by score, stable.
 */
export function mergeOverlapping<T extends ChunkHit>(hits: readonly T[], options: MergeOptions = {}): MergedHit<T>[] {
  const parent = hits.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] as number;
    return root;
  };
  const span = hits.map((hit) => ({ start: hit.pageStart, end: hit.pageEnd }));
  const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY;
  hits.forEach((a, i) => {
    for (let j = i + 1; j < hits.length; j++) {
      if (!adjacent(a, hits[j] as T, options)) continue;
      const [ri, rj] = [find(i), find(j)];
      if (ri === rj) continue;
      const [si, sj] = [span[ri] as { start: number; end: number }, span[rj] as { start: number; end: number }];
      const union = { start: Math.min(si.start, sj.start), end: Math.max(si.end, sj.end) };
      if (union.end - union.start + 1 > maxPages) continue;
      parent[rj] = ri;
      span[ri] = union;
    }
  });
  const groups = new Map<number, T[]>();
  hits.forEach((hit, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), hit]);
  });

  const merged = [...groups.values()].map((members) => {
    // Best score wins; among equals the earliest input hit (members keep input order).
    const best = members.reduce((a, b) => (b.score > a.score ? b : a));
    const sorted = [...members].sort(
      (a, b) => (a.startOffset ?? 0) - (b.startOffset ?? 0) || a.chunkIndex - b.chunkIndex,
    );
    const withOffsets = members.every(hasOffsets);
    const text = mergeTexts(sorted);
    return {
      ...best,
      chunkIds: sorted.map((hit) => hit.chunkId),
      chunkIndex: Math.min(...members.map((hit) => hit.chunkIndex)),
      chunkIndexEnd: Math.max(...members.map((hit) => hit.chunkIndex)),
      pageStart: Math.min(...members.map((hit) => hit.pageStart)),
      pageEnd: Math.max(...members.map((hit) => hit.pageEnd)),
      ...(withOffsets
        ? {
            startOffset: Math.min(...members.map((hit) => hit.startOffset as number)),
            endOffset: Math.max(...members.map((hit) => hit.endOffset as number)),
          }
        : { startOffset: undefined, endOffset: undefined }),
      // Without every member's text the union is unknown: the best member's own text stands for the group.
      ...(text !== undefined ? { text } : {}),
      bestIndex: hits.indexOf(best),
    };
  });
  merged.sort((a, b) => b.score - a.score || a.bestIndex - b.bestIndex);
  return merged.map(({ bestIndex: _, ...hit }) => hit as unknown as MergedHit<T>);
}
