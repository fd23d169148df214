// Tests of bench/retrieval/metrics.ts; they live here because vitest collects tests under workers/ only.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hitAtK, ndcgAtK, recallAtK, reciprocalRank, summarize } from "../../../../bench/retrieval/metrics";

describe("retrieval metrics", () => {
  const ranked = ["a", "b", "c", "d"];

  it("hit@k", () => {
    expect(hitAtK(ranked, ["c"], 2)).toBe(0);
    expect(hitAtK(ranked, ["c"], 3)).toBe(1);
    expect(hitAtK(ranked, new Set(["z"]), 10)).toBe(0);
    expect(hitAtK([], ["a"], 1)).toBe(0);
  });

  it("recall@k", () => {
    expect(recallAtK(ranked, ["a", "d", "z"], 4)).toBeCloseTo(2 / 3);
    expect(recallAtK(ranked, [], 4)).toBe(0);
  });

  it("reciprocal rank", () => {
    expect(reciprocalRank(ranked, ["a"])).toBe(1);
    expect(reciprocalRank(ranked, ["c", "d"])).toBeCloseTo(1 / 3);
    expect(reciprocalRank(ranked, ["z"])).toBe(0);
  });

  it("nDCG@k against hand-computed values", () => {
    expect(ndcgAtK(ranked, ["a"])).toBe(1);
    expect(ndcgAtK(ranked, ["b"])).toBeCloseTo(1 / Math.log2(3));
    // relevant at ranks 2 and 4, ideal at ranks 1 and 2
    const dcg = 1 / Math.log2(3) + 1 / Math.log2(5);
    const ideal = 1 + 1 / Math.log2(3);
    expect(ndcgAtK(ranked, ["b", "d"])).toBeCloseTo(dcg / ideal);
    expect(ndcgAtK(ranked, ["d"], 3)).toBe(0);
    expect(ndcgAtK(ranked, [])).toBe(0);
  });

  it("counts a repeated item once", () => {
    expect(ndcgAtK(["a", "a", "b"], ["a", "b"])).toBe(1);
    expect(reciprocalRank(["x", "x", "a"], ["a"])).toBe(1 / 2);
    expect(hitAtK(["x", "x", "a"], ["a"], 2)).toBe(1);
  });

  it("summarize averages over runs", () => {
    const summary = summarize([
      { ranked: ["a", "b"], relevant: ["a"] },
      { ranked: ["a", "b"], relevant: ["b"] },
      { ranked: ["a", "b"], relevant: ["z"] },
    ]);
    expect(summary.count).toBe(3);
    expect(summary.hitAt[1]).toBeCloseTo(1 / 3);
    expect(summary.hitAt[3]).toBeCloseTo(2 / 3);
    expect(summary.mrr).toBeCloseTo((1 + 0.5 + 0) / 3);
    expect(summary.ndcg10).toBeCloseTo((1 + 1 / Math.log2(3)) / 3);
    expect(summarize([]).mrr).toBe(0);
  });

  it("property: metrics lie in [0, 1], grow with k, and agree with each other", () => {
    const item = fc.constantFrom("a", "b", "c", "d", "e", "f");
    fc.assert(
      fc.property(fc.array(item, { maxLength: 12 }), fc.array(item, { maxLength: 4 }), (run, relevant) => {
        for (let k = 1; k <= 12; k++) {
          const ndcg = ndcgAtK(run, relevant, k);
          expect(ndcg).toBeGreaterThanOrEqual(0);
          expect(ndcg).toBeLessThanOrEqual(1 + 1e-12);
          expect(hitAtK(run, relevant, k)).toBeGreaterThanOrEqual(hitAtK(run, relevant, k - 1 || 1));
          expect(hitAtK(run, relevant, k) === 1).toBe(ndcg > 0);
        }
        const rr = reciprocalRank(run, relevant);
        expect(rr > 0).toBe(hitAtK(run, relevant, run.length || 1) === 1);
      }),
    );
  });
});
