import { describe, expect, it } from "vitest";
import { cosine as exactCosine } from "../../test/memory-vectorize";
import { hashEmbed } from "../embeddings/hashing-embedder";
import { buildMatrix, MatrixCache, nearest } from "./vector-matrix";

const TEXTS = Array.from(
  { length: 200 },
  (_, i) => `report ${i} engine power loss ${i % 7 ? "carburetor icing" : "fuel exhaustion"} runway ${i % 13} pilot`,
);

describe("the int8 vector matrix", () => {
  const vectors = TEXTS.map((t) => hashEmbed(t));
  const matrix = buildMatrix(
    vectors.map((v, i) => ({ id: `doc_${i % 5}:${i}`, vector: Float32Array.from(v) })),
    512,
  );

  it("scores every row within 0.01 of the exact cosine", () => {
    const query = hashEmbed("carburetor icing engine power");
    const scored = nearest(matrix, query, TEXTS.length);
    expect(scored).toHaveLength(TEXTS.length);
    for (const { row, score } of scored) {
      expect(Math.abs(score - exactCosine(query, vectors[row] as number[]))).toBeLessThan(0.01);
    }
  });

  it("ranks best first, honours topK and the row filter", () => {
    const query = hashEmbed("fuel exhaustion runway 3");
    const top = nearest(matrix, query, 5, (row) => row % 2 === 0);
    expect(top).toHaveLength(5);
    expect(top.every(({ row }) => row % 2 === 0)).toBe(true);
    for (let i = 1; i < top.length; i++) expect(top[i - 1]?.score).toBeGreaterThanOrEqual(top[i]?.score as number);
    const exactBest = vectors
      .map((v, row) => ({ row, score: exactCosine(query, v) }))
      .filter(({ row }) => row % 2 === 0)
      .sort((a, b) => b.score - a.score)[0];
    expect(top[0]?.row).toBe(exactBest?.row);
  });

  it("takes a quarter of the Float32 bytes", () => {
    expect(matrix.values.byteLength).toBe(TEXTS.length * 512);
  });
});

describe("the matrix cache", () => {
  const small = (n: number) =>
    buildMatrix(
      Array.from({ length: n }, (_, i) => ({ id: `d:${i}`, vector: Float32Array.from(hashEmbed(`t ${i}`)) })),
      512,
    );

  it("answers only for the same key (content version)", () => {
    const cache = new MatrixCache(1 << 20);
    const m = small(3);
    cache.set("nb1", "v1:512", m);
    expect(cache.get("nb1", "v1:512")).toBe(m);
    expect(cache.get("nb1", "v2:512")).toBeUndefined();
    expect(cache.get("nb2", "v1:512")).toBeUndefined();
  });

  it("stays within its byte budget, evicting the least recently used", () => {
    const a = small(100);
    const cache = new MatrixCache(a.bytes * 2 + 10);
    cache.set("a", "k", a);
    cache.set("b", "k", small(100));
    cache.get("a", "k"); // a is now the most recent
    cache.set("c", "k", small(100));
    expect(cache.get("a", "k")).toBe(a);
    expect(cache.get("b", "k")).toBeUndefined();
    expect(cache.size).toBe(2);
    cache.set("huge", "k", small(300)); // larger than the whole budget: not kept
    expect(cache.get("huge", "k")).toBeUndefined();
  });
});
