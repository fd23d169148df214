/**
 * Ranking metrics for `npm run eval:retrieval`, with binary relevance. Items are opaque keys (for the NTSB set,
 * `${document}#${page}`). A ranking may name an item twice (two chunks of one page): only its first
 * occurrence counts, so no metric can exceed 1. A query with no relevant item scores 0 everywhere.
 */

export type Relevant = ReadonlySet<string> | readonly string[];
export type EvalRun = { ranked: readonly string[]; relevant: Relevant };

function asSet(relevant: Relevant): ReadonlySet<string> {
  return relevant instanceof Set ? relevant : new Set(relevant as readonly string[]);
}

function dedupe(ranked: readonly string[]): string[] {
  return [...new Set(ranked)];
}

/** 1 when a relevant item is among the first k results, else 0. */
export function hitAtK(ranked: readonly string[], relevant: Relevant, k: number): number {
  const wanted = asSet(relevant);
  return dedupe(ranked)
    .slice(0, k)
    .some((item) => wanted.has(item))
    ? 1
    : 0;
}

/** Share of the relevant items found among the first k results. */
export function recallAtK(ranked: readonly string[], relevant: Relevant, k: number): number {
  const wanted = asSet(relevant);
  if (wanted.size === 0) return 0;
  return (
    dedupe(ranked)
      .slice(0, k)
      .filter((item) => wanted.has(item)).length / wanted.size
  );
}

/** 1 / rank of the first relevant result, 0 when none is ranked. */
export function reciprocalRank(ranked: readonly string[], relevant: Relevant): number {
  const wanted = asSet(relevant);
  const index = dedupe(ranked).findIndex((item) => wanted.has(item));
  return index === -1 ? 0 : 1 / (index + 1);
}

/** Normalised discounted cumulative gain at k: DCG of the ranking over DCG of the ideal ranking. */
export function ndcgAtK(ranked: readonly string[], relevant: Relevant, k = 10): number {
  const wanted = asSet(relevant);
  if (wanted.size === 0 || k <= 0) return 0;
  const discount = (i: number) => 1 / Math.log2(i + 2);
  const dcg = dedupe(ranked)
    .slice(0, k)
    .reduce((sum, item, i) => sum + (wanted.has(item) ? discount(i) : 0), 0);
  let ideal = 0;
  for (let i = 0; i < Math.min(k, wanted.size); i++) ideal += discount(i);
  return dcg / ideal;
}

export type EvalSummary = { count: number; hitAt: Record<number, number>; mrr: number; ndcg10: number };

/** Means over runs: hit@k for each k, MRR and nDCG@10. */
export function summarize(runs: readonly EvalRun[], ks: readonly number[] = [1, 3, 5, 10]): EvalSummary {
  const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
  return {
    count: runs.length,
    hitAt: Object.fromEntries(ks.map((k) => [k, mean(runs.map((run) => hitAtK(run.ranked, run.relevant, k)))])),
    mrr: mean(runs.map((run) => reciprocalRank(run.ranked, run.relevant))),
    ndcg10: mean(runs.map((run) => ndcgAtK(run.ranked, run.relevant, 10))),
  };
}
