import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ChunkHit, fuseRankings, mergeOverlapping } from "./fuse";

const ids = (items: { id: string }[]) => items.map((item) => item.id);

describe("fuseRankings", () => {
  it("scores by reciprocal rank with k = 60", () => {
    const fused = fuseRankings([
      ["a", "b", "c"],
      ["c", "a"],
    ]);
    expect(ids(fused)).toEqual(["a", "c", "b"]);
    expect(fused[0]).toEqual({ id: "a", score: 1 / 61 + 1 / 62, ranks: [1, 2] });
    expect(fused[2]).toEqual({ id: "b", score: 1 / 62, ranks: [2, null] });
  });

  it("keeps ties in rank-by-rank reading order", () => {
    expect(
      ids(
        fuseRankings([
          ["a", "b"],
          ["b", "a"],
        ]),
      ),
    ).toEqual(["a", "b"]);
    expect(
      ids(
        fuseRankings([
          ["b", "a"],
          ["a", "b"],
        ]),
      ),
    ).toEqual(["b", "a"]);
    expect(ids(fuseRankings([["x"], ["y"], ["z"]]))).toEqual(["x", "y", "z"]);
  });

  it("honours k, weights and limit", () => {
    const lists = [
      ["a", "b"],
      ["b", "c"],
    ];
    expect(ids(fuseRankings(lists, { weights: [1, 3] }))).toEqual(["b", "c", "a"]);
    expect(fuseRankings(lists, { k: 0 })[0]?.score).toBeCloseTo(1 / 2 + 1 / 1);
    expect(fuseRankings(lists, { limit: 1 })).toHaveLength(1);
  });

  it("counts a repeated id at its best rank only, and handles empty input", () => {
    expect(fuseRankings([["a", "a", "b"]])).toEqual([
      { id: "a", score: 1 / 61, ranks: [1] },
      { id: "b", score: 1 / 63, ranks: [3] },
    ]);
    expect(fuseRankings([])).toEqual([]);
    expect(fuseRankings([[], []])).toEqual([]);
  });

  const rankings = fc.array(fc.uniqueArray(fc.constantFrom(..."abcdefghij"), { maxLength: 10 }), {
    minLength: 1,
    maxLength: 4,
  });

  it("property: returns each id once, scores never increase, a single list keeps its order", () => {
    fc.assert(
      fc.property(rankings, (lists) => {
        const fused = fuseRankings(lists);
        expect(new Set(ids(fused))).toEqual(new Set(lists.flat()));
        expect(new Set(ids(fused)).size).toBe(fused.length);
        for (let i = 1; i < fused.length; i++) {
          expect(fused[i]?.score).toBeLessThanOrEqual(fused[i - 1]?.score as number);
        }
        expect(ids(fuseRankings([lists[0] ?? []]))).toEqual(lists[0]);
      }),
    );
  });

  it("property: an id ranked at least as well everywhere scores at least as high", () => {
    fc.assert(
      fc.property(rankings, (lists) => {
        const fused = fuseRankings(lists);
        for (const a of fused) {
          for (const b of fused) {
            const dominates = a.ranks.every((ra, i) => {
              const rb = b.ranks[i] ?? null;
              return rb === null || (ra !== null && ra <= rb);
            });
            if (dominates) expect(a.score).toBeGreaterThanOrEqual(b.score);
          }
        }
      }),
    );
  });

  it("property: permuting equal-rank evidence gives bit-identical scores", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 6 }), (ranks) => {
        const listsFor = (rs: number[], id: string) =>
          rs.map((r) => [...Array.from({ length: r - 1 }, (_, i) => `pad${i}`), id]);
        const forward = fuseRankings(listsFor(ranks, "x")).find((item) => item.id === "x");
        const backward = fuseRankings(listsFor([...ranks].reverse(), "x")).find((item) => item.id === "x");
        expect(forward?.score).toBe(backward?.score);
      }),
    );
  });
});

function hit(partial: Partial<ChunkHit> & { chunkId: string; chunkIndex: number }): ChunkHit {
  return { documentId: "doc1", pageStart: 1, pageEnd: 1, score: 0.1, ...partial };
}

describe("mergeOverlapping", () => {
  const text = "The pilot misjudged the clearance. The airplane hit trees. Then it hit wires.";

  it("merges overlapping chunks of one document, stitching the text and keeping the best score", () => {
    const a = hit({ chunkId: "c1", chunkIndex: 1, startOffset: 0, endOffset: 40, text: text.slice(0, 40), score: 0.2 });
    const b = hit({
      chunkId: "c2",
      chunkIndex: 2,
      startOffset: 30,
      endOffset: text.length,
      text: text.slice(30),
      pageEnd: 2,
      score: 0.5,
    });
    const [merged, ...rest] = mergeOverlapping([a, b]);
    expect(rest).toEqual([]);
    expect(merged).toMatchObject({
      chunkId: "c2",
      chunkIds: ["c1", "c2"],
      chunkIndex: 1,
      chunkIndexEnd: 2,
      pageStart: 1,
      pageEnd: 2,
      startOffset: 0,
      endOffset: text.length,
      score: 0.5,
      text,
    });
  });

  it("merges touching offsets and chains transitively", () => {
    const hits = [0, 1, 2].map((i) =>
      hit({ chunkId: `c${i}`, chunkIndex: i, startOffset: i * 10, endOffset: i * 10 + 10, text: "x".repeat(10) }),
    );
    const merged = mergeOverlapping([hits[2], hits[0], hits[1]] as ChunkHit[]);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.chunkIds).toEqual(["c0", "c1", "c2"]);
    expect(merged[0]?.text).toBe("x".repeat(30));
  });

  it("keeps distant chunks and other documents apart", () => {
    const hits = [
      hit({ chunkId: "a", chunkIndex: 0, startOffset: 0, endOffset: 10 }),
      hit({ chunkId: "b", chunkIndex: 5, startOffset: 50, endOffset: 60 }),
      hit({ chunkId: "c", chunkIndex: 1, startOffset: 5, endOffset: 15, documentId: "doc2" }),
    ];
    expect(mergeOverlapping(hits)).toHaveLength(3);
  });

  it("with samePage, merges any hits sharing a page", () => {
    const hits = [
      hit({ chunkId: "a", chunkIndex: 0, startOffset: 0, endOffset: 5, text: "alpha", score: 0.3 }),
      hit({ chunkId: "b", chunkIndex: 4, startOffset: 90, endOffset: 94, text: "beta", score: 0.1 }),
    ];
    const [merged] = mergeOverlapping(hits, { samePage: true });
    expect(merged?.chunkIds).toEqual(["a", "b"]);
    expect(merged?.text).toBe("alpha … beta");
  });

  it("without offsets, merges consecutive chunks on overlapping pages and dedupes repeated text", () => {
    const hits = [
      hit({ chunkId: "a", chunkIndex: 3, pageStart: 2, pageEnd: 2, text: "one two three" }),
      hit({ chunkId: "b", chunkIndex: 4, pageStart: 2, pageEnd: 3, text: "two three four" }),
      hit({ chunkId: "c", chunkIndex: 6, pageStart: 3, pageEnd: 3, text: "six" }),
    ];
    const merged = mergeOverlapping(hits);
    expect(merged.map((m) => m.chunkIds)).toEqual([["a", "b"], ["c"]]);
    expect(merged[0]?.text).toBe("one two three four");
  });

  it("orders groups by best score, ties in input order", () => {
    const hits = [
      hit({ chunkId: "a", chunkIndex: 0, documentId: "d1", score: 0.1 }),
      hit({ chunkId: "b", chunkIndex: 0, documentId: "d2", score: 0.9 }),
      hit({ chunkId: "c", chunkIndex: 0, documentId: "d3", score: 0.1 }),
    ];
    expect(mergeOverlapping(hits).map((m) => m.chunkId)).toEqual(["b", "a", "c"]);
  });

  it("property: every chunk lands in exactly one group of its own document with the group's best score", () => {
    const arbHit = fc.record({
      documentId: fc.constantFrom("d1", "d2"),
      chunkIndex: fc.integer({ min: 0, max: 12 }),
      score: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(arbHit, { maxLength: 15 }), (raw) => {
        const hits = raw.map((h, i) =>
          hit({ ...h, chunkId: `c${i}`, startOffset: h.chunkIndex * 100, endOffset: h.chunkIndex * 100 + 120 }),
        );
        const merged = mergeOverlapping(hits);
        const all = merged.flatMap((m) => m.chunkIds);
        expect(all.sort()).toEqual(hits.map((h) => h.chunkId).sort());
        for (const group of merged) {
          const members = hits.filter((h) => group.chunkIds.includes(h.chunkId));
          expect(new Set(members.map((m) => m.documentId))).toEqual(new Set([group.documentId]));
          expect(group.score).toBe(Math.max(...members.map((m) => m.score)));
        }
      }),
    );
  });
});
