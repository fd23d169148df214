import { describe, expect, it } from "vitest";
import { citationOf, fenceSources, pickChunks, type SourceChunk, spreadOrder } from "./sources";

const chunks = (documentId: string, n: number, tokenCount = 100) =>
  Array.from({ length: n }, (_, chunkIndex) => ({
    id: `${documentId}:${chunkIndex}`,
    documentId,
    chunkIndex,
    tokenCount,
  }));

describe("choosing the material for a generation", () => {
  it("spreads positions evenly and eventually covers every index once", () => {
    expect(spreadOrder(8)).toEqual([0, 4, 2, 6, 1, 3, 5, 7]);
    for (const n of [0, 1, 5, 13]) expect([...spreadOrder(n)].sort((a, b) => a - b)).toEqual([...Array(n).keys()]);
  });

  it("takes chunks round-robin across documents, spread over pages, within the token budget", () => {
    const picked = pickChunks([...chunks("a", 100), ...chunks("b", 10)], 600, new Set());
    expect(picked.map((c) => c.id)).toEqual(["a:0", "b:0", "a:50", "b:5", "a:25", "b:2"]);
  });

  it("prefers chunks no card cites yet, and is bounded however large the notebook", () => {
    const covered = new Set(["a:0", "a:50"]);
    expect(pickChunks(chunks("a", 100), 300, covered).map((c) => c.id)).toEqual(["a:25", "a:75", "a:12"]);
    expect(pickChunks(chunks("a", 10_000, 1), 1_000_000, new Set())).toHaveLength(40);
    // The first chunk goes in even when it alone exceeds the budget: a prompt needs material.
    expect(pickChunks(chunks("a", 3, 10_000), 100, new Set())).toHaveLength(1);
  });

  it("maps a source number to its citation, narrowed to a page inside the span, and nothing else", () => {
    const sources: SourceChunk[] = [
      {
        chunkId: "d:0",
        documentId: "d",
        documentTitle: "Notes <b>",
        pageStart: 3,
        pageEnd: 4,
        text: "x",
        tokenCount: 1,
      },
    ];
    expect(citationOf(sources, 1, 4)).toMatchObject({ chunkId: "d:0", pageStart: 4, pageEnd: 4 });
    expect(citationOf(sources, 1, 9)).toMatchObject({ pageStart: 3, pageEnd: 4 });
    expect(citationOf(sources, 2, null)).toBeUndefined();
    expect(citationOf(sources, 0.5, null)).toBeUndefined();
    expect(fenceSources(sources)).toMatch(/<source-k[0-9a-z]+ id="1" title="Notes &#60;b&#62;" pages="3-4">/);
  });
});
